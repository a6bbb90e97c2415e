namespace CausalCart.Ingest;

/// <summary>
/// The id dictionaries of one event store: users, items, categories, source session keys and
/// campaigns/arms of exposures. The store loads them before a file is read and saves the new entries
/// in the same transaction as the file's rows.
/// </summary>
public sealed class IdDictionaries
{
    /// <summary>User ids.</summary>
    public IdDictionary Users { get; } = new("user");

    /// <summary>Item ids.</summary>
    public IdDictionary Items { get; } = new("item");

    /// <summary>Category ids.</summary>
    public IdDictionary Categories { get; } = new("category");

    /// <summary>Session keys given by the source (REES46 <c>user_session</c>, YOOCHOOSE session id, generic <c>session_id</c>).</summary>
    public IdDictionary Sessions { get; } = new("session");

    /// <summary>Campaign names of exposures.</summary>
    public IdDictionary Campaigns { get; } = new("campaign");

    /// <summary>All dictionaries, in a fixed order.</summary>
    public IReadOnlyList<IdDictionary> All => [Users, Items, Categories, Sessions, Campaigns];
}
