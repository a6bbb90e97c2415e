namespace CausalCart.Ingest.Parsing;

/// <summary>One role a layout needs: which source column plays it (a header name, or a 1-based position), and whether it must exist.</summary>
internal readonly record struct RoleSpec(int Role, string Column, bool Required);

/// <summary>
/// Where each role sits in a row, with the labels used in reject details, resolved once per file
/// from the header or from fixed positions.
/// </summary>
internal sealed class ColumnLayout
{
    private ColumnLayout(int columnCount, int[] index, string[] roleLabel, string[] columnLabel, List<string> warnings)
    {
        ColumnCount = columnCount;
        Index = index;
        RoleLabel = roleLabel;
        ColumnLabel = columnLabel;
        Warnings = warnings;
        ExpectedColumns = string.Join(", ", columnLabel.Select(l => l.Trim('\'')));
    }

    /// <summary>Fields every row must have.</summary>
    public int ColumnCount { get; }

    /// <summary>(roles) 0-based column of each role, or -1 when the source has none.</summary>
    public int[] Index { get; }

    /// <summary>(roles) how a role's column is named in details: <c>'visitorid' (user_id)</c>.</summary>
    public string[] RoleLabel { get; }

    /// <summary>(columns) how each column is named in details: <c>'visitorid'</c> or <c>column 3</c>.</summary>
    public string[] ColumnLabel { get; }

    /// <summary>The expected columns, comma-separated, for wrong-column-count details.</summary>
    public string ExpectedColumns { get; }

    /// <summary>Warnings about the layout (ignored columns).</summary>
    public List<string> Warnings { get; }

    /// <summary>Label of a column by index, also past the expected count.</summary>
    public string LabelOf(int column) => column >= 0 && column < ColumnLabel.Length ? ColumnLabel[column] : $"column {column + 1}";

    /// <summary>
    /// Resolves roles against a header. Names match ignoring case and surrounding spaces. Columns that
    /// are neither mapped nor in <paramref name="known"/> produce one warning listing them.
    /// </summary>
    /// <exception cref="InvalidDataException">A required column is missing or a mapped name appears twice; the message lists the header found.</exception>
    public static ColumnLayout FromHeader(string source, string what, string[] header, IReadOnlyList<string> roleNames, RoleSpec[] specs, IReadOnlyCollection<string> known)
    {
        var index = new int[roleNames.Count];
        Array.Fill(index, -1);
        var roleLabel = roleNames.ToArray();
        var used = new bool[header.Length];
        var found = string.Join(", ", header.Select(h => $"'{h}'"));
        foreach (var spec in specs)
        {
            var column = -1;
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i].Trim().Equals(spec.Column.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    if (column >= 0)
                    {
                        throw new InvalidDataException($"{source}: the header has column '{spec.Column}' twice (columns {column + 1} and {i + 1}). Found: {found}.");
                    }

                    column = i;
                }
            }

            if (column < 0)
            {
                if (spec.Required)
                {
                    var required = string.Join(", ", specs.Where(s => s.Required).Select(s => s.Column));
                    var optional = string.Join(", ", specs.Where(s => !s.Required).Select(s => s.Column));
                    throw new InvalidDataException(
                        $"{source}: the header has no column '{spec.Column}' ({roleNames[spec.Role]}), which {what} requires. " +
                        $"Required: {required}{(optional.Length > 0 ? $"; optional: {optional}" : string.Empty)}. Found: {found}.");
                }

                continue;
            }

            used[column] = true;
            index[spec.Role] = column;
            roleLabel[spec.Role] = Label(header[column].Trim(), roleNames[spec.Role]);
        }

        var ignored = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            if (!used[i] && !known.Contains(header[i].Trim(), StringComparer.OrdinalIgnoreCase))
            {
                ignored.Add($"'{header[i]}'");
            }
        }

        var warnings = new List<string>();
        if (ignored.Count > 0)
        {
            warnings.Add($"Columns ignored (not used by {what}): {string.Join(", ", ignored)}.");
        }

        return new ColumnLayout(header.Length, index, roleLabel, [.. header.Select(h => $"'{h.Trim()}'")], warnings);
    }

    /// <summary>Resolves roles given as 1-based positions; <paramref name="columnNames"/> (one per column, or null) name them in details.</summary>
    public static ColumnLayout FromPositions(int columnCount, string[]? columnNames, IReadOnlyList<string> roleNames, RoleSpec[] specs)
    {
        var index = new int[roleNames.Count];
        Array.Fill(index, -1);
        var roleLabel = roleNames.ToArray();
        var columnLabel = new string[columnCount];
        for (var i = 0; i < columnCount; i++)
        {
            columnLabel[i] = columnNames is null ? $"column {i + 1}" : $"'{columnNames[i]}'";
        }

        foreach (var spec in specs)
        {
            var column = int.Parse(spec.Column, System.Globalization.CultureInfo.InvariantCulture) - 1;
            index[spec.Role] = column;
            roleLabel[spec.Role] = columnNames is null
                ? $"column {column + 1} ({roleNames[spec.Role]})"
                : Label(columnNames[column], roleNames[spec.Role]);
        }

        return new ColumnLayout(columnCount, index, roleLabel, columnLabel, []);
    }

    private static string Label(string column, string role) =>
        column.Equals(role, StringComparison.OrdinalIgnoreCase) ? $"'{column}'" : $"'{column}' ({role})";
}
