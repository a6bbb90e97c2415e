namespace CausalCart.Causal.Discovery;

/// <summary>A numeric table for causal discovery: one array per column (all the same length) and their names.</summary>
public sealed record DiscoveryData
{
    /// <summary>Validates and wraps the columns (not copied; callers must not mutate them afterwards).</summary>
    /// <exception cref="ArgumentException">Names and columns differ in count, names repeat, lengths differ, fewer than
    /// 2 columns or 10 rows, a value is NaN or infinite, or a column is constant (each message names the column).</exception>
    public DiscoveryData(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        if (names.Count != columns.Count)
        {
            throw new ArgumentException($"{names.Count} names but {columns.Count} columns.", nameof(names));
        }

        if (names.Count < 2)
        {
            throw new ArgumentException("Causal discovery needs at least 2 columns.", nameof(columns));
        }

        var dup = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ArgumentException($"Column name '{dup.Key}' appears more than once.", nameof(names));
        }

        int n = columns[0].Length;
        for (int j = 0; j < columns.Count; j++)
        {
            if (columns[j].Length != n)
            {
                throw new ArgumentException($"Column '{names[j]}' has {columns[j].Length} rows, '{names[0]}' has {n}.", nameof(columns));
            }

            int bad = Array.FindIndex(columns[j], v => !double.IsFinite(v));
            if (bad >= 0)
            {
                throw new ArgumentException($"Column '{names[j]}' has a NaN or infinite value at row {bad}.", nameof(columns));
            }

            if (n > 0 && columns[j].All(v => v == columns[j][0]))
            {
                throw new ArgumentException($"Column '{names[j]}' is constant; it carries no information for discovery.", nameof(columns));
            }
        }

        if (n < 10)
        {
            throw new ArgumentException($"Causal discovery needs at least 10 rows; got {n}.", nameof(columns));
        }

        Names = names;
        Columns = columns;
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Columns, each of length <see cref="Rows"/>.</summary>
    public IReadOnlyList<double[]> Columns { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => Columns[0].Length;

    /// <summary>Index of a column name.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the columns.</exception>
    internal int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown column '{name}'. Columns are: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Correlation matrix, rows weighted by <paramref name="weights"/> (bootstrap counts) when given. (p, p)</summary>
    internal double[,] Correlation(int[]? weights)
    {
        int p = Columns.Count, n = Rows;
        var mean = new double[p];
        double w = 0;
        for (int r = 0; r < n; r++)
        {
            w += weights?[r] ?? 1;
        }

        for (int j = 0; j < p; j++)
        {
            double s = 0;
            var c = Columns[j];
            for (int r = 0; r < n; r++)
            {
                s += (weights?[r] ?? 1) * c[r];
            }

            mean[j] = s / w;
        }

        var cov = new double[p, p];
        var centred = new double[p][]; // (p, n)
        for (int j = 0; j < p; j++)
        {
            centred[j] = new double[n];
            for (int r = 0; r < n; r++)
            {
                centred[j][r] = Columns[j][r] - mean[j];
            }
        }

        for (int a = 0; a < p; a++)
        {
            for (int b = a; b < p; b++)
            {
                double s = 0;
                var ca = centred[a];
                var cb = centred[b];
                if (weights is null)
                {
                    for (int r = 0; r < n; r++)
                    {
                        s += ca[r] * cb[r];
                    }
                }
                else
                {
                    for (int r = 0; r < n; r++)
                    {
                        s += weights[r] * ca[r] * cb[r];
                    }
                }

                cov[a, b] = cov[b, a] = s;
            }
        }

        var corr = new double[p, p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                corr[a, b] = cov[a, b] / Math.Sqrt(cov[a, a] * cov[b, b]);
            }
        }

        return corr;
    }
}
