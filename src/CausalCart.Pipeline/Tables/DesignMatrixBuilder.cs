using CausalCart.Core.Errors;
using CausalCart.Core.Tables;

namespace CausalCart.Pipeline.Tables;

/// <summary>
/// Encodes a <see cref="UnitTable"/> for estimation so users never pre-encode anything: categorical
/// controls become one-hot columns (the most frequent level is the reference and is dropped), a
/// missing numeric control is imputed with the column mean and gets a <c>column_missing</c> indicator,
/// a missing categorical value is its own level, constant columns are dropped, and rows with a missing
/// outcome or treatment are dropped and counted.
/// </summary>
public static class DesignMatrixBuilder
{
    private static readonly string[] TreatedWords = ["1", "true", "yes", "treated", "treatment", "t", "y"];
    private static readonly string[] ControlWords = ["0", "false", "no", "control", "untreated", "c", "n"];

    /// <summary>Builds the design.</summary>
    /// <param name="table">The unit table.</param>
    /// <param name="treatment">Treatment column: numeric 0/1, or categorical with two levels.</param>
    /// <param name="outcome">Outcome column (numeric).</param>
    /// <param name="controls">Columns to adjust for.</param>
    /// <param name="treatedValue">For a categorical treatment, the level that means treated; null to recognise common words (treated/control, yes/no, true/false).</param>
    /// <param name="group">Optional column whose values group rows for cross-fitting.</param>
    /// <exception cref="CausalCartException">A column is missing, the treatment is not binary, the outcome is categorical, or a role is used twice.</exception>
    public static DesignMatrix Build(
        UnitTable table,
        string treatment,
        string outcome,
        IReadOnlyList<string> controls,
        string? treatedValue = null,
        string? group = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(controls);
        Require(table, treatment, "treatment");
        Require(table, outcome, "outcome");
        foreach (var c in controls)
        {
            Require(table, c, "control");
            if (c == treatment || c == outcome)
            {
                throw new CausalCartException(ErrorKind.Usage, $"Column '{c}' cannot be both a control and the {(c == treatment ? "treatment" : "outcome")}.");
            }
        }

        if (group is not null)
        {
            Require(table, group, "group");
        }

        var t = TreatmentValues(table[treatment], treatedValue);
        var y = table[outcome] as NumericColumn
            ?? throw new CausalCartException(ErrorKind.Usage, $"Outcome column '{outcome}' is not numeric; an outcome must be a number or 0/1.");

        var keep = new List<int>(table.RowCount);
        var yv = y.Values;
        for (var r = 0; r < table.RowCount; r++)
        {
            if (!double.IsNaN(t[r]) && !double.IsNaN(yv[r]))
            {
                keep.Add(r);
            }
        }

        if (keep.Count == 0)
        {
            throw new CausalCartException(ErrorKind.Usage, $"No row has both '{treatment}' and '{outcome}' present.");
        }

        var notes = new List<string>();
        var (x, names) = EncodeControls(table, controls, keep, notes);
        var n = keep.Count;

        var outcomeKept = new double[n];
        for (var i = 0; i < n; i++)
        {
            outcomeKept[i] = yv[keep[i]];
        }

        var treatmentKept = keep.Select(r => t[r]).ToArray();
        int[]? groups = null;
        if (group is not null)
        {
            groups = GroupIds(table[group], keep);
        }

        var dropped = table.RowCount - n;
        if (dropped > 0)
        {
            notes.Add($"{dropped} row(s) dropped because '{treatment}' or '{outcome}' was missing.");
        }

        return new DesignMatrix(outcomeKept, treatmentKept, x, names, groups, dropped, notes)
        {
            KeptRows = [.. keep],
        };
    }

