namespace CausalCart.Ingest;

/// <summary>Names of <see cref="EventColumn"/> roles as used in headers, mappings and messages.</summary>
public static class EventColumns
{
    private static readonly string[] NameTable = ["user_id", "item_id", "category_id", "action", "timestamp", "price", "session_id", "query"];

    /// <summary>All role names in the order of <see cref="EventColumn"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = NameTable;

    /// <summary>The snake_case name of a role (<c>user_id</c>, …).</summary>
    public static string Name(EventColumn column) => NameTable[(int)column];

    /// <summary>Parses a role name (case-insensitive, surrounding white space ignored). Returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out EventColumn column)
    {
        name = name.Trim();
        for (var i = 0; i < NameTable.Length; i++)
        {
            if (name.Equals(NameTable[i], StringComparison.OrdinalIgnoreCase))
            {
                column = (EventColumn)i;
                return true;
            }
        }

        column = default;
        return false;
    }
}
