using CausalCart.Core.Results;

namespace CausalCart.Causal;

/// <summary>
/// The difference in (weighted) mean outcome between treated and control: the association, biased whenever the arms
/// differ in confounders. Reported for every requested estimand (the same number: without adjustment there is nothing
/// to tell ATE from ATT). SE: Welch's unpooled √(s₁²/n₁ + s₀²/n₀); under sample weights its linearisation
/// Σ_i c_i² · n_a/(n_a − 1) per arm.
/// </summary>
public sealed class NaiveEstimator(EffectOptions? options = null) : IEffectEstimator
{
    /// <inheritdoc/>
    public EffectMethod Method => EffectMethod.Naive;

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Association a = Inference.Associate(data);
        double[] w = data.W;
        double w1 = 0, w0 = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Treatment[i] == 1)
            {
                w1 += w[i];
            }
            else
            {
                w0 += w[i];
            }
        }

        // Per-arm contributions, each with its own n/(n−1) correction (Welch).
        double v1 = 0, v0 = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Treatment[i] == 1)
            {
                double c = w[i] * (data.Outcome[i] - a.MeanTreated) / w1;
                v1 += c * c;
            }
            else
            {
                double c = w[i] * (data.Outcome[i] - a.MeanControl) / w0;
                v0 += c * c;
            }
        }

        double n1 = data.NTreated, n0 = data.NControl;
        double var = (v1 * n1 / (n1 - 1)) + (v0 * n0 / (n0 - 1));
        var estimates = new List<EffectEstimate>();
        foreach (Estimand e in Options.Estimands)
        {
            var diag = new Dictionary<string, double> { ["meanTreated"] = a.MeanTreated, ["meanControl"] = a.MeanControl };
            var warnings = new List<string> { "The naive difference is an association, not a causal effect: it ignores confounding." };
            estimates.Add(Inference.Build(Method, e, a.Difference, [Math.Sqrt(var)], data, Options, diag, warnings));
        }

        return new EstimationResult(Method, estimates, a, null, null, null);
    }
}
