using CausalCart.Causal.Dml;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Heterogeneity;

/// <summary>Who responds: effect summaries by segment for the report. Immutable.</summary>
/// <param name="Ate">The overall average effect (mean of the AIPW scores).</param>
/// <param name="Segments">Effects by the merchant's segments, in order of first appearance; null when none were given.</param>
/// <param name="Projection">Best linear projection of the CATE on the chosen covariates.</param>
/// <param name="LearnedSegments">GATES: effects in quantile groups of the out-of-fold predicted CATE, lowest first.</param>
/// <param name="TopMinusBottom">Effect in the top learned group minus the bottom one, with its SE (a test of heterogeneity
/// that the learned CATE actually ranks units).</param>
/// <param name="HeterogeneityDetected">Whether <paramref name="TopMinusBottom"/>'s interval excludes 0.</param>
/// <param name="WhoResponds">Plain-language sentences for the report's "who responds" section.</param>
public sealed record HeterogeneityResult(
    EffectEstimate Ate,
    IReadOnlyList<SegmentEffect>? Segments,
    BestLinearProjection Projection,
    IReadOnlyList<SegmentEffect> LearnedSegments,
    CoefficientEstimate TopMinusBottom,
    bool HeterogeneityDetected,
    IReadOnlyList<string> WhoResponds);
