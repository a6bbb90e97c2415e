using CausalCart.Causal.Dml;

namespace CausalCart.Causal.Iv;

/// <summary>First-stage regression of one endogenous regressor on the instruments and the controls.</summary>
/// <param name="Endogenous">Name of the endogenous regressor.</param>
/// <param name="InstrumentCoefficients">Coefficients on the excluded instruments, with standard errors of the chosen
/// covariance type.</param>
/// <param name="PartialRSquared">Share of the variance of the regressor left after the controls that the instruments
/// explain: (RSS_controls − RSS_full) / RSS_controls.</param>
/// <param name="ClassicalF">Classical F for "all instrument coefficients are 0": ((RSS_r − RSS_u)/m)/(RSS_u/(n−k)).</param>
/// <param name="RobustF">Wald version with the chosen (robust or cluster) covariance, divided by the number of instruments.
/// Equals a classical-covariance Wald F when the covariance is classical.</param>
/// <param name="IsWeak">Whether the smaller of the two F statistics is below the weak-instrument threshold.</param>
/// <param name="Note">Human-readable weak-instrument note (a rule of thumb, not a test).</param>
public sealed record FirstStageDiagnostics(
    string Endogenous,
    IReadOnlyList<CoefficientEstimate> InstrumentCoefficients,
    double PartialRSquared,
    double ClassicalF,
    double RobustF,
    bool IsWeak,
    string Note);
