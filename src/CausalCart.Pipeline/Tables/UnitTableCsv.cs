using System.Globalization;
using System.Text;
using CausalCart.Core.Errors;
using CausalCart.Core.Tables;

namespace CausalCart.Pipeline.Tables;

/// <summary>
/// Reads a user's own unit table (one row per unit, a header row) from CSV into a <see cref="UnitTable"/>,
/// inferring each column's type: a column whose every non-empty value parses as a number (invariant
/// culture) or as a boolean word (<c>true/false</c>, <c>yes/no</c>) is numeric; anything else is
/// categorical. Empty fields and <c>NA</c>, <c>NaN</c>, <c>null</c> are missing values.
/// </summary>
/// <remarks>
/// Implementation note: unit tables are small next to event logs (thousands to a few million rows), so
/// the file is read in two passes over strings for clarity: one to split, one to type each column.
/// RFC 4180 quoting is honoured (quoted delimiters, doubled quotes, quoted newlines).
/// </remarks>
public static class UnitTableCsv
{
    private static readonly string[] MissingWords = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"];

    /// <summary>Reads a CSV file with a header row.</summary>
    /// <param name="path">The file.</param>
    /// <param name="delimiter">Field delimiter (default comma).</param>
    /// <param name="columnNames">Names for a file without a header; null when the first row is the header.</param>
    /// <exception cref="CausalCartException">The file is missing, empty, ragged, or has duplicate column names; the message names the line.</exception>
    public static UnitTable Read(string path, char delimiter = ',', IReadOnlyList<string>? columnNames = null)
    {
        if (!File.Exists(path))
        {
            throw new CausalCartException(ErrorKind.Usage, $"Unit table file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, delimiter, columnNames);
    }

    /// <summary>Reads CSV text (see <see cref="Read(string, char, IReadOnlyList{string}?)"/>); <paramref name="sourceName"/> appears in errors.</summary>
    public static UnitTable Read(TextReader reader, string sourceName, char delimiter = ',', IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<string[]>();
        var lines = new List<long>();
        string[]? header = columnNames?.ToArray();
        long line = 1;
        while (TryReadRecord(reader, delimiter, ref line, out var startLine, out var fields))
        {
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }

            if (header is null)
            {
                header = fields.Select(f => f.Trim()).ToArray();
                continue;
            }

            if (fields.Length != header.Length)
            {
                throw new CausalCartException(ErrorKind.Usage,
                    $"{sourceName}, line {startLine}: {fields.Length} fields but the header has {header.Length} ({string.Join(", ", header)}).");
            }

            rows.Add(fields);
            lines.Add(startLine);
        }

        if (header is null || header.Length == 0)
        {
            throw new CausalCartException(ErrorKind.Usage, $"{sourceName} is empty: expected a header row and at least one data row.");
        }

        if (rows.Count == 0)
        {
            throw new CausalCartException(ErrorKind.Usage, $"{sourceName} has a header but no data rows.");
        }

        // An unnamed column (R's write.csv puts its row names under the header "") gets the name column<N>, its
        // 1-based position, so such exports read as they are and the column can still be chosen by that name.
        for (var c = 0; c < header.Length; c++)
        {
            if (header[c].Length == 0)
            {
                var name = $"column{c + 1}";
                if (Array.IndexOf(header, name) >= 0)
                {
                    throw new CausalCartException(ErrorKind.Usage,
                        $"{sourceName}: column {c + 1} of the header has no name, and the name it would get ('{name}') is already taken by another column.");
                }

                header[c] = name;
            }
        }

        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CausalCartException(ErrorKind.Usage, $"{sourceName}: column name '{duplicate.Key}' appears more than once in the header.");
        }

        var columns = new List<UnitColumn>(header.Length);
        for (var c = 0; c < header.Length; c++)
        {
            columns.Add(TypeColumn(header[c], rows, c));
        }

        return new UnitTable(columns);
    }

    private static UnitColumn TypeColumn(string name, List<string[]> rows, int c)
    {
        var values = new double[rows.Count];
        var numeric = true;
        for (var r = 0; r < rows.Count && numeric; r++)
        {
            var text = rows[r][c].Trim();
            if (IsMissing(text))
            {
                values[r] = double.NaN;
            }
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            {
                values[r] = v;
            }
            else if (TryBoolean(text, out var b))
            {
                values[r] = b ? 1 : 0;
            }
            else
            {
                numeric = false;
            }
        }

        if (numeric)
        {
            return new NumericColumn(name, values);
        }

        var levels = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new int[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var text = rows[r][c].Trim();
            if (IsMissing(text))
            {
                codes[r] = -1;
                continue;
            }

            if (!index.TryGetValue(text, out var code))
            {
                code = levels.Count;
                index.Add(text, code);
                levels.Add(text);
            }

            codes[r] = code;
        }

        return new CategoricalColumn(name, codes, levels);
    }

    private static bool IsMissing(string text) => Array.IndexOf(MissingWords, text) >= 0;

    private static bool TryBoolean(string text, out bool value)
    {
        switch (text.ToUpperInvariant())
        {
            case "TRUE" or "YES":
                value = true;
                return true;
            case "FALSE" or "NO":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Reads one RFC 4180 record; <paramref name="line"/> advances over every physical line consumed.</summary>
    private static bool TryReadRecord(TextReader reader, char delimiter, ref long line, out long startLine, out string[] fields)
    {
        startLine = line;
        fields = [];
        var first = reader.Read();
        if (first < 0)
        {
            return false;
        }

        var result = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStart = true;
        var ch = first;
        while (true)
        {
            if (ch < 0)
            {
                if (quoted)
                {
                    throw new CausalCartException(ErrorKind.Usage, $"line {startLine}: a quoted field is not closed before the end of the file.");
                }

                break;
            }

            var c = (char)ch;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"' && fieldStart)
            {
                quoted = true;
                fieldStart = false;
            }
            else if (c == delimiter)
            {
                result.Add(field.ToString());
                field.Clear();
                fieldStart = true;
            }
            else if (c == '\n')
            {
                line++;
                break;
            }
            else if (c == '\r' && reader.Peek() == '\n')
            {
                // CRLF: the '\n' ends the record on the next iteration.
            }
            else
            {
                field.Append(c);
                fieldStart = false;
            }

            ch = reader.Read();
        }

        result.Add(field.ToString());
        fields = [.. result];
        return true;
    }
}
