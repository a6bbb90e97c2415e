using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Tests;

internal static class TableExtensions
{
    /// <summary>The VARCHAR column's values with NULL shown as "&lt;null&gt;", for whole-column assertions.</summary>
    public static string[] Strings(this DuckDbTable table, string column) =>
        [.. table.Column<string?>(column).Values.ToArray().Select(s => s ?? "<null>")];
}
