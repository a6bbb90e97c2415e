using CausalCart.Causal;
using CausalCart.Core.Errors;
using CausalCart.Core.Progress;
using CausalCart.Core.Results;
using CausalCart.Features.Study;
using CausalCart.Features.UnitTables;
using CausalCart.Ingest;
using CausalCart.Pipeline.Ingestion;
using CausalCart.Pipeline.Tables;
using CausalCart.Store;
using CausalCart.Store.DuckDb;

namespace CausalCart.Pipeline.Analysis;

/// <summary>
/// Runs a study spec end to end: opens (or builds from raw files) the event store, compiles the spec
/// into a unit table with every covariate before time zero, encodes it, estimates, checks and refutes.
/// </summary>
public static class StudyAnalysis
{
    /// <summary>Analyses a validated spec.</summary>
    /// <param name="spec">The study.</param>
    /// <param name="options">Estimation settings; methods, refuters and seed default to the spec's.</param>
    /// <param name="progress">Progress sink.</param>
    /// <exception cref="CausalCartException">Missing data files (usage), insufficient overlap (not identifiable), a causal graph
    /// under which no measured adjustment set exists (not identifiable), bad controls under <c>graph.bad_controls: refuse</c> (usage).</exception>
    /// <exception cref="StudySpecException">The spec or its causal graph is invalid.</exception>
    public static AnalysisResult Run(StudySpec spec, StudyRunOptions? options = null, IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new StudyRunOptions();
        spec.Validate();
        if (spec.Did is not null)
        {
            throw new ArgumentException($"Study '{spec.Name}' is a difference-in-differences study: run it with RunDid.", nameof(spec));
        }


        // The graph is read and checked before any data is touched: a bad graph fails fast with its lines.
        var graph = spec.Graph is { } graphSpec ? StudyGraphs.Load(graphSpec) : null;
        var inputs = new List<InputFile>();
        var storePath = PrepareStore(spec, inputs, progress);
        using var store = EventStore.Open(storePath);
        progress?.Report(new ProgressUpdate("build unit table", 0, null, "units"));
        var table = StudyTableBuilder.Build(store, spec);
        var description = table.Description;
        if (description.RowCount == 0)
        {
            throw new CausalCartException(ErrorKind.Usage, $"Study '{spec.Name}' has no eligible units in '{storePath}'. Check the time zero and eligibility window against the data's time range.");
        }

        IReadOnlyList<string> controls = [.. description.Covariates.Where(c => !description.ConstantCovariates.Contains(c))];
        GraphIdentification? identification = null;
        IReadOnlyList<string> graphWarnings = [];
        if (graph is not null)
        {
            (controls, identification, graphWarnings) = StudyGraphs.Plan(spec.Graph!, graph, controls);
            if (spec.Graph!.File is { } graphFile)
            {
                inputs.Add(new InputFile(graphFile, EventStore.ComputeSha256(graphFile)));
            }
        }

        var design = DesignMatrixBuilder.Build(table.Table, "treatment", "outcome", controls,
            group: spec.Unit == StudyUnit.UserItem ? "user" : null);
        var analysisOptions = new EffectAnalysisOptions
        {
            Methods = spec.Estimators,
            // Absent from the spec: the standard three; `refuters: []`: none (a fast analysis, e.g. for coverage studies).
            Refuters = options.Refuters ?? spec.Refuters ?? [Refuter.Placebo, Refuter.RandomCommonCause, Refuter.DataSubset],
            RefutationSimulations = options.RefutationSimulations,
            OutcomeModel = spec.Nuisance == NuisanceLearner.Linear ? OutcomeModelKind.Linear : OutcomeModelKind.Auto,
            Seed = spec.Seed,
            AllowPoorOverlap = options.AllowPoorOverlap,
            Learners = spec.Nuisance switch
            {
                NuisanceLearner.Gbdt => Causal.Dml.FlexibleNuisances.GradientBoosting(spec.Seed),
                NuisanceLearner.Forest => Causal.Dml.FlexibleNuisances.RandomForest(spec.Seed),
                NuisanceLearner.Stack => Causal.Dml.FlexibleNuisances.Stacked(spec.Seed),
                _ => null,
            },
            WhoRespondsGroups = spec.WhoResponds?.Groups ?? 0,
        };
        IReadOnlyList<string>? segments = spec.WhoResponds?.Segment is { } segmentColumn
            ? SegmentLabels.For(table.Table, segmentColumn, design)
            : null;
        (DateTime? firstEvent, DateTime? lastEvent) = LogRange(store);
        IReadOnlyList<string> caveats = StudyCaveats.Find(spec, table.Table.Numeric("t0").Values, firstEvent, lastEvent);
        EffectAnalysisResult effects;
        try
        {
            effects = EffectAnalysis.Run(design, analysisOptions, progress, segments);
        }
        catch (CausalCartException e) when (e.Kind == ErrorKind.NotIdentifiable && caveats.Count > 0)
        {
            throw new CausalCartException(e.Kind, e.Message + " Also note: " + string.Join(" ", caveats), e);
        }

        var instrumental = spec.Instrument is null ? null : RunInstrumentalVariables(spec, table.Table, controls, analysisOptions.Learners, storePath, inputs, progress);
        var warnings = new List<string>(graphWarnings);
        warnings.AddRange(effects.Warnings);
        warnings.AddRange(design.Notes.Where(n => n.Contains("dropped because", StringComparison.Ordinal)));
        if (description.ConstantCovariates.Count > 0)
        {
            warnings.Add($"{description.ConstantCovariates.Count} covariate(s) were constant over the eligible units and were left out: {string.Join(", ", description.ConstantCovariates)}.");
        }
        warnings.AddRange(caveats);

        var studyDescription = new StudyDescription(
            StudyWords.Unit(spec.Unit),
            StudyWords.TimeZero(spec, description.SharedTimeZero),
            StudyWords.Eligibility(spec),
            StudyWords.Treatment(spec),
            StudyWords.Outcome(spec),
            design.CovariateNames,
            spec.Nuisance switch
            {
                NuisanceLearner.Linear => "linear outcome models, logistic propensity, 5-fold cross-fitting",
                NuisanceLearner.Gbdt => "gradient-boosted trees (early stopping) for AIPW's propensity and outcome models, GLMs for regression and IPW, 5-fold cross-fitting",
                NuisanceLearner.Forest => "random forests (300 trees; a probability forest for the propensity) for AIPW's propensity and outcome models, GLMs for regression and IPW, 5-fold cross-fitting",
                NuisanceLearner.Stack => "a cross-validated stack (ridge, quadratic ridge, boosted trees, random forest) for AIPW's outcome models and boosted trees for its propensity, GLMs for regression and IPW, 5-fold cross-fitting",
                _ => "logistic regression (L2), 5-fold cross-fitting",
            }
                + (spec.Unit == StudyUnit.UserItem ? " grouped by user" : string.Empty),
            design.RowCount,
            design.Treatment.LongCount(t => t == 1),
            design.Treatment.LongCount(t => t == 0));
        return new AnalysisResult(
            SchemaVersions.Analysis,
            spec.Name,
            studyDescription,
            effects.Association,
            effects.Estimates,
            effects.Overlap,
            effects.Balance,
            effects.Refutations,
            options.Truth,
            warnings,
            Manifests.Create(spec.Seed, inputs),
            identification,
            effects.Heterogeneity is { } who ? who with { SegmentColumn = spec.WhoResponds?.Segment } : null,
            instrumental);
    }

