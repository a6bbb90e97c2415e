namespace CausalCart.Causal.Sensitivity;

/// <summary>
/// Ordinary least squares by Householder QR (Golub &amp; Van Loan 2013, §5.3): numerically stable for the
/// wide dummy designs of fixed-effects models. O(n p²) time, one copy of the design. Pure and thread-safe.
/// </summary>
public static class OrdinaryLeastSquares
{
    /// <summary>Regresses <paramref name="y"/> on the named columns (and an intercept when asked).</summary>
    /// <param name="y">Outcome, length n.</param>
    /// <param name="columns">Regressors, each of length n (column-major).</param>
    /// <param name="names">One name per column.</param>
    /// <param name="intercept">Whether to add an intercept column first, named <c>(Intercept)</c>.</param>
    /// <exception cref="ArgumentException">Lengths differ, a value is NaN/infinite, n ≤ p, or a column is
    /// (nearly) a linear combination of earlier ones (the message names it).</exception>
    public static OlsFit Fit(double[] y, IReadOnlyList<double[]> columns, IReadOnlyList<string> names, bool intercept = true)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(names);
        if (columns.Count != names.Count)
        {
            throw new ArgumentException($"{columns.Count} columns but {names.Count} names.", nameof(names));
        }

        int n = y.Length;
        var cols = new List<double[]>();
        var allNames = new List<string>();
        if (intercept)
        {
            cols.Add(Enumerable.Repeat(1.0, n).ToArray());
            allNames.Add("(Intercept)");
        }

        for (int j = 0; j < columns.Count; j++)
        {
            if (columns[j].Length != n)
            {
                throw new ArgumentException($"Column '{names[j]}' has {columns[j].Length} rows but the outcome has {n}.", nameof(columns));
            }

            if (columns[j].Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"Column '{names[j]}' contains NaN or infinite values.", nameof(columns));
            }

            cols.Add((double[])columns[j].Clone());
            allNames.Add(names[j]);
        }

        if (y.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("The outcome contains NaN or infinite values.", nameof(y));
        }

        int p = cols.Count;
        if (n <= p)
        {
            throw new ArgumentException($"{n} rows cannot fit {p} coefficients; need more rows than coefficients.", nameof(y));
        }

        var qty = (double[])y.Clone();
        var r = new double[p, p];
        for (int k = 0; k < p; k++)
        {
            var a = cols[k]; // (n) column k, rows k.. hold the still-unreduced part
            double colNorm0 = Math.Sqrt(a.Sum(v => v * v)); // orthogonal reflections keep the full column norm
            double norm = 0;
            for (int i = k; i < n; i++)
            {
                norm += a[i] * a[i];
            }

            norm = Math.Sqrt(norm);
            if (colNorm0 == 0 || norm <= 1e-10 * colNorm0)
            {
                throw new ArgumentException($"Column '{allNames[k]}' is constant or a linear combination of earlier columns (for dummies, drop one level).", nameof(columns));
            }

            double alpha = a[k] > 0 ? -norm : norm;

            // Householder vector v = a[k..] - alpha e_k, stored in a[k..].
            a[k] -= alpha;
            double vnorm2 = 0;
            for (int i = k; i < n; i++)
            {
                vnorm2 += a[i] * a[i];
            }

            for (int j = k + 1; j < p; j++)
            {
                var c = cols[j];
                double dot = 0;
                for (int i = k; i < n; i++)
                {
                    dot += a[i] * c[i];
                }

                double f = 2 * dot / vnorm2;
                for (int i = k; i < n; i++)
                {
                    c[i] -= f * a[i];
                }

                r[k, j] = c[k];
            }

            double dy = 0;
            for (int i = k; i < n; i++)
            {
                dy += a[i] * qty[i];
            }

            double fy = 2 * dy / vnorm2;
            for (int i = k; i < n; i++)
            {
                qty[i] -= fy * a[i];
            }

            r[k, k] = alpha;
        }

        // β = R⁻¹ Qᵀy; RSS = Σ_{i≥p} (Qᵀy)_i².
        var beta = new double[p];
        for (int k = p - 1; k >= 0; k--)
        {
            double s = qty[k];
            for (int j = k + 1; j < p; j++)
            {
                s -= r[k, j] * beta[j];
            }

            beta[k] = s / r[k, k];
        }

        double rss = 0;
        for (int i = p; i < n; i++)
        {
            rss += qty[i] * qty[i];
        }

        int dof = n - p;
        double sigma2 = rss / dof;

        // (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ: its diagonal is the squared row norms of R⁻¹.
        var rinv = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            rinv[j, j] = 1 / r[j, j];
            for (int i = j - 1; i >= 0; i--)
            {
                double s = 0;
                for (int k = i + 1; k <= j; k++)
                {
                    s += r[i, k] * rinv[k, j];
                }

                rinv[i, j] = -s / r[i, i];
            }
        }

        var se = new double[p];
        for (int i = 0; i < p; i++)
        {
            double s = 0;
            for (int j = i; j < p; j++)
            {
                s += rinv[i, j] * rinv[i, j];
            }

            se[i] = Math.Sqrt(sigma2 * s);
        }

        return new OlsFit(allNames, beta, se, dof, rss);
    }

    /// <summary>
    /// Dummy (one-hot) columns for a categorical variable, dropping the first level in sorted (ordinal) order
    /// so that the design stays full rank with an intercept. Names are <c>prefix=level</c>.
    /// </summary>
    public static (List<double[]> Columns, List<string> Names) Dummies(IReadOnlyList<string> labels, string prefix)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var levels = labels.Distinct().Order(StringComparer.Ordinal).Skip(1).ToList();
        var at = levels.Select((l, i) => (l, i)).ToDictionary(t => t.l, t => t.i, StringComparer.Ordinal);
        var cols = levels.Select(_ => new double[labels.Count]).ToList();
        for (int r = 0; r < labels.Count; r++)
        {
            if (at.TryGetValue(labels[r], out int j))
            {
                cols[j][r] = 1;
            }
        }

        return (cols, [.. levels.Select(l => $"{prefix}={l}")]);
    }
}
