namespace CausalCart.Learners;

/// <summary>Options of <see cref="LogisticRegression"/>.</summary>
/// <param name="L2">
/// Ridge penalty λ₂ ≥ 0 (intercept unpenalised). Objective:
/// (1/Σw)·Σ w_i [softplus(η_i) − y_i η_i] + λ₁·Σ_j f_j|c_j| + (λ₂/2)·Σ_j f_j² c_j², with η_i = b + x_iᵀc and f_j = s_j
/// (the feature's weighted standard deviation: the penalty is on standardised slopes) when <paramref name="Standardize"/>,
/// else 1. With λ₂ &gt; 0 the objective is strictly convex, so a unique finite solution exists even under perfect
/// separation (coefficients then grow like log(1/λ₂), predicted probabilities approach but never reach 0 or 1). With
/// λ₁ = λ₂ = 0 and separated data the fit throws.
/// </param>
/// <param name="MaxIterations">Newton (or proximal Newton) iterations allowed (each one O(n·p²/2)).</param>
/// <param name="Tolerance">Converged when max_j |Δβ_j| ≤ Tolerance·(1 + max_j |β_j|) in standardised coordinates;
/// Newton's quadratic convergence leaves the final error far below this.</param>
/// <param name="L1">Lasso penalty λ₁ ≥ 0 (see <paramref name="L2"/>). scikit-learn's LogisticRegression(penalty="l1", C)
/// with solver "saga" is λ₁ = 1/(C·n) with <paramref name="Standardize"/> = false.</param>
/// <param name="Standardize">Penalise standardised slopes (true, glmnet's convention, the default) or raw slopes (false,
/// scikit-learn's).</param>
public sealed record LogisticRegressionOptions(double L2 = 1e-4, int MaxIterations = 100, double Tolerance = 1e-8, double L1 = 0, bool Standardize = true);
