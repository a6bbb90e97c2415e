namespace CausalCart.Causal.Dml;

/// <summary>One coefficient of a linear final stage or projection, with its robust standard error.</summary>
/// <param name="Term">"intercept" or the effect modifier's name.</param>
/// <param name="Estimate">The coefficient: the change in the effect per unit of the term (the intercept: the effect
/// where every modifier is 0).</param>
/// <param name="StdError">Heteroskedasticity-robust (HC1) or, with groups, cluster-robust standard error.</param>
/// <param name="CiLower">Lower end of the two-sided interval.</param>
/// <param name="CiUpper">Upper end of the interval.</param>
/// <param name="PValue">Two-sided p-value of "the coefficient is 0" (normal reference).</param>
public sealed record CoefficientEstimate(string Term, double Estimate, double StdError, double CiLower, double CiUpper, double PValue)
{
    /// <summary>Whether the interval excludes 0.</summary>
    public bool ExcludesZero => CiLower > 0 || CiUpper < 0;

    /// <summary>Whether the interval contains <paramref name="value"/> (inclusive).</summary>
    public bool Covers(double value) => CiLower <= value && value <= CiUpper;
}
