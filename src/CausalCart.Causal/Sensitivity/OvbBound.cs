namespace CausalCart.Causal.Sensitivity;

/// <summary>
/// What a confounder k times as strong as an observed covariate would do to the estimate
/// (Cinelli &amp; Hazlett 2020, §4.4 and Appendix B; the <c>ovb_bounds</c> table of sensemakr).
/// </summary>
/// <param name="Label">e.g. <c>1x female</c>.</param>
/// <param name="R2TreatmentWithConfounder">R²_{D~Z|X}: partial R² of the confounder with the treatment.</param>
/// <param name="R2OutcomeWithConfounder">R²_{Y~Z|D,X}: partial R² of the confounder with the outcome.</param>
/// <param name="AdjustedEstimate">The estimate after removing the worst-case bias (towards zero).</param>
/// <param name="AdjustedStandardError">Its standard error.</param>
/// <param name="AdjustedT">AdjustedEstimate / AdjustedStandardError.</param>
/// <param name="AdjustedLower">Lower limit of the adjusted (1 − α) interval.</param>
/// <param name="AdjustedUpper">Upper limit of the adjusted (1 − α) interval.</param>
public sealed record OvbBound(string Label, double R2TreatmentWithConfounder, double R2OutcomeWithConfounder, double AdjustedEstimate, double AdjustedStandardError, double AdjustedT, double AdjustedLower, double AdjustedUpper);
