using CausalCart.Numerics;

namespace CausalCart.Causal.DiD;

/// <summary>
/// Analytical and multiplier-bootstrap inference from influence functions (Callaway &amp; Sant'Anna 2021, section 4 and
/// Algorithm 1): standard errors, and the critical value of a uniform band over several estimates.
/// </summary>
/// <remarks>
/// Implementation note: ψ_ik is unit i's influence value for estimate k on the 1/n scale (θ̂_k − θ_k ≈ (1/n) Σ_i ψ_ik).
/// Units are summed within clusters first, S_ck = Σ_{i∈c} ψ_ik (a unit is its own cluster by default), so both the
/// analytical variance Σ_c S_ck² / n² and the bootstrap are cluster-robust. Draw b uses Rademacher multipliers v_c = ±1 from
/// its own generator seeded with <see cref="SeededRandom.DeriveSeed"/>(seed, b), so results do not depend on the thread count.
/// Bootstrap standard error = interquartile range of the draws / (z₀.₇₅ − z₀.₂₅); critical value = the (level) quantile of
/// max_k |draw_k| / se_k, never below the pointwise normal critical value.
/// </remarks>
internal static class MultiplierBootstrap
{
    public readonly record struct Inference(double[] StdError, double[] BootstrapStdError, double CriticalValue, double PointwiseCritical);

    /// <summary>Standard errors and the uniform-band critical value for the estimates whose influence vectors are <paramref name="psi"/>.</summary>
    /// <param name="psi">One (n) influence vector per estimate; a vector of zeros is an exact (reference) estimate.</param>
    /// <param name="panel">Supplies n and the clusters.</param>
    /// <param name="replications">Bootstrap draws; 0 = analytical only (critical value z).</param>
    /// <param name="seed">Bootstrap seed.</param>
    /// <param name="level">Confidence level.</param>
    public static Inference Run(IReadOnlyList<double[]> psi, DidPanel panel, int replications, ulong seed, double level)
    {
        int n = panel.UnitCount, kCount = psi.Count, clusters = panel.EffectiveClusterCount;
        var s = new double[clusters * kCount]; // (clusters, K) cluster sums of ψ
        for (int k = 0; k < kCount; k++)
        {
            var p = psi[k];
            for (int i = 0; i < n; i++)
            {
                s[panel.ClusterOf(i) * kCount + k] += p[i];
            }
        }

        var se = new double[kCount];
        for (int k = 0; k < kCount; k++)
        {
            double ss = 0;
            for (int c = 0; c < clusters; c++)
            {
                ss += s[c * kCount + k] * s[c * kCount + k];
            }

            se[k] = Math.Sqrt(ss) / n;
        }

        double z = StandardNormal.TwoSidedCritical(level);
        if (replications == 0 || kCount == 0)
        {
            return new Inference(se, (double[])se.Clone(), z, z);
        }

        var draws = new double[replications * kCount]; // (B, K)
        DeterministicParallel.For(replications, 16, (start, end) =>
        {
            var v = new double[clusters];
            for (int b = start; b < end; b++)
            {
                var rng = new SeededRandom(SeededRandom.DeriveSeed(seed, (ulong)b));
                for (int c = 0; c < clusters; c++)
                {
                    v[c] = (rng.NextUInt64() >> 63) == 0 ? -1 : 1;
                }

                var row = draws.AsSpan(b * kCount, kCount);
                for (int c = 0; c < clusters; c++)
                {
                    double vc = v[c];
                    var sc = s.AsSpan(c * kCount, kCount);
                    for (int k = 0; k < kCount; k++)
                    {
                        row[k] += vc * sc[k];
                    }
                }

                for (int k = 0; k < kCount; k++)
                {
                    row[k] /= n;
                }
            }
        });

        double iqrScale = StandardNormal.Quantile(0.75) - StandardNormal.Quantile(0.25);
        var bse = new double[kCount];
        var column = new double[replications];
        for (int k = 0; k < kCount; k++)
        {
            for (int b = 0; b < replications; b++)
            {
                column[b] = draws[b * kCount + k];
            }

            Array.Sort(column);
            bse[k] = (Quantile(column, 0.75) - Quantile(column, 0.25)) / iqrScale;
        }

        var maxT = new double[replications];
        for (int b = 0; b < replications; b++)
        {
            double m = 0;
            for (int k = 0; k < kCount; k++)
            {
                if (bse[k] > 1e-12 * (1 + se[k]) && se[k] > 0)
                {
                    m = Math.Max(m, Math.Abs(draws[b * kCount + k]) / bse[k]);
                }
            }

            maxT[b] = m;
        }

        Array.Sort(maxT);
        double crit = Math.Max(z, Quantile(maxT, level));
        for (int k = 0; k < kCount; k++)
        {
            // An estimate with a zero influence function (a reference cell) has no spread in either method.
            if (se[k] == 0)
            {
                bse[k] = 0;
            }
        }

        return new Inference(se, bse, crit, z);
    }

    /// <summary>Linear-interpolation quantile (R type 7) of sorted values.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
