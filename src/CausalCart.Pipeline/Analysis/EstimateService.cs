using CausalCart.Core.Errors;
using CausalCart.Core.Progress;
using CausalCart.Core.Results;
using CausalCart.Core.Tables;
using CausalCart.Pipeline.Tables;
using CausalCart.Store;

namespace CausalCart.Pipeline.Analysis;

/// <summary>Estimates effects on a user's own unit table (<c>causalcart estimate</c>).</summary>
public static class EstimateService
{
    /// <summary>Reads the table, encodes it, estimates, checks and refutes.</summary>
    /// <exception cref="CausalCartException">Bad file or columns (usage), insufficient overlap (not identifiable).</exception>
    public static AnalysisResult Run(EstimateRequest request, IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = UnitTableFiles.Read(request.DataPath, request.ColumnNames);
        if (request.Instrument is { } instrument)
        {
            if (instrument == request.Treatment || instrument == request.Outcome)
            {
                throw new CausalCartException(ErrorKind.Usage, $"The instrument '{instrument}' is the {(instrument == request.Treatment ? "treatment" : "outcome")} column: an instrument must be a different column that moves the treatment.");
            }

            if (request.Controls.Contains(instrument))
            {
                throw new CausalCartException(ErrorKind.Usage, $"The instrument '{instrument}' is also named as a control: leave it out of --controls (an instrument reaches the outcome only through the treatment, so it is never adjusted for).");
            }
        }
        else if (request.IvMethods.Count > 0)
        {
            throw new CausalCartException(ErrorKind.Usage, $"'{IvService.Names(request.IvMethods)[0]}' is an instrumental-variable method and needs an instrument column: give --instrument.");
        }

        if (request.Controls.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CausalCartException(ErrorKind.Usage, $"--controls names '{twice.Key}' more than once; list each column once.");
        }

        var controls = request.Controls.Count > 0
            ? request.Controls
            : table.Columns.Select(c => c.Name).Where(n => n != request.Treatment && n != request.Outcome && n != request.Group && n != request.Instrument).ToList();
        var inputs = new List<InputFile> { new(request.DataPath, EventStore.ComputeSha256(request.DataPath)) };
        GraphIdentification? identification = null;
        IReadOnlyList<string> graphWarnings = [];
        if (request.Graph is { } graphSpec)
        {
            // The candidate controls are the measured variables; the graph picks the adjustment set among them.
            var graph = StudyGraphs.Load(graphSpec);
            (controls, identification, graphWarnings) = StudyGraphs.Plan(graphSpec, graph, controls);
            if (graphSpec.File is { } graphFile)
            {
                inputs.Add(new InputFile(graphFile, EventStore.ComputeSha256(graphFile)));
            }
        }

        var design = DesignMatrixBuilder.Build(table, request.Treatment, request.Outcome, controls, request.TreatedValue, request.Group);
        var analysis = request.Analysis;
        IReadOnlyList<string>? segments = null;
        if (request.SegmentColumn is { } segmentColumn)
        {
            segments = SegmentLabels.For(table, segmentColumn, design);
            analysis = analysis.WhoRespondsGroups > 0 ? analysis : analysis with { WhoRespondsGroups = 5 };
        }

        var effects = EffectAnalysis.Run(design, analysis, progress, segments);
        var instrumental = request.Instrument is { } z
            ? IvService.Analyze(table, new IvRequest
            {
                DataPath = request.DataPath,
                Treatment = request.Treatment,
                Outcome = request.Outcome,
                Instrument = z,
                Controls = controls,
                Methods = IvService.Names(request.IvMethods),
                Learners = request.Analysis.Learners,
                Seed = request.Analysis.Seed,
                ConfidenceLevel = request.Analysis.ConfidenceLevel,
            }, Path.GetFileNameWithoutExtension(request.DataPath), inputs)
            : null;
        var warnings = new List<string>(graphWarnings);
        warnings.AddRange(effects.Warnings);
        warnings.AddRange(design.Notes.Where(n => n.Contains("dropped", StringComparison.Ordinal)));
        var description = new StudyDescription(
            "row",
            "not applicable: a prepared unit table (covariates are assumed to be measured before treatment)",
            "every row with a treatment and an outcome",
            $"'{request.Treatment}'" + (request.TreatedValue is null ? string.Empty : $" = '{request.TreatedValue}'"),
            $"'{request.Outcome}'",
            design.CovariateNames,
            (request.Analysis.Learners is null ? string.Empty : "AIPW: the chosen flexible propensity and outcome learners; other estimators: ") +
            "logistic propensity; " + (request.Analysis.OutcomeModel switch
            {
                Causal.OutcomeModelKind.Linear => "linear",
                Causal.OutcomeModelKind.Logistic => "logistic",
                _ => "logistic for 0/1 outcomes, linear otherwise",
            }) + $" outcome models; {request.Analysis.Folds}-fold cross-fitting" + (request.Group is null ? string.Empty : $" grouped by '{request.Group}'"),
            design.RowCount,
            design.Treatment.LongCount(t => t == 1),
            design.Treatment.LongCount(t => t == 0));
        return new AnalysisResult(
            SchemaVersions.Analysis,
            Path.GetFileNameWithoutExtension(request.DataPath),
            description,
            effects.Association,
            effects.Estimates,
            effects.Overlap,
            effects.Balance,
            effects.Refutations,
            request.Truth,
            warnings,
            Manifests.Create(request.Analysis.Seed, inputs),
            identification,
            effects.Heterogeneity is { } who ? who with { SegmentColumn = request.SegmentColumn } : null,
            instrumental);
    }
}
