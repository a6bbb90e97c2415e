namespace CausalCart.Causal.Mediation;

/// <summary>One mediation quantity with its influence-function standard error and Wald interval.</summary>
/// <param name="Estimate">Point estimate.</param>
/// <param name="StdError">Standard error: the sample standard deviation of the (cross-fitted) influence function over √n.</param>
/// <param name="CiLower">Lower end of the interval.</param>
/// <param name="CiUpper">Upper end of the interval.</param>
public sealed record MediationEffect(double Estimate, double StdError, double CiLower, double CiUpper)
{
    /// <summary>Whether the interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => CiLower <= value && value <= CiUpper;
}
