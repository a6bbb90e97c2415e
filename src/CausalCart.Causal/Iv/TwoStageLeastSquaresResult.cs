using CausalCart.Causal.Dml;
using CoefficientEstimate = CausalCart.Causal.Dml.CoefficientEstimate;
using CausalCart.Learners.Linear;

namespace CausalCart.Causal.Iv;

/// <summary>A fitted two-stage least squares (2SLS) regression.</summary>
/// <param name="Coefficients">Structural coefficients in the order intercept, endogenous regressors, controls.</param>
/// <param name="Covariance">Full covariance matrix of <paramref name="Coefficients"/> (row-major, k×k).</param>
/// <param name="CovarianceKind">How <paramref name="Covariance"/> was computed.</param>
/// <param name="Count">Number of rows (N).</param>
/// <param name="FirstStages">One diagnostics record per endogenous regressor.</param>
/// <param name="Sargan">Sargan's n·R² overidentification statistic (residuals on all exogenous variables); <c>null</c>
/// when exactly identified. Valid under homoskedasticity.</param>
/// <param name="WuHausman">Regression-based endogeneity test: Wald test, with the chosen covariance, that the first-stage
/// residuals enter the outcome equation (control-function form); <c>null</c> when a first stage fits exactly (a regressor
/// instruments itself), where the test is not defined.</param>
/// <param name="Notes">Warnings and remarks (weak instruments, rules of thumb).</param>
public sealed record TwoStageLeastSquaresResult(
    IReadOnlyList<CoefficientEstimate> Coefficients,
    double[,] Covariance,
    CovarianceKind CovarianceKind,
    int Count,
    IReadOnlyList<FirstStageDiagnostics> FirstStages,
    IvTestStatistic? Sargan,
    IvTestStatistic? WuHausman,
    IReadOnlyList<string> Notes)
{
    /// <summary>The coefficient named <paramref name="term"/>.</summary>
    /// <exception cref="ArgumentException">No coefficient has that name.</exception>
    public CoefficientEstimate this[string term] =>
        Coefficients.FirstOrDefault(c => c.Term == term)
        ?? throw new ArgumentException($"No coefficient named '{term}'; terms are {string.Join(", ", Coefficients.Select(c => c.Term))}.", nameof(term));
}
