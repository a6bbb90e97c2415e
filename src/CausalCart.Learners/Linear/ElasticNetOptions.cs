namespace CausalCart.Learners.Linear;

/// <summary>Options of <see cref="ElasticNet"/>.</summary>
/// <param name="Alpha">Penalty strength α ≥ 0 (scikit-learn's <c>alpha</c>, glmnet's λ).</param>
/// <param name="L1Ratio">Mix ρ in [0, 1]: 1 is the lasso, 0 ridge (solved in closed form).</param>
/// <param name="Standardize">
/// true (glmnet's default): the penalty applies to the standardised slopes c_j·s_j, s_j the weighted population standard
/// deviation of feature j, so the result does not depend on the features' units. false (scikit-learn's Lasso and
/// ElasticNet): the penalty applies to the raw slopes c_j.
/// </param>
/// <param name="Tolerance">Coordinate descent stops when a full sweep moves no coordinate's contribution to the fit by
/// more than Tolerance × the weighted standard deviation of the target.</param>
/// <param name="MaxSweeps">Coordinate-descent sweep budget per penalty value (each O(p²)).</param>
public sealed record ElasticNetOptions(double Alpha = 1.0, double L1Ratio = 1.0, bool Standardize = true, double Tolerance = 1e-10, int MaxSweeps = 100_000);
