using CausalCart.Core.Results;

namespace CausalCart.Causal;

/// <summary>What one estimator produced on one data set.</summary>
/// <param name="Method">The estimator.</param>
/// <param name="Estimates">One estimate per requested estimand, in the order of <see cref="EffectOptions.Estimands"/>.</param>
/// <param name="Association">The unadjusted comparison of the arms.</param>
/// <param name="Overlap">Propensity overlap (IPW, AIPW), else null.</param>
/// <param name="Balance">Covariate balance (IPW, AIPW), else null.</param>
/// <param name="Propensity">Unclipped propensity per unit (IPW: in-sample; AIPW: cross-fitted), else null.</param>
public sealed record EstimationResult(
    EffectMethod Method,
    IReadOnlyList<EffectEstimate> Estimates,
    Association Association,
    OverlapDiagnostics? Overlap,
    BalanceDiagnostics? Balance,
    IReadOnlyList<double>? Propensity)
{
    /// <summary>The estimate for <paramref name="estimand"/>.</summary>
    /// <exception cref="ArgumentException">It was not requested.</exception>
    public EffectEstimate For(Estimand estimand) =>
        Estimates.FirstOrDefault(e => e.Estimand == estimand)
        ?? throw new ArgumentException($"No {estimand} estimate: add it to EffectOptions.Estimands.", nameof(estimand));
}