    /// <summary>The study's instrumental-variable estimates on its unit table, with the same controls as the other estimators;
    /// the design names the treatment, outcome and instrument in words.</summary>
    private static IvAnalysisResult RunInstrumentalVariables(
        StudySpec spec, Core.Tables.UnitTable table, IReadOnlyList<string> controls, Causal.Dml.NuisanceLearners? learners,
        string storePath, IReadOnlyList<InputFile> inputs, IProgress<ProgressUpdate>? progress)
    {
        progress?.Report(new ProgressUpdate("instrumental variables", 0, null, "steps"));
        var z = table.Numeric("instrument").Values;
        var encouraged = 0;
        foreach (var v in z)
        {
            encouraged += v == 1.0 ? 1 : 0;
        }

        if (encouraged == 0 || encouraged == z.Length)
        {
            throw new CausalCartException(ErrorKind.Usage,
                $"The instrument ({StudyWords.Instrument(spec)}) is {(encouraged == 0 ? 0 : 1)} for every one of the {z.Length:N0} units: it cannot move the treatment. "
                + "Check the instrument's campaign, arm or action and its window against the data.");
        }

        var result = IvService.Analyze(table, new IvRequest
        {
            DataPath = storePath,
            Treatment = "treatment",
            Outcome = "outcome",
            Instrument = "instrument",
            Controls = controls,
            Methods = IvService.Names(spec.IvEstimators),
            Learners = learners,
            Seed = spec.Seed,
        }, spec.Name, inputs);
        return result with
        {
            Warnings = spec.Unit == StudyUnit.UserItem
                ? [.. result.Warnings, "The instrumental-variable standard errors treat each user–item pair as independent; pairs of one user are not, so the intervals may be too narrow."]
                : result.Warnings,
            Design = result.Design with
            {
                Treatment = StudyWords.Treatment(spec),
                Outcome = StudyWords.Outcome(spec),
                Instrument = StudyWords.Instrument(spec)!,
            },
        };
    }

