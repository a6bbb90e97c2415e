using CausalCart.Sequence.Evaluation;

namespace CausalCart.Sequence;

/// <summary>What <see cref="SequenceTrainer.Train"/> returns: the fitted model, its metrics and the run manifest.</summary>
/// <param name="Model">The parameters of the best validation epoch.</param>
/// <param name="Validation">Leave-one-out validation metrics (second-to-last item) of the best epoch.</param>
/// <param name="Test">Leave-one-out test metrics (last item) of the best epoch.</param>
/// <param name="History">One record per validation.</param>
/// <param name="Manifest">Everything needed to reproduce the run.</param>
public sealed record SequenceTrainingResult(SequenceModel Model, SequenceEvaluation Validation, SequenceEvaluation Test, IReadOnlyList<EpochRecord> History, RunManifest Manifest);

/// <summary>Next-item metrics and, where the data has them, next-action metrics.</summary>
/// <param name="Ranking">Full-ranking HR/NDCG/MRR.</param>
/// <param name="Actions">Next-action accuracy and macro-F1 (null when the data has one action type).</param>
public sealed record SequenceEvaluation(RankingMetrics Ranking, ActionMetrics? Actions);

/// <summary>Progress of one validation.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Steps">Optimiser steps so far.</param>
/// <param name="TrainLoss">Mean total training loss over the epoch.</param>
/// <param name="ValidationNdcg10">Validation NDCG@10.</param>
/// <param name="ValidationHitRate10">Validation HR@10.</param>
/// <param name="Elapsed">Wall time since the start.</param>
public sealed record EpochRecord(int Epoch, long Steps, double TrainLoss, double ValidationNdcg10, double ValidationHitRate10, TimeSpan Elapsed);

/// <summary>A run's reproducibility record: inputs, options, seed, machine and outcome.</summary>
/// <param name="Source">Dataset source.</param>
/// <param name="Users">Users in the dataset.</param>
/// <param name="Items">Catalogue size V.</param>
/// <param name="Events">Events in the dataset.</param>
/// <param name="VocabularyHash">FNV-1a hash of the item vocabulary (hex).</param>
/// <param name="Model">Model options.</param>
/// <param name="Training">Training options.</param>
/// <param name="ItemLoss">The next-item loss actually used.</param>
/// <param name="ActionHead">Whether the next-action head was trained.</param>
/// <param name="PurchaseHead">Whether the purchase head was trained.</param>
/// <param name="Parameters">Number of trained parameters.</param>
/// <param name="Epochs">Epochs run.</param>
/// <param name="BestEpoch">Epoch whose parameters were kept.</param>
/// <param name="Steps">Optimiser steps.</param>
/// <param name="Tokens">Training tokens processed.</param>
/// <param name="TokensPerSecond">Training throughput (excluding validation).</param>
/// <param name="StoppedBecause">Why training stopped.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="Machine">Processor count, OS and runtime.</param>
/// <param name="Started">Start time (UTC).</param>
public sealed record RunManifest(
    string Source, int Users, int Items, long Events, string VocabularyHash,
    SequenceModelOptions Model, SequenceTrainingOptions Training, NextItemLoss ItemLoss, bool ActionHead, bool PurchaseHead,
    long Parameters, int Epochs, int BestEpoch, long Steps, long Tokens, double TokensPerSecond, string StoppedBecause,
    TimeSpan Elapsed, string Machine, DateTimeOffset Started);

/// <summary>A recommended item with its score (the next-item logit).</summary>
/// <param name="Item">External item id.</param>
/// <param name="Score">Logit h·e_item.</param>
public sealed record ItemScore(long Item, float Score);

/// <summary>What the model predicts after a history.</summary>
/// <param name="Items">Top-K next items, best first (history items excluded).</param>
/// <param name="NextAction">Probability of each canonical action being next (indexed by <see cref="Core.Events.CanonicalAction"/>).</param>
/// <param name="PurchaseProbability">Probability of a purchase within the horizon (meaningful only when the purchase head was trained).</param>
public sealed record SequencePrediction(IReadOnlyList<ItemScore> Items, IReadOnlyList<double> NextAction, double PurchaseProbability);
