using CausalCart.Causal.DiD;
using CausalCart.Core.Errors;
using CausalCart.Core.Results;
using CausalCart.Core.Tables;
using CausalCart.Pipeline.Tables;
using CausalCart.Store;

namespace CausalCart.Pipeline.Analysis;

/// <summary>A difference-in-differences analysis of a long-format panel file (<c>causalcart did</c>).</summary>
public sealed record DidRequest
{
    /// <summary>CSV with a header (one row per unit and period), or Parquet.</summary>
    public required string DataPath { get; init; }

    /// <summary>Unit column (numbers or text).</summary>
    public required string Unit { get; init; }

    /// <summary>Period column (whole numbers on an increasing scale, e.g. years or week numbers).</summary>
    public required string Time { get; init; }

    /// <summary>Outcome column (numeric, no missing values).</summary>
    public required string Outcome { get; init; }

    /// <summary>First-treated period column (0 for never treated); exactly one of this and <see cref="Treated"/>.</summary>
    public string? FirstTreated { get; init; }

    /// <summary>0/1 treatment column (absorbing: once treated, always treated); exactly one of this and <see cref="FirstTreated"/>.</summary>
    public string? Treated { get; init; }

    /// <summary>Numeric covariates (their base-period values enter the comparisons).</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>Column of clusters coarser than the unit (e.g. state) for the standard errors, or null.</summary>
    public string? Cluster { get; init; }

    /// <summary>Drop units with missing periods instead of refusing the panel.</summary>
    public bool DropIncompleteUnits { get; init; }

    /// <summary>Estimator settings.</summary>
    public CallawaySantAnnaOptions Options { get; init; } = new();

    /// <summary>The study name; null uses the file name.</summary>
    public string? Study { get; init; }
}

