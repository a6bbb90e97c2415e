using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Matching;

/// <summary>
/// Subclassification (stratification) on the estimated propensity score (Rosenbaum &amp; Rubin 1984, JASA 79:516;
/// Imbens &amp; Rubin 2015, ch. 17): units are cut into strata at the quantiles of a logistic propensity fitted on all
/// covariates, the effect is the difference in mean outcomes within each stratum, and the strata are averaged.
/// </summary>
/// <remarks>
/// <para>Weights: ATE weights stratum k by Nₖ/N, ATT by N₁ₖ/N₁. τ̂ = Σₖ wₖ (ȳ₁ₖ − ȳ₀ₖ) and
/// V̂ = Σₖ wₖ² (s²₁ₖ/N₁ₖ + s²₀ₖ/N₀ₖ) (Imbens &amp; Rubin eq. 17.3–17.4, the propensity treated as known); the
/// interval is normal.</para>
/// <para>Strata: quantile cuts of the propensity over all units, never splitting tied scores. A stratum with fewer
/// than <see cref="SubclassificationOptions.MinPerArm"/> units of an arm is merged with its smaller neighbour (a
/// warning counts the merges); if a single stratum remains without enough of both arms the data are refused.
/// Sample weights are refused; group ids are ignored by the standard error (a warning says so). Deterministic.</para>
/// <para>Five strata remove roughly 90% of the bias of a single covariate (Cochran 1968), but a fixed number of strata
/// leaves a fixed bias while the standard error shrinks; by default the number of strata grows like √n
/// (<see cref="SubclassificationOptions.AutomaticStrata"/>). No within-stratum regression adjustment is done.</para>
/// </remarks>
public sealed class SubclassificationEstimator(EffectOptions? options = null, SubclassificationOptions? subclassification = null) : IEffectEstimator
{
    /// <inheritdoc/>
    public EffectMethod Method => EffectMethod.Subclassification;

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>The subclassification settings.</summary>
    public SubclassificationOptions Subclassification { get; } = subclassification ?? new SubclassificationOptions();

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data) => Subclassify(data).Estimation;

    /// <summary>Stratifies and estimates; returns the strata and balance tables beside the estimates.</summary>
    /// <exception cref="ArgumentException">Invalid options, sample weights, or arms that do not overlap enough for
    /// even one stratum with <see cref="SubclassificationOptions.MinPerArm"/> units of each arm.</exception>
    /// <exception cref="InvalidOperationException">A non-finite estimate or standard error.</exception>
    public SubclassificationResult Subclassify(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Subclassification.Validate();
        if (data.Weights is { } sw && sw.Any(v => v != 1))
        {
            throw new ArgumentException("Subclassification does not use sample weights; pass data without weights (or use IPW/AIPW, which do).", nameof(data));
        }

        int n = data.Count;
        var warnings = new List<string>();
        Nuisance.Glm ps = Nuisance.FitPropensity(data, data.W, Options);
        var e = new double[n];
        for (int i = 0; i < n; i++)
        {
            e[i] = ps.Mean(data.Covariates, i);
        }

        if (!ps.Converged)
        {
            warnings.Add("The propensity model did not converge within its iteration limit.");
        }

        int[] stratumOf = Stratify(e, data.Treatment, Subclassification, out int strataCount, out int merged);
        if (merged > 0)
        {
            warnings.Add($"{merged} of {Subclassification.StrataFor(n)} requested strata were merged into neighbours (tied scores or fewer than {Subclassification.MinPerArm} units of an arm).");
        }

        if (data.Groups is not null)
        {
            warnings.Add("The stratified standard error treats units as independent; the group ids were not used.");
        }

        List<Stratum> strata = Summarise(data, e, stratumOf, strataCount);
        double zc = StandardNormal.TwoSidedCritical(Options.ConfidenceLevel);
        var estimates = new List<EffectEstimate>();
        var balances = new List<MatchBalance>();
        foreach (Estimand estimand in Options.Estimands)
        {
            double total = estimand == Estimand.Att ? data.NTreated : n;
            double tau = 0, variance = 0;
            var weightOf = new double[strataCount];
            foreach (Stratum s in strata)
            {
                double w = (estimand == Estimand.Att ? s.NTreated : s.NTreated + s.NControl) / total;
                weightOf[s.Index] = w;
                tau += w * s.Difference;
                variance += w * w * s.Variance;
            }

            double se = Math.Sqrt(Math.Max(0, variance));
            if (!double.IsFinite(tau) || !double.IsFinite(se))
            {
                throw new InvalidOperationException($"The subclassification {estimand} estimate ({tau}) or its standard error ({se}) is not finite; check the outcome for extreme values.");
            }

            // Unit weights reproducing the stratified contrast: stratum weight spread evenly over each arm of the stratum.
            var after = new double[n];
            for (int i = 0; i < n; i++)
            {
                Stratum s = strata[stratumOf[i]];
                after[i] = weightOf[s.Index] / (data.Treatment[i] == 1 ? s.NTreated : s.NControl);
            }

            var diag = new Dictionary<string, double>
            {
                ["strata"] = strataCount,
                ["requestedStrata"] = Subclassification.StrataFor(n),
                ["mergedStrata"] = merged,
                ["maxAbsSmdWithinStrata"] = strata.Max(s => s.MaxAbsStandardizedDifference),
            };
            estimates.Add(new EffectEstimate(
                Method, estimand, tau, se, tau - (zc * se), tau + (zc * se), Options.ConfidenceLevel,
                n, data.NTreated, data.NControl, diag, [.. warnings]));
            balances.Add(BalanceTable.Summarise(estimand, BalanceTable.Compute(data, after), Options.BalanceThreshold));
        }

        OverlapDiagnostics overlap = Diagnostics.Overlap(e, data.Treatment, data.W, Options.ExtremeThreshold, Options.PropensityClip);
        var estimation = new EstimationResult(
            Method, estimates, Inference.Associate(data), overlap, BalanceTable.ToDiagnostics(balances[0], Options.BalanceThreshold), e);
        return new SubclassificationResult(estimation, strata, stratumOf, balances, merged);
    }

    /// <summary>Quantile strata of <paramref name="score"/>, ties kept together, then merged until each has enough of both arms.</summary>
    internal static int[] Stratify(double[] score, double[] treatment, SubclassificationOptions options, out int count, out int merged)
    {
        int n = score.Length;
        int strataWanted = options.StrataFor(n);
        int[] order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => score[a] != score[b] ? score[a].CompareTo(score[b]) : a.CompareTo(b));

        // Initial blocks: block of sorted position r is floor(r·K/n), moved up to the block of the first unit of its tie run.
        var blockOfPos = new int[n];
        for (int r = 0; r < n; r++)
        {
            blockOfPos[r] = r > 0 && score[order[r]] == score[order[r - 1]] ? blockOfPos[r - 1] : (int)((long)r * strataWanted / n);
        }

        // Contiguous blocks as [start, end) ranges of sorted positions.
        var ranges = new List<(int Start, int End)>();
        for (int r = 0; r < n;)
        {
            int s = r;
            while (r < n && blockOfPos[r] == blockOfPos[s])
            {
                r++;
            }

            ranges.Add((s, r));
        }

        int Arm(int start, int end, int arm)
        {
            int c = 0;
            for (int r = start; r < end; r++)
            {
                if ((treatment[order[r]] == 1 ? 1 : 0) == arm)
                {
                    c++;
                }
            }

            return c;
        }

        bool Enough((int Start, int End) g) =>
            Arm(g.Start, g.End, 1) >= options.MinPerArm && Arm(g.Start, g.End, 0) >= options.MinPerArm;

        while (true)
        {
            int bad = ranges.FindIndex(g => !Enough(g));
            if (bad < 0)
            {
                break;
            }

            if (ranges.Count == 1)
            {
                throw new ArgumentException(
                    $"Subclassification needs at least {options.MinPerArm} treated and {options.MinPerArm} control units with overlapping propensity scores " +
                    $"(treated {Arm(0, n, 1)}, controls {Arm(0, n, 0)}); the arms do not overlap enough.", "data");
            }

            int partner = bad == 0 ? 1
                : bad == ranges.Count - 1 ? bad - 1
                : (ranges[bad - 1].End - ranges[bad - 1].Start) <= (ranges[bad + 1].End - ranges[bad + 1].Start) ? bad - 1 : bad + 1;
            int lo = Math.Min(bad, partner);
            ranges[lo] = (ranges[lo].Start, ranges[lo + 1].End);
            ranges.RemoveAt(lo + 1);
        }

        var stratumOf = new int[n];
        for (int k = 0; k < ranges.Count; k++)
        {
            for (int r = ranges[k].Start; r < ranges[k].End; r++)
            {
                stratumOf[order[r]] = k;
            }
        }

        count = ranges.Count;
        merged = Math.Max(0, strataWanted - count);
        return stratumOf;
    }

    private static List<Stratum> Summarise(EffectData data, double[] e, int[] stratumOf, int count)
    {
        int n = data.Count, p = data.Covariates.Cols;
        var pooledSd = new double[p];
        for (int j = 0; j < p; j++)
        {
            double s1 = 0, q1 = 0, s0 = 0, q0 = 0;
            for (int i = 0; i < n; i++)
            {
                double x = data.Covariates[i, j];
                if (data.Treatment[i] == 1)
                {
                    s1 += x;
                    q1 += x * x;
                }
                else
                {
                    s0 += x;
                    q0 += x * x;
                }
            }

            double n1 = data.NTreated, n0 = data.NControl;
            double v1 = Math.Max(0, (q1 / n1) - ((s1 / n1) * (s1 / n1)));
            double v0 = Math.Max(0, (q0 / n0) - ((s0 / n0) * (s0 / n0)));
            pooledSd[j] = Math.Sqrt((v1 + v0) / 2);
        }

        var strata = new List<Stratum>(count);
        for (int k = 0; k < count; k++)
        {
            int n1 = 0, n0 = 0;
            double y1 = 0, y0 = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            var x1 = new double[p];
            var x0 = new double[p];
            for (int i = 0; i < n; i++)
            {
                if (stratumOf[i] != k)
                {
                    continue;
                }

                lo = Math.Min(lo, e[i]);
                hi = Math.Max(hi, e[i]);
                bool t = data.Treatment[i] == 1;
                if (t)
                {
                    n1++;
                    y1 += data.Outcome[i];
                }
                else
                {
                    n0++;
                    y0 += data.Outcome[i];
                }

                double[] acc = t ? x1 : x0;
                for (int j = 0; j < p; j++)
                {
                    acc[j] += data.Covariates[i, j];
                }
            }

            y1 /= n1;
            y0 /= n0;
            double ss1 = 0, ss0 = 0;
            for (int i = 0; i < n; i++)
            {
                if (stratumOf[i] == k)
                {
                    double d = data.Outcome[i] - (data.Treatment[i] == 1 ? y1 : y0);
                    if (data.Treatment[i] == 1)
                    {
                        ss1 += d * d;
                    }
                    else
                    {
                        ss0 += d * d;
                    }
                }
            }

            var smd = new double[p];
            for (int j = 0; j < p; j++)
            {
                smd[j] = pooledSd[j] > 1e-12 ? ((x1[j] / n1) - (x0[j] / n0)) / pooledSd[j] : 0;
            }

            double variance = (ss1 / (n1 - 1) / n1) + (ss0 / (n0 - 1) / n0);
            strata.Add(new Stratum(k, lo, hi, n1, n0, y1 - y0, variance, smd));
        }

        return strata;
    }
}
