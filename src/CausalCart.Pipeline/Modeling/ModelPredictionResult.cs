namespace CausalCart.Pipeline.Modeling;

/// <summary>The outcome of <c>causalcart model predict</c>. Serialised as its <c>--json</c> output.</summary>
/// <param name="SchemaVersion">Version of this record's JSON shape (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Checkpoint">The checkpoint used.</param>
/// <param name="History">Where the history came from (<c>items</c>, the events file, or <c>store user &lt;id&gt;</c>).</param>
/// <param name="HistoryEvents">Events in the history given.</param>
/// <param name="UsedEvents">Events whose item the model knows (the newest up to its maximum length are read).</param>
/// <param name="IgnoredUnknownItems">Events ignored because the model's vocabulary lacks their item.</param>
/// <param name="UnknownItems">Up to ten of the unknown item ids.</param>
/// <param name="Items">Top-K next items, best first; items of the history are excluded.</param>
/// <param name="NextAction">Probability of each action being next, by canonical name (null without a next-action head).</param>
/// <param name="PurchaseProbability">Probability of a purchase within <paramref name="PurchaseHorizon"/> (null without a purchase head).</param>
/// <param name="PurchaseHorizon">The purchase head's horizon.</param>
/// <param name="Warnings">Anything the caller should know (unknown items, missing timestamps).</param>
public sealed record ModelPredictionResult(
    string SchemaVersion, string Checkpoint, string History, int HistoryEvents, int UsedEvents, int IgnoredUnknownItems, IReadOnlyList<string> UnknownItems,
    IReadOnlyList<PredictedItem> Items, IReadOnlyDictionary<string, double>? NextAction, double? PurchaseProbability, TimeSpan PurchaseHorizon, IReadOnlyList<string> Warnings)
{
    /// <summary>Current schema version.</summary>
    public const string CurrentSchemaVersion = "1.0";
}

/// <summary>A recommended next item.</summary>
/// <param name="Rank">1-based rank.</param>
/// <param name="Item">The source's item id.</param>
/// <param name="Score">The next-item logit (higher is likelier; comparable within one prediction only).</param>
public sealed record PredictedItem(int Rank, string Item, double Score);
