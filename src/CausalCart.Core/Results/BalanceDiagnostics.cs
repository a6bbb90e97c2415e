namespace CausalCart.Core.Results;

/// <summary>Covariate balance before and after inverse-propensity weighting (a love plot's data).</summary>
/// <param name="Covariates">One row per covariate.</param>
/// <param name="Threshold">An absolute standardised mean difference above this counts as imbalanced (conventionally 0.1).</param>
/// <param name="MaxAbsBefore">Largest |SMD| before weighting.</param>
/// <param name="MaxAbsAfter">Largest |SMD| after weighting.</param>
/// <param name="Message">One sentence for a merchant.</param>
public sealed record BalanceDiagnostics(
    IReadOnlyList<CovariateBalance> Covariates,
    double Threshold,
    double MaxAbsBefore,
    double MaxAbsAfter,
    string Message);

/// <summary>Balance of one covariate.</summary>
/// <param name="Name">Covariate column name.</param>
/// <param name="MeanTreated">Unweighted mean among treated.</param>
/// <param name="MeanControl">Unweighted mean among controls.</param>
/// <param name="SmdBefore">Standardised mean difference before weighting (pooled SD of the unweighted arms).</param>
/// <param name="SmdAfter">Standardised mean difference after weighting (same denominator as before).</param>
public sealed record CovariateBalance(string Name, double MeanTreated, double MeanControl, double SmdBefore, double SmdAfter);
