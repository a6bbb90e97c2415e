using CausalCart.Learners.Linear;

namespace CausalCart.Causal.Iv;

/// <summary>
/// Dense least-squares helpers for the IV estimators: column-major designs, normal equations solved by a
/// pivot-checked Cholesky factor, and the sandwich covariance (classical, HC0–HC3, cluster).
/// </summary>
/// <remarks>Implementation note: designs here have a handful of columns (intercept, endogenous regressors,
/// controls, instruments), so normal equations in double precision with a relative pivot check are accurate
/// enough and let the rank error name the offending column.</remarks>
internal static class IvLinearAlgebra
{
    private const double PivotTolerance = 1e-10;

    /// <summary>Cross product A'B for column lists (each column length n).</summary>
    public static double[,] Cross(IReadOnlyList<double[]> a, IReadOnlyList<double[]> b)
    {
        var result = new double[a.Count, b.Count];
        for (int i = 0; i < a.Count; i++)
        {
            for (int j = 0; j < b.Count; j++)
            {
                double s = 0;
                double[] ai = a[i], bj = b[j];
                for (int r = 0; r < ai.Length; r++)
                {
                    s += ai[r] * bj[r];
                }

                result[i, j] = s;
            }
        }

        return result;
    }

    /// <summary>Inverse of a symmetric positive definite matrix; throws naming the first column that is a linear
    /// combination of earlier ones.</summary>
    public static double[,] InverseSpd(double[,] a, IReadOnlyList<string> names, string role)
    {
        int k = a.GetLength(0);
        var l = new double[k, k];
        for (int j = 0; j < k; j++)
        {
            double d = a[j, j];
            for (int p = 0; p < j; p++)
            {
                d -= l[j, p] * l[j, p];
            }

            if (!(d > PivotTolerance * Math.Max(a[j, j], 1e-300)) || a[j, j] <= 0)
            {
                throw new ArgumentException(
                    $"The {role} is rank deficient: column '{names[j]}' is constant or a linear combination of the columns before it "
                    + $"({string.Join(", ", names.Take(j).Select(n => $"'{n}'"))}). Drop it or the column it duplicates.");
            }

            l[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < k; i++)
            {
                double s = a[i, j];
                for (int p = 0; p < j; p++)
                {
                    s -= l[i, p] * l[j, p];
                }

                l[i, j] = s / l[j, j];
            }
        }

        // Invert L, then inverse = L^-T L^-1.
        var li = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            li[i, i] = 1 / l[i, i];
            for (int j = 0; j < i; j++)
            {
                double s = 0;
                for (int p = j; p < i; p++)
                {
                    s -= l[i, p] * li[p, j];
                }

                li[i, j] = s / l[i, i];
            }
        }

