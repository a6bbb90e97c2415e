using CausalCart.Sequence.Evaluation;

namespace CausalCart.Pipeline.Modeling;

/// <summary>
/// The outcome of <c>causalcart model evaluate</c>: the model beside its baselines under the same protocols.
/// Serialised as its <c>--json</c> output.
/// </summary>
/// <param name="SchemaVersion">Version of this record's JSON shape (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Checkpoint">The checkpoint evaluated.</param>
/// <param name="Data">The data it was evaluated on.</param>
/// <param name="CutFrom">Where the cut came from: <c>option</c>, <c>manifest</c>, <c>default</c>, or null without a cut.</param>
/// <param name="PurchaseHorizon">The model's purchase horizon.</param>
/// <param name="LeaveOneOut">Leave-one-out on the training data (events before the cut): each user's last event predicted from the ones before it.</param>
/// <param name="TimeSplit">Store sources only: each user's first event after the cut, and purchase within the horizon after the cut.</param>
public sealed record ModelEvaluationResult(
    string SchemaVersion, string Checkpoint, ModelDataSummary Data, string? CutFrom, TimeSpan PurchaseHorizon, NextEventEvaluation LeaveOneOut, TimeSplitEvaluation? TimeSplit)
{
    /// <summary>Current schema version.</summary>
    public const string CurrentSchemaVersion = "1.0";
}

/// <summary>
/// Next-event prediction by the model and the baselines on one set of targets. Next item: full ranking over the
/// catalogue, the user's earlier items excluded, ties against the target. Next action: accuracy and macro-F1.
/// </summary>
/// <param name="Users">Users evaluated (those with at least three events up to and including the target).</param>
/// <param name="Model">The model's next-item ranking.</param>
/// <param name="ModelActions">The model's next action (null when it has no action head).</param>
/// <param name="Popularity">Items ranked by their count before the targets.</param>
/// <param name="Markov">First-order Markov chain (transitions from the last item, popularity to break ties).</param>
/// <param name="PreviousAction">The next action repeats the previous one (null when the data has one action type).</param>
public sealed record NextEventEvaluation(int Users, RankingMetrics Model, ActionMetrics? ModelActions, RankingMetrics Popularity, RankingMetrics Markov, ActionMetrics? PreviousAction);

/// <summary>The time-split evaluations.</summary>
/// <param name="NextEvent">Each user's first event at or after the cut, predicted from their events before it.</param>
/// <param name="Purchase">Purchase within the horizon after the cut, for users active within one horizon before it.</param>
public sealed record TimeSplitEvaluation(NextEventEvaluation NextEvent, PurchaseEvaluation Purchase);

/// <summary>Purchase-within-horizon prediction on the time split: AUC and log-loss.</summary>
/// <param name="Model">The model's purchase head (null when it has none).</param>
/// <param name="LogisticRegression">Logistic regression on per-user aggregates, fitted one horizon earlier.</param>
public sealed record PurchaseEvaluation(PurchaseMetrics? Model, PurchaseMetrics LogisticRegression);
