using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Sequence;
using CausalCart.Sequence.Baselines;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Evaluation;

namespace CausalCart.Pipeline.Modeling;

/// <summary>Evaluates a checkpoint beside the baselines (popularity, Markov, previous action, logistic regression on aggregates).</summary>
public static class ModelEvaluationService
{
    /// <summary>Runs an evaluation request. Deterministic.</summary>
    /// <exception cref="CausalCartException">A missing or unreadable checkpoint, a checkpoint of another vocabulary or version, or an invalid data source.</exception>
    public static ModelEvaluationResult Run(ModelEvaluateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CutOffs.Count == 0 || request.CutOffs.Any(k => k <= 0))
        {
            throw new CausalCartException("Cut-offs K must be positive (e.g. 5,10,20).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(request.Threads, 1);
        var model = SequenceModel.Load(request.CheckpointPath).WithThreads(request.Threads);
        var source = request.Data;
        string? cutFrom = null;
        if (source.StorePath is not null)
        {
            cutFrom = "option";
            if (source.Cut is null)
            {
                var manifestCut = ModelTrainingService.ReadManifest(request.CheckpointPath) is { Source: "store", Cut: { } c } ? c : (DateTimeOffset?)null;
                cutFrom = manifestCut is null ? "default" : "manifest";
                source = source with { Cut = manifestCut };
            }
        }

        var data = ModelDataLoader.Load(source, model.Options.PurchaseHorizon, cancellationToken);
        RequireVocabulary(model, data, request.CheckpointPath);
        var ks = request.CutOffs;
        var loo = NextEvent(model, data.Training, ks, request.Threads);
        TimeSplitEvaluation? timeSplit = null;
        if (data.Cut is { } cut)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = NextEvent(model, data.All.UpToFirstEventAfter(cut), ks, request.Threads);
            var purchaseModel = model.PurchaseHead ? model.EvaluatePurchase(data.All, cut) : null;
            var purchaseBaseline = SequenceBaselines.PurchaseLogisticRegression(data.All, cut, model.Options.PurchaseHorizon);
            timeSplit = new TimeSplitEvaluation(next, new PurchaseEvaluation(purchaseModel, purchaseBaseline));
        }

        return new ModelEvaluationResult(
            ModelEvaluationResult.CurrentSchemaVersion, request.CheckpointPath, ModelDataSummary.From(data), cutFrom, model.Options.PurchaseHorizon, loo, timeSplit);
    }

    /// <summary>
    /// Throws <see cref="CausalCartException"/> unless the data has the model's vocabulary, saying how many of the
    /// data's items the model knows.
    /// </summary>
    internal static void RequireVocabulary(SequenceModel model, ModelData data, string checkpoint)
    {
        if (model.VocabularyHash == data.All.VocabularyHash)
        {
            return;
        }

        var known = new HashSet<long>(model.Vocabulary);
        var shared = Enumerable.Range(0, data.All.ItemCount).Count(r => known.Contains(data.All.ItemOf(r)));
        throw new CausalCartException(string.Create(CultureInfo.InvariantCulture,
            $"Checkpoint '{checkpoint}' was trained on another item vocabulary ({model.ItemCount:N0} items, hash {model.VocabularyHash:x16}) than '{data.Input.Path}' has ({data.All.ItemCount:N0} items, hash {data.All.VocabularyHash:x16}; {shared:N0} items in common). Evaluate a checkpoint on the data it was trained on, or retrain."));
    }

    private static NextEventEvaluation NextEvent(SequenceModel model, SequenceDataset data, IReadOnlyList<int> ks, int threads)
    {
        var m = model.Evaluate(data, EvaluationSplit.Test, ks);
        return new NextEventEvaluation(
            m.Ranking.Users,
            m.Ranking,
            m.Actions,
            SequenceBaselines.Popularity(data, EvaluationSplit.Test, ks, threads),
            SequenceBaselines.Markov(data, EvaluationSplit.Test, ks, threads),
            data.HasActions ? SequenceBaselines.PreviousAction(data, EvaluationSplit.Test) : null);
    }
}