        var inv = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int p = i; p < k; p++)
                {
                    s += li[p, i] * li[p, j];
                }

                inv[i, j] = s;
                inv[j, i] = s;
            }
        }

        return inv;
    }

    /// <summary>M v for a k×k matrix and a length-k vector.</summary>
    public static double[] Times(double[,] m, double[] v)
    {
        int rows = m.GetLength(0), cols = m.GetLength(1);
        var r = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int j = 0; j < cols; j++)
            {
                s += m[i, j] * v[j];
            }

            r[i] = s;
        }

        return r;
    }

    /// <summary>Column-wise fitted values X b.</summary>
    public static double[] Fitted(IReadOnlyList<double[]> columns, double[] b)
    {
        int n = columns[0].Length;
        var f = new double[n];
        for (int j = 0; j < columns.Count; j++)
        {
            double bj = b[j];
            double[] c = columns[j];
            for (int r = 0; r < n; r++)
            {
                f[r] += bj * c[r];
            }
        }

        return f;
    }

    /// <summary>OLS of y on the columns: coefficients, (X'X)^-1 and residuals.</summary>
    public static (double[] Beta, double[,] XtXInverse, double[] Residuals) Ols(
        IReadOnlyList<double[]> columns, double[] y, IReadOnlyList<string> names, string role)
    {
        double[,] inv = InverseSpd(Cross(columns, columns), names, role);
        double[] xty = Cross(columns, [y]) is var c ? Enumerable.Range(0, columns.Count).Select(i => c[i, 0]).ToArray() : [];
        double[] beta = Times(inv, xty);
        double[] fit = Fitted(columns, beta);
        var res = new double[y.Length];
        for (int r = 0; r < y.Length; r++)
        {
            res[r] = y[r] - fit[r];
        }

        return (beta, inv, res);
    }

    /// <summary>
    /// Sandwich covariance bread · meat · bread with meat built from <paramref name="scoreColumns"/> (the regressors
    /// whose products with the residuals form the estimating equations: Xhat for 2SLS, X for OLS).
    /// Classical: s² · bread with s² = Σu²/(n−k). HC0: Σ u² x x'. HC1: HC0 · n/(n−k). HC2: u²/(1−h). HC3: u²/(1−h)²,
    /// with leverage h = x' bread x. Cluster: Σ_g s_g s_g' · G/(G−1) · (n−1)/(n−k) (the Stata small-sample factor).
    /// </summary>
    public static double[,] Sandwich(
        IReadOnlyList<double[]> scoreColumns, double[] residuals, double[,] bread, CovarianceType covariance)
    {
        int n = residuals.Length, k = scoreColumns.Count;
        var cov = new double[k, k];
        if (covariance.Kind == CovarianceKind.Classical)
        {
            double ss = 0;
            foreach (double u in residuals)
            {
                ss += u * u;
            }

            double s2 = ss / (n - k);
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    cov[i, j] = s2 * bread[i, j];
                }
            }

            return cov;
        }

        var meat = new double[k, k];
        var x = new double[k];
        if (covariance.Kind == CovarianceKind.Cluster)
        {
            int[] groups = covariance.Groups!;
            if (groups.Length != n)
            {
                throw new ArgumentException($"Cluster groups have {groups.Length} entries but the data has {n} rows.", nameof(covariance));
            }

            var sums = new Dictionary<int, double[]>();
            for (int r = 0; r < n; r++)
            {
                if (!sums.TryGetValue(groups[r], out double[]? s))
                {
                    s = new double[k];
                    sums[groups[r]] = s;
                }

                for (int j = 0; j < k; j++)
                {
                    s[j] += scoreColumns[j][r] * residuals[r];
                }
            }

            int g = sums.Count;
            if (g < 2)
            {
                throw new ArgumentException("Cluster-robust covariance needs at least 2 clusters; the groups hold one.", nameof(covariance));
            }

            foreach (int key in sums.Keys.Order())
            {
                double[] s = sums[key];
                for (int i = 0; i < k; i++)
                {
                    for (int j = 0; j < k; j++)
                    {
                        meat[i, j] += s[i] * s[j];
                    }
                }
            }

            double factor = g / (g - 1.0) * (n - 1.0) / (n - k);
            return Scale(Bmb(bread, meat), factor);
        }

        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < k; j++)
            {
                x[j] = scoreColumns[j][r];
            }

            double w = residuals[r] * residuals[r];
            if (covariance.Kind is CovarianceKind.HC2 or CovarianceKind.HC3)
            {
                double[] bx = Times(bread, x);
                double h = 0;
                for (int j = 0; j < k; j++)
                {
                    h += x[j] * bx[j];
                }

                double one = Math.Max(1 - h, 1e-12);
                w /= covariance.Kind == CovarianceKind.HC2 ? one : one * one;
            }

            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    meat[i, j] += w * x[i] * x[j];
                }
            }
        }

        double[,] v = Bmb(bread, meat);
        return covariance.Kind == CovarianceKind.HC1 ? Scale(v, n / (double)(n - k)) : v;
    }

    /// <summary>Wald statistic b' V^-1 b for a block of coefficients.</summary>
    public static double Wald(double[] b, double[,] v, IReadOnlyList<int> block, IReadOnlyList<string> names)
    {
        int m = block.Count;
        var sub = new double[m, m];
        var bb = new double[m];
        for (int i = 0; i < m; i++)
        {
            bb[i] = b[block[i]];
            for (int j = 0; j < m; j++)
            {
                sub[i, j] = v[block[i], block[j]];
            }
        }

        double[,] inv = InverseSpd(sub, block.Select(i => names[i]).ToArray(), "covariance of the tested coefficients");
        double[] ib = Times(inv, bb);
        double w = 0;
        for (int i = 0; i < m; i++)
        {
            w += bb[i] * ib[i];
        }

        return w;
    }

    private static double[,] Bmb(double[,] bread, double[,] meat)
    {
        int k = bread.GetLength(0);
        var t = new double[k, k];
        var v = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += bread[i, p] * meat[p, j];
                }

                t[i, j] = s;
            }
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += t[i, p] * bread[p, j];
                }

                v[i, j] = s;
            }
        }

        return v;
    }

    private static double[,] Scale(double[,] m, double f)
    {
        var r = (double[,])m.Clone();
        for (int i = 0; i < r.GetLength(0); i++)
        {
            for (int j = 0; j < r.GetLength(1); j++)
            {
                r[i, j] *= f;
            }
        }

        return r;
    }

    /// <summary>Upper tail P(χ²_df &gt; x) by the regularized incomplete gamma function Q(df/2, x/2)
    /// (series for x &lt; a+1, Lentz continued fraction otherwise; Numerical Recipes §6.2).</summary>
    public static double ChiSquareSurvival(double x, int df)
    {
        if (x <= 0)
        {
            return 1;
        }

        double a = df / 2.0, z = x / 2.0;
        double lnPrefix = (a * Math.Log(z)) - z - LogGamma(a);
        if (z < a + 1)
        {
            double sum = 1 / a, term = sum, ap = a;
            for (int i = 0; i < 500; i++)
            {
                ap += 1;
                term *= z / ap;
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-15)
                {
                    break;
                }
            }

            return Math.Max(0, 1 - (sum * Math.Exp(lnPrefix)));
        }

        double bq = z + 1 - a, c = 1 / 1e-300, d = 1 / bq, h = d;
        for (int i = 1; i < 500; i++)
        {
            double an = -i * (i - a);
            bq += 2;
            d = (an * d) + bq;
            d = Math.Abs(d) < 1e-300 ? 1e-300 : d;
            c = bq + (an / c);
            c = Math.Abs(c) < 1e-300 ? 1e-300 : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return Math.Exp(lnPrefix) * h;
    }

    private static double LogGamma(double x)
    {
        // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
        double[] c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        double s = c[0];
        for (int i = 1; i < 9; i++)
        {
            s += c[i] / (x + i);
        }

        double t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(s);
    }
}