    private static void Require(UnitTable table, string name, string role)
    {
        if (!table.Contains(name))
        {
            throw new CausalCartException(ErrorKind.Usage,
                $"The {role} column '{name}' is not in the table. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }
    }

    private static double[] TreatmentValues(UnitColumn column, string? treatedValue)
    {
        var result = new double[column.Length];
        switch (column)
        {
            case NumericColumn numeric:
                var v = numeric.Values;
                for (var i = 0; i < v.Length; i++)
                {
                    if (!double.IsNaN(v[i]) && v[i] != 0 && v[i] != 1)
                    {
                        throw new CausalCartException(ErrorKind.Usage,
                            $"Treatment column '{column.Name}' must be binary (0/1) but row {i + 1} holds {v[i]}. Multi-valued and continuous treatments are not supported yet.");
                    }

                    result[i] = v[i];
                }

                return result;

            case CategoricalColumn categorical:
                if (categorical.Levels.Count != 2)
                {
                    throw new CausalCartException(ErrorKind.Usage,
                        $"Treatment column '{column.Name}' must have exactly two values but has {categorical.Levels.Count}: {string.Join(", ", categorical.Levels.Take(10))}.");
                }

                var treatedLevel = TreatedLevel(categorical, treatedValue);
                var codes = categorical.Codes;
                for (var i = 0; i < codes.Length; i++)
                {
                    result[i] = codes[i] < 0 ? double.NaN : codes[i] == treatedLevel ? 1 : 0;
                }

                return result;

            default:
                throw new CausalCartException(ErrorKind.Usage, $"Unsupported column type for treatment '{column.Name}'.");
        }
    }

    private static int TreatedLevel(CategoricalColumn column, string? treatedValue)
    {
        var levels = column.Levels;
        if (treatedValue is not null)
        {
            for (var i = 0; i < levels.Count; i++)
            {
                if (levels[i] == treatedValue)
                {
                    return i;
                }
            }

            throw new CausalCartException(ErrorKind.Usage,
                $"--treated-value '{treatedValue}' is not a value of '{column.Name}'; its values are {levels[0]} and {levels[1]}.");
        }

        for (var i = 0; i < 2; i++)
        {
            var me = levels[i].ToLowerInvariant();
            var other = levels[1 - i].ToLowerInvariant();
            if (TreatedWords.Contains(me) && ControlWords.Contains(other))
            {
                return i;
            }
        }

        throw new CausalCartException(ErrorKind.Usage,
            $"Cannot tell which value of treatment '{column.Name}' means treated ({levels[0]} or {levels[1]}); pass --treated-value.");
    }

    /// <summary>
    /// Encodes <paramref name="controls"/> over the table rows <paramref name="keep"/> exactly as <see cref="Build"/> does
    /// (one-hot categoricals without their most frequent level, mean-imputed numerics with a missing indicator, constant
    /// columns dropped), appending what it did to <paramref name="notes"/>.
    /// </summary>
    /// <returns>The row-major (rows × p) matrix and the p column names.</returns>
    /// <exception cref="CausalCartException">A control is not in the table.</exception>
    public static (double[] X, string[] Names) EncodeControls(UnitTable table, IReadOnlyList<string> controls, List<int> keep, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(keep);
        ArgumentNullException.ThrowIfNull(notes);
        var blocks = new List<(string Name, double[] Values)>();
        foreach (var name in controls)
        {
            Require(table, name, "control");
            Encode(table[name], keep, blocks, notes);
        }

        var n = keep.Count;
        var p = blocks.Count;
        var x = new double[n * p]; // (n, p) row-major
        for (var j = 0; j < p; j++)
        {
            var col = blocks[j].Values;
            for (var i = 0; i < n; i++)
            {
                x[(i * p) + j] = col[i];
            }
        }

        return (x, [.. blocks.Select(b => b.Name)]);
    }

    private static void Encode(UnitColumn column, List<int> keep, List<(string, double[])> blocks, List<string> notes)
    {
        var n = keep.Count;
        if (column is NumericColumn numeric)
        {
            var src = numeric.Values;
            var values = new double[n];
            double sum = 0;
            var present = 0;
            var missing = false;
            for (var i = 0; i < n; i++)
            {
                values[i] = src[keep[i]];
                if (double.IsNaN(values[i]))
                {
                    missing = true;
                }
                else
                {
                    sum += values[i];
                    present++;
                }
            }

            if (present == 0)
            {
                notes.Add($"Control '{column.Name}' is missing in every row and was dropped.");
                return;
            }

            if (missing)
            {
                var mean = sum / present;
                var indicator = new double[n];
                for (var i = 0; i < n; i++)
                {
                    if (double.IsNaN(values[i]))
                    {
                        values[i] = mean;
                        indicator[i] = 1;
                    }
                }

                notes.Add($"Control '{column.Name}' had {n - present} missing value(s): imputed with the mean and flagged in '{column.Name}_missing'.");
                AddUnlessConstant(column.Name, values, blocks, notes);
                blocks.Add((column.Name + "_missing", indicator));
                return;
            }

            AddUnlessConstant(column.Name, values, blocks, notes);
            return;
        }

        var categorical = (CategoricalColumn)column;
        var codes = categorical.Codes;
        var levelCount = categorical.Levels.Count + 1; // last slot: missing
        var counts = new int[levelCount];
        for (var i = 0; i < n; i++)
        {
            var code = codes[keep[i]];
            counts[code < 0 ? levelCount - 1 : code]++;
        }

        var reference = Array.IndexOf(counts, counts.Max());
        var used = 0;
        for (var level = 0; level < levelCount; level++)
        {
            if (level == reference || counts[level] == 0)
            {
                continue;
            }

            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                var code = codes[keep[i]];
                values[i] = (code < 0 ? levelCount - 1 : code) == level ? 1 : 0;
            }

            var levelName = level == levelCount - 1 ? "(missing)" : categorical.Levels[level];
            blocks.Add(($"{column.Name}={levelName}", values));
            used++;
        }

        var referenceName = reference == levelCount - 1 ? "(missing)" : categorical.Levels[reference];
        notes.Add(used == 0
            ? $"Control '{column.Name}' has a single value and was dropped."
            : $"Control '{column.Name}' was one-hot encoded into {used} column(s); reference level '{referenceName}'.");
    }

    private static void AddUnlessConstant(string name, double[] values, List<(string, double[])> blocks, List<string> notes)
    {
        var first = values[0];
        if (values.All(v => v == first))
        {
            notes.Add($"Control '{name}' is constant and was dropped.");
            return;
        }

        blocks.Add((name, values));
    }

    private static int[] GroupIds(UnitColumn column, List<int> keep)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[keep.Count];
        for (var i = 0; i < keep.Count; i++)
        {
            var r = keep[i];
            var key = column switch
            {
                NumericColumn numeric => numeric.Values[r].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                CategoricalColumn categorical => categorical.Codes[r] < 0 ? "(missing)" : categorical.Levels[categorical.Codes[r]],
                _ => throw new CausalCartException(ErrorKind.Usage, $"Unsupported group column '{column.Name}'."),
            };
            if (!ids.TryGetValue(key, out var id))
            {
                id = ids.Count;
                ids.Add(key, id);
            }

            result[i] = id;
        }

        return result;
    }
}
