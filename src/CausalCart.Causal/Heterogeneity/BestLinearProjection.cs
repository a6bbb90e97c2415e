using CausalCart.Causal.Dml;

namespace CausalCart.Causal.Heterogeneity;

/// <summary>
/// The best linear projection of the CATE on chosen covariates, β = argmin E[(τ(X) − [1, Z]'β)²], estimated by OLS of
/// the AIPW scores on [1, Z] with HC1 / cluster-robust SEs (Semenova &amp; Chernozhukov 2021, Econometrics Journal 24:264).
/// Valid whether or not the CATE is linear: it is the linear summary of how the effect varies with Z.
/// </summary>
/// <param name="Terms">"intercept" then one per covariate.</param>
/// <param name="Summary">One sentence per covariate whose interval excludes 0 (or one saying none does).</param>
public sealed record BestLinearProjection(IReadOnlyList<CoefficientEstimate> Terms, IReadOnlyList<string> Summary);
