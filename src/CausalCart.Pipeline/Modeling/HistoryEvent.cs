using CausalCart.Core.Events;

namespace CausalCart.Pipeline.Modeling;

/// <summary>One event of a history given to <c>model predict</c>, in the source's own item id.</summary>
/// <param name="Item">The source's item id (as in the store or the sequence file).</param>
/// <param name="Action">What the user did.</param>
/// <param name="Timestamp">When, or null when unknown (then time gaps are not used).</param>
public readonly record struct HistoryEvent(string Item, CanonicalAction Action, DateTimeOffset? Timestamp);
