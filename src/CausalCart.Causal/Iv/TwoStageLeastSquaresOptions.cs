using CausalCart.Learners.Linear;

namespace CausalCart.Causal.Iv;

/// <summary>Options of <see cref="TwoStageLeastSquares"/>.</summary>
/// <param name="Covariance">Covariance of the coefficients: classical, HC0–HC3 or cluster-robust (the
/// <see cref="CovarianceType"/> of the linear learners). <c>null</c> means HC1.</param>
/// <param name="ConfidenceLevel">Level of the two-sided normal intervals, in (0, 1).</param>
/// <param name="WeakInstrumentF">First-stage F below which the weak-instrument note is raised (Staiger &amp; Stock 1997
/// rule of thumb: 10).</param>
public sealed record TwoStageLeastSquaresOptions(
    CovarianceType? Covariance = null,
    double ConfidenceLevel = 0.95,
    double WeakInstrumentF = 10.0);
