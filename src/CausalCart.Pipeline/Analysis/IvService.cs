using CausalCart.Causal;
using CausalCart.Causal.Dml;
using CausalCart.Causal.Iv;
using CausalCart.Core.Errors;
using CausalCart.Core.Results;
using CausalCart.Core.Tables;
using CausalCart.Learners.Linear;
using CausalCart.Numerics;
using CausalCart.Pipeline.Tables;
using CausalCart.Store;

namespace CausalCart.Pipeline.Analysis;

/// <summary>An instrumental-variable analysis of a unit table (<c>causalcart iv</c>).</summary>
public sealed record IvRequest
{
    /// <summary>CSV with a header, or Parquet; one row per unit.</summary>
    public required string DataPath { get; init; }

    /// <summary>Treatment column (numeric: 0/1 or continuous).</summary>
    public required string Treatment { get; init; }

    /// <summary>Outcome column (numeric).</summary>
    public required string Outcome { get; init; }

    /// <summary>Instrument column (numeric: 0/1 or continuous).</summary>
    public required string Instrument { get; init; }

    /// <summary>Controls (exogenous covariates); text columns are one-hot encoded.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];

    /// <summary>Methods by name: <c>2sls</c>, <c>wald</c>, <c>pliv</c>, <c>dr_late</c>; empty runs every one that applies.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Flexible nuisance learners for PLIV and DR-LATE, or null for linear/logistic ones.</summary>
    public NuisanceLearners? Learners { get; init; }

    /// <summary>Seed of the cross-fitting splits.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Nominal interval coverage.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>Runs two-stage least squares, the Wald LATE, partially linear IV and DR-LATE on one unit table.</summary>
public static class IvService
{
    /// <summary>The method names, in report order.</summary>
    public static IReadOnlyList<string> MethodNames { get; } = ["2sls", "wald", "pliv", "dr_late"];

    /// <summary>Reads, encodes and estimates.</summary>
    /// <exception cref="CausalCartException">A missing file or column, a non-numeric role column, an unknown method, or a method the
    /// data cannot support (binary instrument and treatment needed by <c>wald</c> and <c>dr_late</c>) — all usage errors.</exception>
    public static IvAnalysisResult Run(IvRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckMethods(request.Methods);
        UnitTable table = UnitTableFiles.Read(request.DataPath);
        return Analyze(table, request, Path.GetFileNameWithoutExtension(request.DataPath), [new InputFile(request.DataPath, EventStore.ComputeSha256(request.DataPath))]);
    }

    /// <summary>The method names, from the spec's and the CLI's method enum.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<IvMethod> methods) => [.. methods.Select(Features.Study.EstimatorNames.Name)];

    private static void CheckMethods(IReadOnlyList<string> methods)
    {
        foreach (string m in methods)
        {
            if (!MethodNames.Contains(m))
            {
                throw new CausalCartException(ErrorKind.Usage, $"Unknown IV method '{m}'. Valid methods: {string.Join(", ", MethodNames)}, all.");
            }
        }
    }

    /// <summary>Encodes and estimates on a table already in memory (a study's unit table, or one <c>estimate</c> read);
    /// <see cref="IvRequest.DataPath"/> is not read.</summary>
    /// <param name="table">The units.</param>
    /// <param name="request">Columns, methods and settings.</param>
    /// <param name="study">The name the result carries.</param>
    /// <param name="inputs">The inputs the manifest lists.</param>
    /// <exception cref="CausalCartException">As <see cref="Run"/>, less the file errors.</exception>
    internal static IvAnalysisResult Analyze(UnitTable table, IvRequest request, string study, IReadOnlyList<InputFile> inputs)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(request);
        CheckMethods(request.Methods);
        double[] y0 = Numeric(table, request.Outcome, "outcome"), d0 = Numeric(table, request.Treatment, "treatment"), z0 = Numeric(table, request.Instrument, "instrument");
        var keep = Enumerable.Range(0, table.RowCount).Where(r => double.IsFinite(y0[r]) && double.IsFinite(d0[r]) && double.IsFinite(z0[r])).ToList();
        if (keep.Count < 10)
        {
            throw new CausalCartException(ErrorKind.Usage, $"Only {keep.Count} row(s) have the outcome, the treatment and the instrument; an IV estimate needs at least 10.");
        }

