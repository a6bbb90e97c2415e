using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.DiD;

/// <summary>Options of <see cref="DidTwoByTwo"/>. Immutable.</summary>
public sealed record DidTwoByTwoOptions
{
    /// <summary>The pre-treatment period; null = the panel's first period.</summary>
    public int? PrePeriod { get; init; }

    /// <summary>The post-treatment period; null = the panel's last period.</summary>
    public int? PostPeriod { get; init; }

    /// <summary>Covariate adjustment (ignored without covariates). Default doubly robust (Sant'Anna &amp; Zhao 2020).</summary>
    public DidEstimation Estimation { get; init; } = DidEstimation.DoublyRobust;

    /// <summary>Nominal coverage of the interval, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>
/// The 2×2 difference-in-differences on panel data: ATT = E[Y_post − Y_pre | treated] − E[Y_post − Y_pre | comparison],
/// unadjusted or covariate-adjusted by outcome regression, IPW or the doubly robust estimator of Sant'Anna &amp; Zhao (2020).
/// </summary>
/// <remarks>
/// Treated: units first treated in (pre, post]. Comparison: units never treated or first treated after post. Units treated
/// by the pre period are left out (with a warning). Covariates are taken in the pre period. The standard error comes from
/// the influence function summed by unit (each unit contributes one outcome change) or by the panel's cluster, with no
/// small-sample factor; without covariates it equals the heteroskedasticity-robust standard error of the difference in mean
/// changes, and the point estimate equals the interaction coefficient of Y = a + b·D + c·Post + δ·D·Post.
/// </remarks>
public static class DidTwoByTwo
{
    /// <summary>Estimates the ATT of the units treated between the two periods.</summary>
    /// <exception cref="ArgumentException">A period is not in the panel, pre ≥ post, an option is out of range, or there are no treated or no comparison units.</exception>
    /// <exception cref="InvalidOperationException">A covariate design is singular or the propensity model does not converge.</exception>
    public static EffectEstimate Fit(DidPanel panel, DidTwoByTwoOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new DidTwoByTwoOptions();
        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
        {
            throw new ArgumentException($"ConfidenceLevel is {options.ConfidenceLevel}; it must lie strictly between 0 and 1.", nameof(options));
        }

        int pre = options.PrePeriod ?? panel.Periods[0], post = options.PostPeriod ?? panel.Periods[^1];
        int b = panel.PeriodIndex(pre), t = panel.PeriodIndex(post);
        if (b < 0 || t < 0)
        {
            throw new ArgumentException(
                $"{(b < 0 ? $"PrePeriod {pre}" : $"PostPeriod {post}")} is not a period of the panel ({string.Join(", ", panel.Periods)}).", nameof(options));
        }

        if (b >= t)
        {
            throw new ArgumentException($"PrePeriod {pre} must come before PostPeriod {post}.", nameof(options));
        }

        int n = panel.UnitCount, p = panel.CovariateCount, k = p + 1;
        var members = new List<int>();
        var treated = new List<bool>();
        int early = 0;
        for (int i = 0; i < n; i++)
        {
            int g = panel.FirstTreated(i);
            if (g > 0 && g <= pre)
            {
                early++;
                continue;
            }

            members.Add(i);
            treated.Add(g > 0 && g <= post);
        }

        int m = members.Count, n1 = treated.Count(d => d), n0 = m - n1;
        if (n1 == 0 || n0 == 0)
        {
            throw new ArgumentException(
                $"The 2×2 comparison {pre} → {post} has {n1} treated and {n0} comparison units; it needs both.", nameof(panel));
        }

        var dy = new double[m];
        var x = new double[m * k];
        for (int j = 0; j < m; j++)
        {
            int i = members[j];
            dy[j] = panel.Outcome(i, t) - panel.Outcome(i, b);
            x[j * k] = 1;
            for (int c = 0; c < p; c++)
            {
                x[j * k + 1 + c] = panel.Covariate(i, b, c);
            }
        }

        var r = PanelTwoByTwo.Estimate(dy, [.. treated], x, m, k, options.Estimation);

        // Standard error: Σ_c (Σ_{i∈c} ψ_i)² / m², clusters = units or the panel's clusters.
        var sums = new Dictionary<int, double>();
        for (int j = 0; j < m; j++)
        {
            int c = panel.ClusterOf(members[j]);
            sums[c] = sums.GetValueOrDefault(c) + r.Influence[j];
        }

        double ss = sums.Values.Sum(v => v * v);
        double se = Math.Sqrt(ss) / m;
        if (!double.IsFinite(r.Att) || !double.IsFinite(se))
        {
            throw new InvalidOperationException($"The 2×2 DiD estimate ({r.Att}) or its standard error ({se}) is not finite; check for extreme propensities or outcomes.");
        }

        var warnings = new List<string>();
        if (early > 0)
        {
            warnings.Add($"{early} units treated by period {pre} were left out: they have no untreated pre period.");
        }

        if (r.Clipped > 0)
        {
            warnings.Add($"{r.Clipped} comparison-unit propensities were clipped at {PanelTwoByTwo.PropensityCeiling}; overlap is poor.");
        }

        var diagnostics = new Dictionary<string, double>
        {
            ["prePeriod"] = pre,
            ["postPeriod"] = post,
            ["clusters"] = sums.Count,
            ["covariates"] = p,
        };
        if (!double.IsNaN(r.MaxPropensity))
        {
            diagnostics["maxComparisonPropensity"] = r.MaxPropensity;
        }

        double z = StandardNormal.TwoSidedCritical(options.ConfidenceLevel);
        return new EffectEstimate(
            EffectMethod.DidTwoByTwo, Estimand.Att, r.Att, se, r.Att - z * se, r.Att + z * se, options.ConfidenceLevel,
            m, n1, n0, diagnostics, warnings);
    }
}
