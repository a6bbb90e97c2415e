namespace CausalCart.Learners;

/// <summary>Options of <see cref="LogisticRegression"/>.</summary>
/// <param name="L2">
/// Penalty λ ≥ 0 on the standardised slopes (intercept unpenalised). Objective:
/// (1/Σw)·Σ w_i [softplus(z_i'β) − y_i z_i'β] + (λ/2)·Σ_{j≥1} β_j². With λ &gt; 0 the objective is strictly convex, so
/// a unique finite solution exists even under perfect separation (coefficients then grow like log(1/λ), predicted
/// probabilities approach but never reach 0 or 1). With λ = 0 and separated data the fit throws.
/// </param>
/// <param name="MaxIterations">Newton iterations allowed (each one O(n·p²/2)).</param>
/// <param name="Tolerance">Converged when max_j |Δβ_j| ≤ Tolerance·(1 + max_j |β_j|) in standardised coordinates;
/// Newton's quadratic convergence leaves the final error far below this.</param>
public sealed record LogisticRegressionOptions(double L2 = 1e-4, int MaxIterations = 100, double Tolerance = 1e-8);