        if (string.Equals(request.Instrument, request.Treatment, StringComparison.Ordinal) || string.Equals(request.Instrument, request.Outcome, StringComparison.Ordinal))
        {
            throw new CausalCartException(ErrorKind.Usage,
                $"The instrument '{request.Instrument}' is also the {(request.Instrument == request.Treatment ? "treatment" : "outcome")}: an instrument is a separate column that moves the treatment (e.g. a randomised offer).");
        }

        var notes = new List<string>();
        var (xRows, names) = DesignMatrixBuilder.EncodeControls(table, request.Controls, keep, notes);
        int n = keep.Count, p = names.Length;
        double[] y = [.. keep.Select(r => y0[r])], d = [.. keep.Select(r => d0[r])], z = [.. keep.Select(r => z0[r])];
        if (z.All(v => v == z[0]))
        {
            throw new CausalCartException(ErrorKind.Usage,
                $"The instrument '{request.Instrument}' takes the single value {z[0].ToString(System.Globalization.CultureInfo.InvariantCulture)} on every row used, so it cannot move the treatment.");
        }

        bool dBinary = d.All(v => v is 0 or 1), zBinary = z.All(v => v is 0 or 1);
        var adjusted = new[] { "pliv", "dr_late" };
        var warnings = new List<string>(notes.Where(s => s.Contains("dropped", StringComparison.Ordinal)));
        IReadOnlyList<string> methods;
        if (request.Methods.Count > 0)
        {
            methods = request.Methods;
            if (p == 0 && methods.FirstOrDefault(adjusted.Contains) is { } needsControls)
            {
                throw new CausalCartException(ErrorKind.Usage,
                    $"'{needsControls}' adjusts for controls and none were given: name them with --controls, or use 2sls or wald.");
            }
        }
        else
        {
            methods = [.. MethodNames.Where(m => ((m != "wald" && m != "dr_late") || (dBinary && zBinary)) && (p > 0 || !adjusted.Contains(m)))];
            if (p == 0)
            {
                warnings.Add("pliv and dr_late were left out: they adjust for controls, and none were given.");
            }
        }

        if (methods.FirstOrDefault(m => m is "wald" or "dr_late" && !(dBinary && zBinary)) is { } needsBinary)
        {
            throw new CausalCartException(ErrorKind.Usage,
                $"'{needsBinary}' needs a 0/1 instrument and a 0/1 treatment; '{(zBinary ? request.Treatment : request.Instrument)}' takes other values. Use 2sls or pliv.");
        }

        var x = new Matrix(n, p, xRows);
        var controls = Enumerable.Range(0, p).Select(j => new IvColumn(names[j], [.. Enumerable.Range(0, n).Select(i => xRows[(i * p) + j])])).ToArray();
        var level = request.ConfidenceLevel;
        var effectOptions = new EffectOptions { Seed = request.Seed, ConfidenceLevel = level };
        // Without chosen learners a 0/1 outcome gets a logistic outcome model, as in the effect analysis's double-ML family.
        bool yBinary = y.All(v => v is 0 or 1);
        var dml = new DmlOptions { Learners = request.Learners ?? NuisanceLearners.DefaultFor(yBinary) };
        var estimates = new List<IvEstimate>();
        try
        {
            // The double-ML estimators' data (it requires controls, so it is built only for them).
            IvData? ivData = null;
            IvData DmlData() => ivData ??= new IvData(y, d, z, x, names);
            foreach (string method in methods)
            {
                IvEstimate e = method switch
                {
                    "2sls" => TwoStage(y, d, z, controls, request, level),
                    "wald" => Wald(y, d, z, level, p),
                    "pliv" => Pliv(new PartiallyLinearIv(effectOptions, dml).Estimate(DmlData())),
                    _ => DrLate(new DrLate(effectOptions, dml).Estimate(DmlData())),
                };
                estimates.Add(e);
                warnings.AddRange(e.Notes.Where(s => s.Contains("weak", StringComparison.OrdinalIgnoreCase) || s.Contains("equals", StringComparison.OrdinalIgnoreCase)));
            }
        }
        catch (ArgumentException e)
        {
            throw new CausalCartException(ErrorKind.Usage, "The instrumental-variable estimate cannot be computed: " + UserMessage.Of(e), e);
        }

