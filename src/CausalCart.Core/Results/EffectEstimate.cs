namespace CausalCart.Core.Results;

/// <summary>
/// One effect estimate: what was estimated, by which method, with its uncertainty.
/// </summary>
/// <param name="Method">The estimation method.</param>
/// <param name="Estimand">ATE or ATT.</param>
/// <param name="Estimate">Point estimate on the outcome's scale (for a binary outcome: a risk difference).</param>
/// <param name="StdError">Standard error; never NaN (an estimator that cannot give one throws instead).</param>
/// <param name="CiLower">Lower end of the two-sided interval at <paramref name="ConfidenceLevel"/>.</param>
/// <param name="CiUpper">Upper end of the interval.</param>
/// <param name="ConfidenceLevel">Nominal coverage of the interval, e.g. 0.95.</param>
/// <param name="N">Units used.</param>
/// <param name="NTreated">Treated units used.</param>
/// <param name="NControl">Control units used.</param>
/// <param name="Diagnostics">Method-specific numbers by name (e.g. <c>clippedShare</c>, <c>folds</c>), for reports.</param>
/// <param name="Warnings">Sentences a user should read before trusting the number.</param>
public sealed record EffectEstimate(
    EffectMethod Method,
    Estimand Estimand,
    double Estimate,
    double StdError,
    double CiLower,
    double CiUpper,
    double ConfidenceLevel,
    long N,
    long NTreated,
    long NControl,
    IReadOnlyDictionary<string, double> Diagnostics,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the interval contains <paramref name="value"/> (inclusive).</summary>
    public bool Covers(double value) => CiLower <= value && value <= CiUpper;
}
