using CausalCart.Core.Results;

namespace CausalCart.Causal;

/// <summary>Propensity overlap and covariate balance diagnostics.</summary>
public static class Diagnostics
{
    /// <summary>Histogram bins on [0, 1].</summary>
    public const int Bins = 20;

    /// <summary>An overlap verdict is Insufficient when more than this share of units has an extreme propensity.</summary>
    public const double InsufficientExtremeShare = 0.10;

    /// <summary>An overlap verdict is at least Weak when more than this share of units has an extreme propensity.</summary>
    public const double WeakExtremeShare = 0.01;

    /// <summary>An overlap verdict is Insufficient when either arm's Kish ESS is below this many units.</summary>
    public const double InsufficientEss = 20;

    /// <summary>An overlap verdict is at least Weak when either arm's ESS is below this share of its units.</summary>
    public const double WeakEssRatio = 0.2;

    /// <summary>
    /// Overlap of the propensity distributions. Histograms use <see cref="Bins"/> equal bins on [0, 1] (1 falls in the
    /// last). Extreme share = share of units with e &lt; threshold or e &gt; 1 − threshold. ESS per arm = Kish's
    /// (Σv)²/Σv² of the ATE weights v = w/e (treated) and w/(1−e) (control) that the estimator actually uses, with e
    /// bounded to [clip, 1 − clip] (the estimators pass their propensity clipping bound, so the ESS describes the weights
    /// behind the estimate; the extreme share is always computed on the unclipped propensities).
    /// Verdict: Insufficient if the extreme share exceeds <see cref="InsufficientExtremeShare"/>, an arm's ESS is below
    /// <see cref="InsufficientEss"/>, or the arms' propensity ranges do not intersect; Weak if the extreme share exceeds
    /// <see cref="WeakExtremeShare"/> or an arm's ESS is below <see cref="WeakEssRatio"/> of its size; Good otherwise.
    /// </summary>
    /// <param name="propensity">Unclipped propensities, length n, in [0, 1].</param>
    /// <param name="treatment">0/1, length n.</param>
    /// <param name="weights">Sample weights, length n (or empty for all 1).</param>
    /// <param name="extremeThreshold">Default 0.01.</param>
    /// <param name="clip">Bound applied to e before the ESS weights are formed (at least 1e-6; the default is effectively unclipped).</param>
    /// <exception cref="ArgumentException">Lengths differ, a propensity is NaN or outside [0, 1], or an arm is empty.</exception>
    public static OverlapDiagnostics Overlap(ReadOnlySpan<double> propensity, ReadOnlySpan<double> treatment, ReadOnlySpan<double> weights, double extremeThreshold = 0.01, double clip = 1e-6)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clip);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(clip, 0.5);
        clip = Math.Max(clip, 1e-6);
        int n = propensity.Length;
        if (treatment.Length != n || (!weights.IsEmpty && weights.Length != n))
        {
            throw new ArgumentException("Propensity, treatment and weights must have equal lengths.", nameof(treatment));
        }

        var tc = new long[Bins];
        var cc = new long[Bins];
        double minT = double.PositiveInfinity, maxT = double.NegativeInfinity, minC = double.PositiveInfinity, maxC = double.NegativeInfinity;
        long extreme = 0, nT = 0, nC = 0;
        double sT = 0, sT2 = 0, sC = 0, sC2 = 0;
        for (int i = 0; i < n; i++)
        {
            double e = propensity[i];
            if (!(e >= 0 && e <= 1))
            {
                throw new ArgumentException($"Propensity {e} at row {i} is not in [0, 1].", nameof(propensity));
            }

            int bin = Math.Min(Bins - 1, (int)(e * Bins));
            double w = weights.IsEmpty ? 1 : weights[i];
            double eb = Math.Clamp(e, clip, 1 - clip);
            if (e < extremeThreshold || e > 1 - extremeThreshold)
            {
                extreme++;
            }

            if (treatment[i] == 1)
            {
                tc[bin]++;
                nT++;
                minT = Math.Min(minT, e);
                maxT = Math.Max(maxT, e);
                double v = w / eb;
                sT += v;
                sT2 += v * v;
            }
            else
            {
                cc[bin]++;
                nC++;
                minC = Math.Min(minC, e);
                maxC = Math.Max(maxC, e);
                double v = w / (1 - eb);
                sC += v;
                sC2 += v * v;
            }
        }

        if (nT == 0 || nC == 0)
        {
            throw new ArgumentException("Overlap needs units in both arms.", nameof(treatment));
        }

        double essT = sT2 > 0 ? sT * sT / sT2 : 0;
        double essC = sC2 > 0 ? sC * sC / sC2 : 0;
        double share = (double)extreme / n;
        bool disjoint = maxC < minT || maxT < minC;
        OverlapVerdict verdict;
        string message;
        if (share > InsufficientExtremeShare || essT < InsufficientEss || essC < InsufficientEss || disjoint)
        {
            verdict = OverlapVerdict.Insufficient;
            message = $"Treated and untreated shoppers are too different to compare: {share:P1} have a near-certain treatment status " +
                      $"and the weighted comparison rests on about {Math.Min(essT, essC):F0} effective units, so no causal estimate should be trusted.";
        }
        else if (share > WeakExtremeShare || essT < WeakEssRatio * nT || essC < WeakEssRatio * nC)
        {
            verdict = OverlapVerdict.Weak;
            message = $"Overlap is weak: {share:P1} of units have a near-certain treatment status and the weights concentrate on " +
                      $"about {essT:F0} treated and {essC:F0} control effective units; read the estimates with caution.";
        }
        else
        {
            verdict = OverlapVerdict.Good;
            message = $"Treated and untreated units are comparable: {share:P1} have extreme propensities and the weights keep " +
                      $"about {essT:F0} treated and {essC:F0} control effective units.";
        }

        double[] edges = Enumerable.Range(0, Bins + 1).Select(b => (double)b / Bins).ToArray();
        return new OverlapDiagnostics(edges, tc, cc, minT, maxT, minC, maxC, extremeThreshold, share, essT, essC, verdict, message);
    }

    /// <summary>
    /// Standardised mean differences of every covariate before and after inverse-propensity (ATE) weighting:
    /// SMD = (mean₁ − mean₀) / √((s₁² + s₀²)/2), with the unweighted arm variances in the denominator both times
    /// (Austin 2009, Stat. Med. 28:3083). Sample weights weight every mean and variance. A constant covariate has SMD 0.
    /// </summary>
    /// <param name="data">The units.</param>
    /// <param name="propensity">Propensities used for weighting (already clipped), length n, in (0, 1).</param>
    /// <param name="threshold">|SMD| above this is imbalanced (default 0.1).</param>
    /// <exception cref="ArgumentException">Length mismatch or a propensity outside (0, 1).</exception>
    public static BalanceDiagnostics Balance(EffectData data, ReadOnlySpan<double> propensity, double threshold = 0.1)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count;
        if (propensity.Length != n)
        {
            throw new ArgumentException($"Propensity has {propensity.Length} values for {n} units.", nameof(propensity));
        }

        int p = data.Covariates.Cols;
        var rows = new List<CovariateBalance>(p);
        double maxBefore = 0, maxAfter = 0;
        double[] w = data.W;
        for (int j = 0; j < p; j++)
        {
            double sw1 = 0, sw0 = 0, s1 = 0, s0 = 0, q1 = 0, q0 = 0, a1 = 0, a0 = 0, as1 = 0, as0 = 0;
            for (int i = 0; i < n; i++)
            {
                double x = data.Covariates[i, j];
                double e = propensity[i];
                if (!(e > 0 && e < 1))
                {
                    throw new ArgumentException($"Propensity {e} at row {i} is not in (0, 1).", nameof(propensity));
                }

                if (data.Treatment[i] == 1)
                {
                    sw1 += w[i];
                    s1 += w[i] * x;
                    q1 += w[i] * x * x;
                    a1 += w[i] / e;
                    as1 += w[i] * x / e;
                }
                else
                {
                    sw0 += w[i];
                    s0 += w[i] * x;
                    q0 += w[i] * x * x;
                    a0 += w[i] / (1 - e);
                    as0 += w[i] * x / (1 - e);
                }
            }

            double m1 = s1 / sw1, m0 = s0 / sw0;
            double v1 = Math.Max(0, (q1 / sw1) - (m1 * m1)), v0 = Math.Max(0, (q0 / sw0) - (m0 * m0));
            double sd = Math.Sqrt((v1 + v0) / 2);
            double before = sd > 1e-12 * Math.Max(1, Math.Abs(m1) + Math.Abs(m0)) ? (m1 - m0) / sd : 0;
            double after = sd > 1e-12 * Math.Max(1, Math.Abs(m1) + Math.Abs(m0)) ? ((as1 / a1) - (as0 / a0)) / sd : 0;
            rows.Add(new CovariateBalance(data.CovariateNames[j], m1, m0, before, after));
            maxBefore = Math.Max(maxBefore, Math.Abs(before));
            maxAfter = Math.Max(maxAfter, Math.Abs(after));
        }

        int imbalanced = rows.Count(r => Math.Abs(r.SmdAfter) > threshold);
        string message = imbalanced == 0
            ? $"After weighting every covariate is balanced between the arms (largest standardised difference {maxAfter:F2}, threshold {threshold})."
            : $"After weighting {imbalanced} of {p} covariates still differ between the arms by more than {threshold} standard deviations; the propensity model may be missing something.";
        return new BalanceDiagnostics(rows, threshold, maxBefore, maxAfter, message);
    }
}
