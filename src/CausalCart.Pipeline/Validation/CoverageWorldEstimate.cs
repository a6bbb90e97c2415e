using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Validation;

/// <summary>One estimate in one simulated world, beside that world's truth.</summary>
/// <param name="Method">The estimation method.</param>
/// <param name="Estimand">ATE or ATT; compared with the world's true ATE or ATT.</param>
/// <param name="Estimate">Point estimate (risk difference of buying within the window).</param>
/// <param name="StdError">The estimator's standard error.</param>
/// <param name="CiLower">Lower end of the 95% interval.</param>
/// <param name="CiUpper">Upper end of the 95% interval.</param>
/// <param name="Truth">The world's true effect for <paramref name="Estimand"/> (ShopSim <c>truth.json</c>, <c>any_buy</c>).</param>
/// <param name="Covered">Whether the interval contains <paramref name="Truth"/> (ends inclusive).</param>
public sealed record CoverageWorldEstimate(
    EffectMethod Method,
    Estimand Estimand,
    double Estimate,
    double StdError,
    double CiLower,
    double CiUpper,
    double Truth,
    bool Covered);
