using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Core.Tables;

namespace CausalCart.Pipeline.Tables;

/// <summary>
/// Turns one column of a unit table into segment labels for the "who responds" section: a categorical column's levels,
/// a numeric column's values when it has few of them, or its quartiles otherwise. Missing values form their own segment.
/// </summary>
public static class SegmentLabels
{
    /// <summary>Numeric columns with at most this many distinct values are used value by value.</summary>
    public const int MaxDistinctValues = 12;

    /// <summary>The label of a missing value.</summary>
    public const string Missing = "(missing)";

    /// <summary>One label per kept row of <paramref name="design"/>, from <paramref name="column"/> of <paramref name="table"/>.</summary>
    /// <exception cref="CausalCartException">The column does not exist (usage), or the design did not record its rows.</exception>
    public static string[] For(UnitTable table, string column, DesignMatrix design)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(design);
        if (!table.Contains(column))
        {
            throw new CausalCartException(ErrorKind.Usage,
                $"Segment column '{column}' is not in the data; columns are: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }

        int[] rows = design.KeptRows
            ?? throw new CausalCartException(ErrorKind.Usage, "The design matrix does not say which rows it kept, so segments cannot be aligned with it.");
        return table[column] switch
        {
            CategoricalColumn c => Categorical(c, rows),
            NumericColumn n => Numeric(n, rows),
            var other => throw new CausalCartException(ErrorKind.Usage, $"Segment column '{column}' has an unsupported type {other.GetType().Name}."),
        };
    }

    private static string[] Categorical(CategoricalColumn column, int[] rows)
    {
        ReadOnlySpan<int> codes = column.Codes;
        var labels = new string[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            int code = codes[rows[i]];
            labels[i] = code < 0 ? Missing : column.Levels[code];
        }

        return labels;
    }

    private static string[] Numeric(NumericColumn column, int[] rows)
    {
        ReadOnlySpan<double> values = column.Values;
        var kept = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            kept[i] = values[rows[i]];
        }

        double[] present = [.. kept.Where(v => !double.IsNaN(v)).Order()];
        double[] distinct = [.. present.Distinct()];
        var labels = new string[rows.Length];
        if (distinct.Length <= MaxDistinctValues)
        {
            for (int i = 0; i < kept.Length; i++)
            {
                labels[i] = double.IsNaN(kept[i]) ? Missing : kept[i].ToString("G6", CultureInfo.InvariantCulture);
            }

            return labels;
        }

        // Quartile bins [q_k, q_{k+1}) ("a to under b"), the last one closed ("a to b"); equal cut points (heavy ties) merge bins.
        double[] cuts = [.. new[] { 0.25, 0.5, 0.75 }.Select(p => present[(int)Math.Floor(p * (present.Length - 1))]).Distinct()];
        double lo = present[0], hi = present[^1];
        var edges = new List<double> { lo };
        edges.AddRange(cuts.Where(c => c > lo && c < hi));
        edges.Add(hi);
        for (int i = 0; i < kept.Length; i++)
        {
            double v = kept[i];
            if (double.IsNaN(v))
            {
                labels[i] = Missing;
                continue;
            }

            int bin = 0;
            while (bin < edges.Count - 2 && v >= edges[bin + 1])
            {
                bin++;
            }

            bool last = bin == edges.Count - 2;
            labels[i] = string.Create(CultureInfo.InvariantCulture,
                $"{edges[bin]:G4} to {(last ? string.Empty : "under ")}{edges[bin + 1]:G4}");
        }

        return labels;
    }
}
