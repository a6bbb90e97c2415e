using System.Diagnostics;
using CausalCart.Core.Errors;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Evaluation;
using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Model;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence;

/// <summary>
/// Trains the behaviour model with a leave-one-out split: each user's events except the last two are
/// training data, the second-to-last is the validation target (early stopping on NDCG@10) and the
/// last the test target. Deterministic given <see cref="SequenceTrainingOptions.Seed"/> and the thread
/// count of the kernels' reductions (results are reproducible run to run on one machine).
/// </summary>
public static class SequenceTrainer
{
    /// <summary>
    /// Fits a model. Throws <see cref="CausalCartException"/> on invalid options or too little data, and
    /// <see cref="TrainingDivergedException"/> naming the step and tensor when a loss, activation or
    /// gradient becomes NaN or infinite.
    /// </summary>
    public static SequenceTrainingResult Train(SequenceDataset data, SequenceModelOptions model, SequenceTrainingOptions training, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        model.Validate();
        training.Validate();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var compute = new Compute(training.Threads);
        var shape = new ModelShape(data.ItemCount, Enum.GetValues<Core.Events.CanonicalAction>().Length, model.GapBuckets, model.MaxLength, model.Channels, model.Layers, model.Heads);
        var sampled = model.ItemLoss == NextItemLoss.SampledSoftmax || (model.ItemLoss == NextItemLoss.Automatic && data.ItemCount > model.FullSoftmaxLimit);
        var useActions = data.HasActions && model.ActionLossWeight > 0;
        var usePurchase = data.HasTimestamps && model.PurchaseLossWeight > 0;
        var trainUsers = Enumerable.Range(0, data.UserCount).Where(u => data.Items[u].Length - 2 >= 2).ToArray();
        if (trainUsers.Length == 0)
        {
            throw new CausalCartException("No user has the four or more events the leave-one-out split needs (two to train on, one to validate, one to test).");
        }

        var parameters = Weights.DeclareLayout(shape);
        parameters.Allocate();
        Initializer.Initialize(parameters, shape, training.Seed);
        var gradients = parameters.CloneLayout();
        var negatives = sampled ? Math.Min(model.SampledNegatives, data.ItemCount) : 0;
        var maxTokens = training.BatchSize * model.MaxLength;
        var net = new Transformer(shape, parameters, gradients, maxTokens, training.BatchSize, Math.Max(1, negatives), compute);
        var adam = new AdamW(parameters, compute);
        var windows = new Windows(data, shape, model, useActions, usePurchase);
        var batch = new PackedBatch(maxTokens, training.BatchSize);
        var sampler = sampled ? new NegativeSampler(data, negatives) : null;
        var itemTensor = parameters.Tensors.ToList().FindIndex(t => t.Name == "item_embedding");
        var fitted = new SequenceModel(model, shape, parameters, data.ItemIds, useActions, usePurchase).WithThreads(training.Threads);

        var best = (float[])parameters.Data.Clone();
        double bestNdcg = double.NegativeInfinity;
        var bestEpoch = 0;
        var sinceBest = 0;
        var history = new List<EpochRecord>();
        long step = 0, tokens = 0;
        double trainSeconds = 0;
        var epoch = 0;
        var stopped = "epoch limit";
        SequenceEvaluation? bestValidation = null;
        for (epoch = 1; epoch <= training.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epochClock = Stopwatch.StartNew();
            var order = (int[])trainUsers.Clone();
            new Rng(training.Seed ^ (0xE90C0000UL + (ulong)epoch)).Shuffle<int>(order);
            double lossSum = 0;
            var batches = 0;
            for (var i = 0; i < order.Length;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch.Clear();
                while (i < order.Length && batch.Sequences < training.BatchSize)
                {
                    windows.AppendTraining(batch, order[i], data.Items[order[i]].Length - 2);
                    i++;
                }

                step++;
                tokens += batch.Tokens;
                Array.Clear(gradients.Data);
                net.Forward(batch, model.Dropout, training.Seed, step);
                LossSettings settings;
                Dictionary<int, List<int>>? sparse = null;
                if (sampler is not null)
                {
                    var negs = sampler.Draw(training.Seed, step);
                    settings = new LossSettings(negs, sampler.LogQ, model.ActionLossWeight, model.PurchaseLossWeight);
                    sparse = new() { [itemTensor] = TouchedRows(batch, negs) };
                }
                else
                {
                    settings = new LossSettings(null, null, model.ActionLossWeight, model.PurchaseLossWeight);
                }

                var loss = net.Loss(batch, settings, computeGradients: true);
                if (!double.IsFinite(loss.Total))
                {
                    var where = GradientNorm.FindNonFinite(net.Activations) ?? GradientNorm.FindNonFinite(parameters);
                    throw new TrainingDivergedException(step, where?.Tensor ?? "loss", $"Training diverged at step {step} (epoch {epoch}): loss is {loss.Total}; first non-finite tensor: {where?.Tensor ?? "the loss itself"}{(where is { } w ? $"[{w.Index}]" : string.Empty)}. Lower the learning rate or raise gradient clipping.");
                }

                net.Backward(batch);
                var norm = GradientNorm.Clip(gradients, training.GradientClip);
                if (!double.IsFinite(norm))
                {
                    var where = GradientNorm.FindNonFinite(gradients) ?? GradientNorm.FindNonFinite(net.ActivationGradients);
                    throw new TrainingDivergedException(step, "gradient of " + (where?.Tensor ?? "?"), $"Training diverged at step {step} (epoch {epoch}): gradient norm is {norm}; first non-finite gradient: {where?.Tensor ?? "unknown"}{(where is { } w ? $"[{w.Index}]" : string.Empty)}.");
                }

                adam.Update(gradients, training.LearningRate, training.WeightDecay, sparse);
                lossSum += loss.Total;
                batches++;
                progress?.Report(new TrainingProgress(epoch, training.Epochs, i, order.Length, step, tokens, lossSum / batches, tokens / Math.Max(1e-9, trainSeconds + epochClock.Elapsed.TotalSeconds), clock.Elapsed, null));
            }

            trainSeconds += epochClock.Elapsed.TotalSeconds;
            var overBudget = training.TimeBudget is { } budget && clock.Elapsed >= budget;
            if (epoch % training.ValidateEvery == 0 || epoch == training.Epochs || overBudget)
            {
                var validation = fitted.Evaluate(data, EvaluationSplit.Validation, training.CutOffs);
                var ndcg = validation.Ranking.Ndcg(10);
                var record = new EpochRecord(epoch, step, lossSum / Math.Max(1, batches), ndcg, validation.Ranking.HitRate(10), clock.Elapsed);
                history.Add(record);
                progress?.Report(new TrainingProgress(epoch, training.Epochs, order.Length, order.Length, step, tokens, record.TrainLoss, tokens / Math.Max(1e-9, trainSeconds), clock.Elapsed, record));
                if (ndcg > bestNdcg)
                {
                    bestNdcg = ndcg;
                    bestEpoch = epoch;
                    bestValidation = validation;
                    Array.Copy(parameters.Data, best, best.Length);
                    sinceBest = 0;
                }
                else if (++sinceBest >= training.Patience)
                {
                    stopped = $"no validation improvement in {training.Patience} validations";
                    break;
                }
            }

            if (overBudget)
            {
                stopped = "time budget";
                break;
            }
        }

        Array.Copy(best, parameters.Data, best.Length);
        var test = fitted.Evaluate(data, EvaluationSplit.Test, training.CutOffs);
        var manifest = new RunManifest(
            data.Source, data.UserCount, data.ItemCount, data.EventCount, data.VocabularyHash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            model, training, sampled ? NextItemLoss.SampledSoftmax : NextItemLoss.FullSoftmax, useActions, usePurchase,
            parameters.Length, Math.Min(epoch, training.Epochs), bestEpoch, step, tokens, tokens / Math.Max(1e-9, trainSeconds), stopped,
            clock.Elapsed, $"{Environment.ProcessorCount} processors, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}", started);
        return new SequenceTrainingResult(fitted, bestValidation!, test, history, manifest);
    }

    private static List<int> TouchedRows(PackedBatch batch, int[] negatives)
    {
        var set = new HashSet<int>(negatives);
        for (var t = 0; t < batch.Tokens; t++)
        {
            set.Add(batch.Items[t]);
            if (batch.TargetItems[t] >= 0)
            {
                set.Add(batch.TargetItems[t]);
            }
        }

        var rows = set.ToList();
        rows.Sort();
        return rows;
    }
}
