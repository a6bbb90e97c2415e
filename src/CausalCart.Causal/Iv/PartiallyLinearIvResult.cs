using CausalCart.Causal.Dml;

namespace CausalCart.Causal.Iv;

/// <summary>Result of <see cref="PartiallyLinearIv.Estimate"/>: the structural coefficient θ of the partially linear IV model.</summary>
/// <param name="Effect">θ with its influence-function standard error, interval and p-value (term "treatment").</param>
/// <param name="FirstStage">Partialled first stage: the slope of D̃ = D − r̂(X) on Z̃ = Z − m̂(X), Σ w Z̃D̃ / Σ w Z̃², with its
/// robust (or cluster-robust) standard error (term "instrument").</param>
/// <param name="FirstStageF">(slope / SE)² of <paramref name="FirstStage"/>: a one-instrument robust first-stage F.</param>
/// <param name="IsWeak">Whether <paramref name="FirstStageF"/> is below 10 (Staiger–Stock rule of thumb, not a test).</param>
/// <param name="Count">Units n.</param>
/// <param name="Repetitions">Cross-fitting splits S aggregated by the median.</param>
/// <param name="SplitMin">Smallest θ̂ over the splits.</param>
/// <param name="SplitMax">Largest θ̂ over the splits.</param>
/// <param name="Warnings">Plain-language warnings (weak instrument, heterogeneous-effect caveat).</param>
public sealed record PartiallyLinearIvResult(
    CoefficientEstimate Effect,
    CoefficientEstimate FirstStage,
    double FirstStageF,
    bool IsWeak,
    int Count,
    int Repetitions,
    double SplitMin,
    double SplitMax,
    IReadOnlyList<string> Warnings);
