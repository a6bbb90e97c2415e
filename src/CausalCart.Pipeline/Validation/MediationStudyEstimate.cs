namespace CausalCart.Pipeline.Validation;

/// <summary>One mediation quantity in one world: the estimate, its 95% interval and the world's exact truth.</summary>
/// <param name="Quantity">What was estimated.</param>
/// <param name="Truth">The true (sample) value over the analysed users, from ShopSim's common random numbers.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="StdError">Its influence-function standard error.</param>
/// <param name="CiLower">Lower end of the 95% interval.</param>
/// <param name="CiUpper">Upper end.</param>
/// <param name="Covered">Whether the interval contains the truth.</param>
public sealed record MediationStudyEstimate(
    MediationQuantity Quantity,
    double Truth,
    double Estimate,
    double StdError,
    double CiLower,
    double CiUpper,
    bool Covered);