    /// <summary>Analyses a difference-in-differences study (<see cref="StudySpec.Did"/>): builds its user × period panel from the
    /// store and runs <see cref="DidService"/> (Callaway &amp; Sant'Anna against never- or not-yet-treated users, doubly robust, with two-way
    /// fixed effects beside it).</summary>
    /// <param name="spec">A spec with a <c>did</c> block.</param>
    /// <param name="progress">Progress sink.</param>
    /// <exception cref="CausalCartException">Missing data files, no such rollout campaign or arm, no users in the panel's time range,
    /// or a panel the estimator cannot use (no never-treated users, no cohort with a period before treatment) — usage errors.</exception>
    /// <exception cref="StudySpecException">The spec is invalid.</exception>
    public static DidAnalysisResult RunDid(StudySpec spec, IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var did = spec.Did ?? throw new ArgumentException($"Study '{spec.Name}' has no 'did' block.", nameof(spec));
        var inputs = new List<InputFile>();
        var storePath = PrepareStore(spec, inputs, progress);
        using var store = EventStore.Open(storePath);
        progress?.Report(new ProgressUpdate("build panel", 0, null, "rows"));
        Core.Tables.UnitTable panel;
        try
        {
            panel = DidPanelBuilder.Build(store, spec);
        }
        catch (InvalidOperationException e)
        {
            throw new CausalCartException(ErrorKind.Usage, e.Message, e);
        }

        if (panel.RowCount == 0)
        {
            throw new CausalCartException(ErrorKind.Usage,
                $"Study '{spec.Name}' has no user with an event in [{did.Start:O}, {did.End:O}) in '{storePath}'. Check did.start, did.period and did.periods against the data's time range.");
        }

        progress?.Report(new ProgressUpdate("difference in differences", 0, null, "steps"));
        var result = DidService.Analyze(panel, new DidRequest
        {
            DataPath = storePath,
            Unit = DidPanelBuilder.UserColumn,
            Time = DidPanelBuilder.PeriodColumn,
            Outcome = DidPanelBuilder.OutcomeColumn,
            FirstTreated = DidPanelBuilder.FirstTreatedColumn,
            Covariates = did.CovariateColumns,
            Study = spec.Name,
            Options = new Causal.DiD.CallawaySantAnnaOptions
            {
                Seed = (ulong)spec.Seed,
                ControlGroup = did.Control == DidControl.NotYetTreated ? Causal.DiD.DidControlGroup.NotYetTreated : Causal.DiD.DidControlGroup.NeverTreated,
                BasePeriod = did.BasePeriod == DidBase.Universal ? Causal.DiD.DidBasePeriod.Universal : Causal.DiD.DidBasePeriod.Varying,
                Anticipation = did.Anticipation,
                Estimation = did.Estimation switch
                {
                    DidEstimationMethod.OutcomeRegression => Causal.DiD.DidEstimation.OutcomeRegression,
                    DidEstimationMethod.Ipw => Causal.DiD.DidEstimation.Ipw,
                    _ => Causal.DiD.DidEstimation.DoublyRobust,
                },
            },
        }, inputs);
        return result with
        {
            Design = result.Design with
            {
                Unit = "user",
                Time = $"period of {StudyWords.Words(did.Period)} from {did.Start.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC",
                Outcome = StudyWords.DidOutcome(did),
                Treatment = $"the '{did.Rollout}' rollout{(did.Arm is null ? string.Empty : $" (arm '{did.Arm}')")}: a user's cohort is the period of their first exposure",
            },
        };
    }

    private static (DateTime? First, DateTime? Last) LogRange(EventStore store)
    {
        var first = store.Connection.QueryScalar("SELECT epoch_us(min(ts)) FROM events");
        var last = store.Connection.QueryScalar("SELECT epoch_us(max(ts)) FROM events");
        return first is long f && last is long l ? (DuckDbTime.FromMicros(f), DuckDbTime.FromMicros(l)) : (null, null);
    }

    private static string PrepareStore(StudySpec spec, List<InputFile> inputs, IProgress<ProgressUpdate>? progress)
    {
        var data = spec.Data;
        if (data.Store is { } store)
        {
            if (!File.Exists(store))
            {
                throw new CausalCartException(ErrorKind.Usage, $"data.store '{store}' does not exist. Create it with 'causalcart ingest <log> --store {store}'.");
            }

            inputs.Add(new InputFile(store, "(store)"));
            return store;
        }

        var events = data.Events ?? throw new CausalCartException(ErrorKind.Usage, "data needs either store or events.");
        var storePath = events + ".causalcart.duckdb";
        var format = LogFormats.Parse(data.Format.ToString().ToLowerInvariant());
        IngestService.Run(new IngestRequest { Path = events, StorePath = storePath, Format = format }, progress);
        inputs.Add(new InputFile(events, EventStore.ComputeSha256(events)));
        if (data.Exposures is { } exposures)
        {
            IngestService.Run(new IngestRequest { Path = exposures, StorePath = storePath, Kind = IngestKind.Exposures }, progress);
            inputs.Add(new InputFile(exposures, EventStore.ComputeSha256(exposures)));
        }

        if (data.Items is { } items)
        {
            IngestService.Run(new IngestRequest { Path = items, StorePath = storePath, Kind = IngestKind.Items }, progress);
        }

        if (data.Users is { } users)
        {
            IngestService.Run(new IngestRequest { Path = users, StorePath = storePath, Kind = IngestKind.Users }, progress);
        }

        return storePath;
    }
}
