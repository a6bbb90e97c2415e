namespace CausalCart.Causal.Sensitivity;

/// <summary>An E-value (VanderWeele &amp; Ding 2017).</summary>
/// <param name="RiskRatio">The effect on the risk-ratio scale (after any approximation from OR, HR or a standardised difference).</param>
/// <param name="Point">E-value of the point estimate: the minimum risk ratio a confounder would need with both treatment
/// and outcome, beyond the measured covariates, to explain the estimate away.</param>
/// <param name="Limit">E-value of the confidence limit closest to 1 (1 when the interval already includes 1); null without an interval.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
public sealed record EValueResult(double RiskRatio, double Point, double? Limit, string Verdict);