        IvEstimate association = Association(y, d, controls, request.Treatment, level);
        var design = new IvDesign(
            request.Treatment, request.Outcome, request.Instrument, names, n, table.RowCount - n, dBinary, zBinary,
            request.Learners is null ? "logistic models for 0/1 columns (outcome, treatment, instrument), linear models for the others" : "the chosen flexible learners",
            level);
        return new IvAnalysisResult(
            SchemaVersions.Iv,
            study,
            design,
            association,
            estimates,
            [.. warnings.Distinct(StringComparer.Ordinal)],
            Manifests.Create(request.Seed, inputs));
    }

    private static IvEstimate TwoStage(double[] y, double[] d, double[] z, IvColumn[] controls, IvRequest request, double level)
    {
        TwoStageLeastSquaresResult fit = TwoStageLeastSquares.Fit(
            new IvColumn(request.Outcome, y), [new IvColumn(request.Treatment, d)], controls, [new IvColumn(request.Instrument, z)],
            new TwoStageLeastSquaresOptions(ConfidenceLevel: level));
        var c = fit[request.Treatment];
        FirstStageDiagnostics first = fit.FirstStages[0];
        return new IvEstimate("2sls", "the effect of one unit of treatment, assumed the same for everyone (or a weighted average of complier effects)",
            c.Estimate, c.StdError, c.CiLower, c.CiUpper, first.RobustF, null, [.. fit.Notes, first.Note]);
    }

    private static IvEstimate Wald(double[] y, double[] d, double[] z, double level, int controls)
    {
        WaldLateResult w = WaldLate.Estimate(y, d, z, level);
        double f = Math.Pow(w.ComplierShare / w.ComplierShareStdError, 2);
        var notes = new List<string>(w.Notes);
        if (controls > 0)
        {
            notes.Add("The Wald ratio ignores the controls: it is valid only if the instrument was randomised unconditionally.");
        }

        return new IvEstimate("wald", "the effect among compliers (LATE)", w.Estimate, w.StdError, w.CiLower, w.CiUpper, f, w.ComplierShare, notes);
    }

    private static IvEstimate Pliv(PartiallyLinearIvResult r) => new(
        "pliv", "the effect of one unit of treatment in the partially linear model (double ML)",
        r.Effect.Estimate, r.Effect.StdError, r.Effect.CiLower, r.Effect.CiUpper, r.FirstStageF, null, r.Warnings);

    private static IvEstimate DrLate(DrLateResult r) => new(
        "dr_late", "the effect among compliers (LATE), doubly robust",
        r.Late.Estimate, r.Late.StdError, r.Late.CiLower, r.Late.CiUpper, r.FirstStageF, r.ComplierShare.Estimate, r.Warnings);

    private static IvEstimate Association(double[] y, double[] d, IvColumn[] controls, string treatment, double level)
    {
        int n = y.Length, p = controls.Length + 1;
        var x = new Matrix(n, p);
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = d[i];
            for (int j = 0; j < controls.Length; j++)
            {
                x[i, j + 1] = controls[j].Values[i];
            }
        }

        OrdinaryLeastSquaresModel fit = new OrdinaryLeastSquares().Fit(x, y);
        CoefficientTable table = fit.Inference(x, y, new InferenceOptions(CovarianceType.HC1, level));
        Learners.Linear.CoefficientEstimate c = table.Rows[1]; // intercept first, then the treatment
        return new IvEstimate("ols", $"the association of '{treatment}' with the outcome, holding the controls fixed (not an effect if the treatment is confounded)",
            c.Estimate, c.StandardError, c.Lower, c.Upper, null, null, []);
    }

    private static double[] Numeric(UnitTable table, string name, string role)
    {
        if (!table.Contains(name))
        {
            throw new CausalCartException(ErrorKind.Usage, $"The {role} column '{name}' is not in the data; columns are: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }

        return table[name] is NumericColumn c
            ? c.Values.ToArray()
            : throw new CausalCartException(ErrorKind.Usage, $"The {role} column '{name}' is not numeric; an instrumental-variable analysis needs numbers (0/1 for yes/no).");
    }
}