/// <summary>Runs <see cref="CallawaySantAnna"/> and two-way fixed effects on a panel file and builds the result record.</summary>
public static class DidService
{
    /// <summary>Reads, validates, estimates.</summary>
    /// <exception cref="CausalCartException">A missing file or column, a non-numeric column, a bad panel (usage), each naming the problem.</exception>
    public static DidAnalysisResult Run(DidRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.FirstTreated is null) == (request.Treated is null))
        {
            throw new CausalCartException(ErrorKind.Usage, "Give exactly one of the first-treated period column (--first-treated) and the 0/1 treatment column (--treated).");
        }

        UnitTable table = UnitTableFiles.Read(request.DataPath);
        return Analyze(table, request, [new InputFile(request.DataPath, EventStore.ComputeSha256(request.DataPath))]);
    }

    /// <summary>Validates and estimates on a panel already in memory (a study's user × period panel); <see cref="DidRequest.DataPath"/>
    /// names the source only when <see cref="DidRequest.Study"/> is null.</summary>
    /// <exception cref="CausalCartException">As <see cref="Run"/>, less the file errors.</exception>
    internal static DidAnalysisResult Analyze(UnitTable table, DidRequest request, IReadOnlyList<InputFile> inputs)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(request);
        if ((request.FirstTreated is null) == (request.Treated is null))
        {
            throw new CausalCartException(ErrorKind.Usage, "Give exactly one of the first-treated period column (--first-treated) and the 0/1 treatment column (--treated).");
        }

        long[] unit = Ids(table, request.Unit, "unit");
        int[] period = Whole(table, request.Time, "period");
        double[] outcome = Numbers(table, request.Outcome, "outcome");
        int[] firstTreated;
        try
        {
            firstTreated = request.FirstTreated is { } g
                ? Whole(table, g, "first-treated")
                : DidPanel.FirstTreatedFromIndicator(unit, period, Whole(table, request.Treated!, "treatment"));
        }
        catch (ArgumentException e)
        {
            throw new CausalCartException(ErrorKind.Usage, "The treatment timing cannot be read: " + Plain(e), e);
        }

        var covariates = request.Covariates.Select(c => new DidCovariate(c, Numbers(table, c, "covariate"))).ToArray();
        long[]? cluster = request.Cluster is { } cl ? Ids(table, cl, "cluster") : null;
        DidPanel panel;
        CallawaySantAnnaResult fit;
        try
        {
            panel = DidPanel.Create(
                new DidPanelColumns(unit, period, outcome, firstTreated, covariates.Length == 0 ? null : covariates, cluster),
                request.DropIncompleteUnits ? UnbalancedPanelHandling.DropIncompleteUnits : UnbalancedPanelHandling.Reject);
            fit = new CallawaySantAnna(request.Options).Fit(panel);
        }
        catch (ArgumentException e)
        {
            throw new CausalCartException(ErrorKind.Usage, "The panel cannot be analysed: " + Plain(e), e);
        }
        catch (InvalidOperationException e)
        {
            // CallawaySantAnna.Fit's documented failures: a singular covariate design, or covariates that separate a cohort
            // from its comparison units (no overlap, so the conditional effect is not identified from these data).
            throw new CausalCartException(ErrorKind.NotIdentifiable, "The effect cannot be estimated with these covariates: " + e.Message, e);
        }

        var warnings = new List<string>(fit.Warnings);
        DidAggregate simple = fit.Aggregate(DidAggregation.Simple);
        DidAggregate dynamic = fit.Aggregate(DidAggregation.Dynamic);
        DidAggregate cohort = fit.Aggregate(DidAggregation.Group);
        DidPoint? twfe = null;
        try
        {
            if (TwoWayFixedEffects.FitStatic(panel, new TwoWayFixedEffectsOptions { ConfidenceLevel = request.Options.ConfidenceLevel }).Static is { } s)
            {
                twfe = new DidPoint(0, s.Estimate, s.StdError, s.CiLower, s.CiUpper, s.CiLower, s.CiUpper);
            }
        }
        catch (ArgumentException e)
        {
            warnings.Add("Two-way fixed effects could not be computed for comparison: " + e.Message);
        }

        DidPoint[] eventStudy = [.. dynamic.Points.OrderBy(p => p.Key).Select(Point)];
        bool preTrends = eventStudy.Any(p => p.Key < -request.Options.Anticipation && (p.BandLower > 0 || p.BandUpper < 0));
        if (preTrends)
        {
            warnings.Add("Before treatment the treated cohorts already moved apart from the comparison units (a pre-treatment event time's " +
                "uniform band excludes zero): parallel trends are doubtful, so the effects after treatment may be biased.");
        }

        // Intervals come from the spread of units' influence functions within each group; with a handful of units that
        // spread is itself unknown (with one unit it is exactly zero), so say so rather than print a confident interval.
        const int fewUnits = 5;
        var groupSizes = Enumerable.Range(0, panel.UnitCount).GroupBy(panel.FirstTreated).ToDictionary(g => g.Key, g => g.Count());
        var small = groupSizes.Where(kv => kv.Value < fewUnits && (kv.Key > 0 || request.Options.ControlGroup == DidControlGroup.NeverTreated))
            .OrderBy(kv => kv.Key).Select(kv => kv.Key == 0 ? $"the never-treated group has {kv.Value}" : $"cohort {kv.Key} has {kv.Value}").ToList();
        if (small.Count > 0)
        {
            warnings.Add($"Too few units for trustworthy intervals: {string.Join(", ", small)} unit(s) (fewer than {fewUnits}); the standard errors " +
                "rest on the spread between those units and can be far too small.");
        }

        if (panel.DroppedUnits > 0)
        {
            warnings.Add($"{panel.DroppedUnits} unit(s) were dropped ({panel.AlwaysTreatedUnits} treated from the first period, so without a period before treatment; the rest with missing periods).");
        }

        var design = new DidDesign(
            request.Unit,
            request.Time,
            request.Outcome,
            request.FirstTreated is { } ft ? $"first-treated period column '{ft}'" : $"0/1 treatment column '{request.Treated}' (absorbing)",
            request.Covariates,
            System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(request.Options.ControlGroup.ToString()),
            System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(request.Options.Estimation.ToString()),
            System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(request.Options.BasePeriod.ToString()),
            request.Options.Anticipation,
            panel.UnitCount,
            panel.PeriodCount,
            panel.Groups,
            Enumerable.Range(0, panel.UnitCount).Count(i => panel.FirstTreated(i) == 0),
            panel.DroppedUnits,
            request.Options.ConfidenceLevel,
            request.Options.BootstrapReplications);
        return new DidAnalysisResult(
            SchemaVersions.Did,
            request.Study ?? Path.GetFileNameWithoutExtension(request.DataPath),
            design,
            Single(simple.Overall),
            Single(dynamic.Overall),
            Single(cohort.Overall),
            eventStudy,
            [.. cohort.Points.OrderBy(p => p.Key).Select(Point)],
            [.. fit.Effects.Where(e => !e.IsReference).Select(e => new DidGroupTime(e.Group, e.Period, e.EventTime, e.Att, e.StdError, e.CiLower, e.CiUpper, e.NTreated, e.NControl))],
            twfe,
            preTrends,
            warnings,
            Manifests.Create(unchecked((int)request.Options.Seed), inputs));
    }

    /// <summary>The estimator's message in a user's terms: without the parameter name, and with the library's option
    /// names replaced by the CLI flag and study-spec key that set them.</summary>
    private static string Plain(ArgumentException e)
    {
        return UserMessage.Of(e)
            .Replace($"pass {nameof(UnbalancedPanelHandling)}.{nameof(UnbalancedPanelHandling.DropIncompleteUnits)}", "pass --drop-incomplete-units", StringComparison.Ordinal)
            .Replace("use ControlGroup = NotYetTreated", "compare with not-yet-treated units instead (--control not-yet; in a study spec, did.control: not_yet)", StringComparison.Ordinal);
    }

    private static DidPoint Single(DidEstimate e) => new(0, e.Estimate, e.StdError, e.CiLower, e.CiUpper, e.CiLower, e.CiUpper);

    private static DidPoint Point(DidAggregatePoint p) => new(p.Key, p.Estimate, p.StdError, p.CiLower, p.CiUpper, p.BandLower, p.BandUpper);

    private static UnitColumn Column(UnitTable table, string name, string role) => table.Contains(name)
        ? table[name]
        : throw new CausalCartException(ErrorKind.Usage, $"The {role} column '{name}' is not in the data; columns are: {string.Join(", ", table.Columns.Select(c => c.Name))}.");

    private static double[] Numbers(UnitTable table, string name, string role)
    {
        if (Column(table, name, role) is not NumericColumn numeric)
        {
            throw new CausalCartException(ErrorKind.Usage, $"The {role} column '{name}' is not numeric.");
        }

        double[] values = numeric.Values.ToArray();
        int missing = Array.FindIndex(values, v => !double.IsFinite(v));
        return missing < 0
            ? values
            : throw new CausalCartException(ErrorKind.Usage, $"The {role} column '{name}' has a missing or non-finite value in data row {missing + 1}.");
    }

    private static int[] Whole(UnitTable table, string name, string role)
    {
        double[] values = Numbers(table, name, role);
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (v != Math.Round(v) || v < int.MinValue || v > int.MaxValue)
            {
                throw new CausalCartException(ErrorKind.Usage, $"The {role} column '{name}' must hold whole numbers; data row {i + 1} has {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }

            result[i] = (int)v;
        }

        return result;
    }

    // Numeric ids as they are (when whole); text ids by their level index.
    private static long[] Ids(UnitTable table, string name, string role)
    {
        UnitColumn column = Column(table, name, role);
        if (column is CategoricalColumn categorical)
        {
            ReadOnlySpan<int> codes = categorical.Codes;
            var ids = new long[codes.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = codes[i] >= 0 ? codes[i]
                    : throw new CausalCartException(ErrorKind.Usage, $"The {role} column '{name}' is missing in data row {i + 1}.");
            }

            return ids;
        }

        double[] values = Numbers(table, name, role);
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            result[i] = v == Math.Round(v) && Math.Abs(v) < 9e15 ? (long)v
                : throw new CausalCartException(ErrorKind.Usage, $"The {role} column '{name}' must hold whole numbers or text; data row {i + 1} has {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        return result;
    }
}
