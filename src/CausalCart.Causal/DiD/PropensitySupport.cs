namespace CausalCart.Causal.DiD;

/// <summary>
/// The propensity model of a 2×2 comparison when an indicator (0/1) covariate has a level that holds comparison units but
/// no treated unit, e.g. region dummies when every treated unit lies in one region. The logistic maximum-likelihood
/// estimate does not exist then (that level's coefficient runs to −∞); its limit gives those comparison units propensity
/// exactly 0, hence no weight, and the other coefficients equal the logit fitted on the remaining units with the columns
/// that stay non-constant there (the likelihood factorises). This fits that limit directly, as R's <c>glm</c> approaches it
/// (it stops at fitted probabilities near 1e-9 with a warning).
/// </summary>
/// <remarks>
/// Implementation note: removal repeats until nothing changes, because dropping one level can leave another indicator
/// separating (region 3 and 4 dummies first, then region 1 as the level 0 of the region 2 dummy). Levels holding treated
/// units but no comparison units are not touched: those treated units have no comparison and the logit reports the
/// separation as before. Continuous covariates that separate are likewise left to the logit's error.
/// </remarks>
internal static class PropensitySupport
{
    /// <param name="X">(m, K) design of the propensity model: column 0 the intercept, then the covariates that vary among the units inside.</param>
    /// <param name="K">Columns of <paramref name="X"/>.</param>
    /// <param name="Inside">(m) whether a unit shares every indicator level with some treated unit.</param>
    /// <param name="Outside">Comparison units outside (propensity 0).</param>
    public readonly record struct Design(double[] X, int K, bool[] Inside, int Outside);

    /// <summary>The propensity design of <paramref name="x"/> (m, k) restricted to the treated units' support on indicator columns.</summary>
    public static Design Restrict(double[] x, bool[] d, int m, int k)
    {
        var inside = new bool[m];
        Array.Fill(inside, true);
        int outside = 0;
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int c = 1; c < k; c++)
            {
                if (!IsIndicator(x, inside, m, k, c))
                {
                    continue;
                }

                for (int level = 0; level <= 1; level++)
                {
                    bool treatedAtLevel = false, comparisonAtLevel = false;
                    for (int i = 0; i < m; i++)
                    {
                        if (inside[i] && x[i * k + c] == level)
                        {
                            treatedAtLevel |= d[i];
                            comparisonAtLevel |= !d[i];
                        }
                    }

                    if (treatedAtLevel || !comparisonAtLevel)
                    {
                        continue;
                    }

                    for (int i = 0; i < m; i++)
                    {
                        if (inside[i] && x[i * k + c] == level)
                        {
                            inside[i] = false;
                            outside++;
                        }
                    }

                    changed = true;
                }
            }
        }

        if (outside == 0)
        {
            return new Design(x, k, inside, 0);
        }

        if (!Enumerable.Range(0, m).Any(i => inside[i] && !d[i]))
        {
            throw new InvalidOperationException(
                "No comparison unit shares the treated units' levels of the indicator covariates (no overlap); use coarser categories or outcome regression.");
        }

        // Keep the intercept and every column that still varies among the units inside; the others are constant there.
        var keep = new List<int> { 0 };
        for (int c = 1; c < k; c++)
        {
            double first = double.NaN;
            for (int i = 0; i < m; i++)
            {
                if (!inside[i])
                {
                    continue;
                }

                if (double.IsNaN(first))
                {
                    first = x[i * k + c];
                }
                else if (x[i * k + c] != first)
                {
                    keep.Add(c);
                    break;
                }
            }
        }

        int kk = keep.Count;
        var xs = new double[m * kk]; // (m, kk)
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < kk; c++)
            {
                xs[i * kk + c] = x[i * k + keep[c]];
            }
        }

        return new Design(xs, kk, inside, outside);
    }

    /// <summary>Fitted propensities (m): the logit on the units inside, exactly 0 for the comparison units outside.</summary>
    public static double[] Fit(Design design, bool[] d, int m)
    {
        if (design.Outside == 0)
        {
            return DidLinearAlgebra.Logit(design.X, d, m, design.K).P;
        }

        int k = design.K;
        var rows = Enumerable.Range(0, m).Where(i => design.Inside[i]).ToArray();
        var xs = new double[rows.Length * k]; // (rows, k)
        for (int j = 0; j < rows.Length; j++)
        {
            Array.Copy(design.X, rows[j] * k, xs, j * k, k);
        }

        var (_, ps) = DidLinearAlgebra.Logit(xs, [.. rows.Select(i => d[i])], rows.Length, k);
        var p = new double[m];
        for (int j = 0; j < rows.Length; j++)
        {
            p[rows[j]] = ps[j];
        }

        return p;
    }

    private static bool IsIndicator(double[] x, bool[] inside, int m, int k, int c)
    {
        for (int i = 0; i < m; i++)
        {
            if (inside[i] && x[i * k + c] is not (0.0 or 1.0))
            {
                return false;
            }
        }

        return true;
    }
}
