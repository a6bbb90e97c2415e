using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal;

/// <summary>Turns a point estimate and its influence contributions into an <see cref="EffectEstimate"/>.</summary>
internal static class Inference
{
    /// <summary>
    /// Builds the record with SE = √(factor · Σ_i c_i²), where c_i is unit i's contribution to the linearisation
    /// θ̂ − θ ≈ Σ_i c_i (the influence function scaled by 1/n, or by w_i/Σw under weights). When the data carry group
    /// ids, SE = √(factor · G/(G − 1) · Σ_g (Σ_{i∈g} c_i)²), cluster-robust by group.
    /// </summary>
    public static EffectEstimate Build(
        EffectMethod method, Estimand estimand, double estimate, double[] contributions, EffectData data, EffectOptions options,
        Dictionary<string, double> diagnostics, List<string> warnings, double factor = 1)
    {
        double ss = 0;
        if (data.Groups is { } groups && contributions.Length == data.Count)
        {
            // Cluster-robust: units of one group (e.g. one user's user_item pairs) are not independent, so their
            // influence contributions are summed within the group before squaring, with the G/(G − 1)
            // small-sample factor (Liang & Zeger 1986; Cameron & Miller 2015). Singleton groups reduce to the
            // ordinary influence-function variance apart from that factor.
            var sums = new Dictionary<int, double>();
            for (int i = 0; i < contributions.Length; i++)
            {
                sums[groups[i]] = sums.GetValueOrDefault(groups[i]) + contributions[i];
            }

            foreach (double g in sums.Values)
            {
                ss += g * g;
            }

            int clusters = sums.Count;
            if (clusters > 1)
            {
                ss *= clusters / (clusters - 1.0);
            }

            diagnostics["clusters"] = clusters;
        }
        else
        {
            foreach (double c in contributions)
            {
                ss += c * c;
            }
        }

        double se = Math.Sqrt(factor * ss);
        if (!double.IsFinite(estimate) || !double.IsFinite(se))
        {
            throw new InvalidOperationException(
                $"The {method} {estimand} estimate ({estimate}) or its standard error ({se}) is not finite; " +
                "check for extreme propensities or outcomes.");
        }

        double z = StandardNormal.TwoSidedCritical(options.ConfidenceLevel);
        return new EffectEstimate(
            method, estimand, estimate, se, estimate - (z * se), estimate + (z * se), options.ConfidenceLevel,
            data.Count, data.NTreated, data.NControl, diagnostics, warnings);
    }

    public static Association Associate(EffectData data)
    {
        double[] w = data.W;
        double s1 = 0, s0 = 0, w1 = 0, w0 = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Treatment[i] == 1)
            {
                s1 += w[i] * data.Outcome[i];
                w1 += w[i];
            }
            else
            {
                s0 += w[i] * data.Outcome[i];
                w0 += w[i];
            }
        }

        double m1 = s1 / w1, m0 = s0 / w0;
        return new Association(m1, m0, m1 - m0, m0 == 0 ? null : m1 / m0, data.NTreated, data.NControl, data.OutcomeIsBinary);
    }
}
