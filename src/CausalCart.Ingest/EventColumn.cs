namespace CausalCart.Ingest;

/// <summary>
/// The canonical role of a source column in an event log. Names (<see cref="EventColumns"/>) are
/// <c>user_id</c>, <c>item_id</c>, <c>category_id</c>, <c>action</c>, <c>timestamp</c>, <c>price</c>,
/// <c>session_id</c> and <c>query</c>.
/// </summary>
public enum EventColumn
{
    /// <summary>The user key (required).</summary>
    UserId,

    /// <summary>The item key (required; its value may be empty only on a search row).</summary>
    ItemId,

    /// <summary>The category key (optional; empty means absent).</summary>
    CategoryId,

    /// <summary>The action, mapped onto <see cref="Core.Events.CanonicalAction"/> (required unless a fixed action is given).</summary>
    Action,

    /// <summary>The event time (required).</summary>
    Timestamp,

    /// <summary>The unit price (optional; empty means absent; negative or non-finite is rejected).</summary>
    Price,

    /// <summary>The source's own session key (optional).</summary>
    SessionId,

    /// <summary>The search query text (optional).</summary>
    Query,
}
