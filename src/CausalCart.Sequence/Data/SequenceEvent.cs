using CausalCart.Core.Events;

namespace CausalCart.Sequence.Data;

/// <summary>One event of a user's history, as the store will feed it.</summary>
/// <param name="Item">External item id.</param>
/// <param name="Action">What the user did.</param>
/// <param name="Timestamp">When; null when the source has no clock (then time-gap buckets and the purchase head are unused).</param>
public readonly record struct SequenceEvent(long Item, CanonicalAction Action, DateTimeOffset? Timestamp);

/// <summary>A user's events in chronological order.</summary>
/// <param name="User">External user id.</param>
/// <param name="Events">Events, oldest first.</param>
public sealed record UserSequence(string User, IReadOnlyList<SequenceEvent> Events);
