namespace CausalCart.Causal.Dml;

/// <summary>The average effect of one arm against the reference arm, E[Y(arm) − Y(reference)].</summary>
/// <param name="Arm">The arm's label.</param>
/// <param name="Reference">The reference arm's label.</param>
/// <param name="Estimate">AIPW estimate of the mean difference.</param>
/// <param name="StdError">Influence-function SE (cluster-robust with groups).</param>
/// <param name="CiLower">Lower end of the interval.</param>
/// <param name="CiUpper">Upper end.</param>
/// <param name="PValue">Two-sided p-value of "no difference".</param>
/// <param name="Units">Units in this arm.</param>
public sealed record ArmEffect(string Arm, string Reference, double Estimate, double StdError, double CiLower, double CiUpper, double PValue, long Units)
{
    /// <summary>Whether the interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => CiLower <= value && value <= CiUpper;
}
