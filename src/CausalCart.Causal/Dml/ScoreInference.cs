using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>Variances from influence contributions, the repeated-split aggregation and interval construction.</summary>
internal static class ScoreInference
{
    /// <summary>
    /// Σ_i c_i², or with group ids the cluster-robust G/(G − 1)·Σ_g (Σ_{i∈g} c_i)² (Liang &amp; Zeger 1986), where c_i
    /// is unit i's contribution to the linearisation θ̂ − θ ≈ Σ_i c_i.
    /// </summary>
    public static double SumSquares(double[] c, int[]? groups)
    {
        if (groups is null)
        {
            double s = 0;
            foreach (double v in c)
            {
                s += v * v;
            }

            return s;
        }

        double[,] m = Covariance([c], groups);
        return m[0, 0];
    }

    /// <summary>Joint version: entry (j, k) = Σ_i c_ji c_ki (clustered as in <see cref="SumSquares"/>).</summary>
    public static double[,] Covariance(IReadOnlyList<double[]> c, int[]? groups)
    {
        int d = c.Count;
        int n = d == 0 ? 0 : c[0].Length;
        var v = new double[d, d];
        if (groups is null)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    for (int k = 0; k <= j; k++)
                    {
                        v[j, k] += c[j][i] * c[k][i];
                    }
                }
            }
        }
        else
        {
            var sums = new Dictionary<int, double[]>();
            for (int i = 0; i < n; i++)
            {
                if (!sums.TryGetValue(groups[i], out double[]? s))
                {
                    sums[groups[i]] = s = new double[d];
                }

                for (int j = 0; j < d; j++)
                {
                    s[j] += c[j][i];
                }
            }

            foreach (double[] s in sums.Values)
            {
                for (int j = 0; j < d; j++)
                {
                    for (int k = 0; k <= j; k++)
                    {
                        v[j, k] += s[j] * s[k];
                    }
                }
            }

            double factor = sums.Count > 1 ? sums.Count / (sums.Count - 1.0) : 1;
            for (int j = 0; j < d; j++)
            {
                for (int k = 0; k <= j; k++)
                {
                    v[j, k] *= factor;
                }
            }
        }

        for (int j = 0; j < d; j++)
        {
            for (int k = 0; k < j; k++)
            {
                v[k, j] = v[j, k];
            }
        }

        return v;
    }

    /// <summary>
    /// Root of the linear moment Σ w a(b − θc) = 0, θ = Σ w a b / Σ w a c, with its variance from the contributions
    /// c_i = w_i a_i(b_i − θc_i) / Σ w a c (clustered as in <see cref="SumSquares"/>). PLR: a = c = T̃, b = Ỹ; PLIV:
    /// a = Z̃, b = Ỹ, c = D̃.
    /// </summary>
    /// <exception cref="ArgumentException">Σ w a c = 0 (θ not identified); the message is <paramref name="notIdentified"/>.</exception>
    public static (double Theta, double Variance) MomentRatio(double[] a, double[] b, double[] c, double[] w, int[]? groups, string notIdentified)
    {
        double num = 0, den = 0;
        for (int i = 0; i < w.Length; i++)
        {
            num += w[i] * a[i] * b[i];
            den += w[i] * a[i] * c[i];
        }

        if (den == 0 || !double.IsFinite(den))
        {
            throw new ArgumentException(notIdentified, "data");
        }

        double theta = num / den;
        var contribution = new double[w.Length];
        for (int i = 0; i < w.Length; i++)
        {
            contribution[i] = w[i] * a[i] * (b[i] - (theta * c[i])) / den;
        }

        return (theta, SumSquares(contribution, groups));
    }

    /// <summary>
    /// Median aggregation over splits (Chernozhukov et al. 2018, §3.4): θ̃ = median θ_s, σ̃² = median(σ_s² + (θ_s − θ̃)²).
    /// With one split it returns that split's values.
    /// </summary>
    public static (double Theta, double Variance) Aggregate(IReadOnlyList<double> theta, IReadOnlyList<double> variance)
    {
        double t = Median(theta);
        double v = Median(theta.Select((x, s) => variance[s] + ((x - t) * (x - t))).ToArray());
        return (t, v);
    }

    /// <summary>Median (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        double[] s = [.. values];
        Array.Sort(s);
        int m = s.Length / 2;
        return s.Length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }

    /// <summary>Throws when the estimate or its variance is not finite (an estimator never returns NaN).</summary>
    public static double StdError(string what, double estimate, double variance)
    {
        double se = Math.Sqrt(variance);
        if (!double.IsFinite(estimate) || !double.IsFinite(se))
        {
            throw new InvalidOperationException(
                $"The {what} estimate ({estimate}) or its standard error ({se}) is not finite; check for extreme propensities, outcomes or treatment values.");
        }

        return se;
    }

    /// <summary>A coefficient record with a normal interval and two-sided p-value.</summary>
    public static CoefficientEstimate Coefficient(string term, double estimate, double se, double level)
    {
        double z = StandardNormal.TwoSidedCritical(level);
        double p = se > 0 ? StandardNormal.TwoSidedPValue(estimate / se) : (estimate == 0 ? 1 : 0);
        return new CoefficientEstimate(term, estimate, se, estimate - (z * se), estimate + (z * se), p);
    }
}
