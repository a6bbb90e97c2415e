namespace CausalCart.Causal.Sensitivity;

/// <summary>The Cinelli–Hazlett sensitivity of a regression estimate to omitted confounders.</summary>
/// <param name="Treatment">Treatment name.</param>
/// <param name="Estimate">β̂ of the treatment.</param>
/// <param name="StandardError">Its standard error.</param>
/// <param name="TStatistic">β̂ / se.</param>
/// <param name="DegreesOfFreedom">Residual degrees of freedom of the outcome regression.</param>
/// <param name="PartialR2">R²_{Y~D|X} = t² / (t² + dof): the share of residual outcome variance the treatment explains;
/// a confounder explaining all residual outcome variance would need this much of the treatment's to erase the estimate.</param>
/// <param name="RobustnessValue">RV_q: the partial R² a confounder needs with both treatment and outcome to reduce the estimate by 100·q %.</param>
/// <param name="RobustnessValueAlpha">RV_{q,α}: the same, to make the reduced estimate not significant at level α.</param>
/// <param name="Q">Share of the estimate to explain away (1 = all).</param>
/// <param name="Alpha">Significance level.</param>
/// <param name="Bounds">Bounds for confounders k× as strong as observed benchmark covariates.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
public sealed record OvbSensitivity(
    string Treatment,
    double Estimate,
    double StandardError,
    double TStatistic,
    int DegreesOfFreedom,
    double PartialR2,
    double RobustnessValue,
    double RobustnessValueAlpha,
    double Q,
    double Alpha,
    IReadOnlyList<OvbBound> Bounds,
    string Verdict);
