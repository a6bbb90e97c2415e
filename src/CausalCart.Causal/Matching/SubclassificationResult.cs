namespace CausalCart.Causal.Matching;

/// <summary>One propensity stratum after merging.</summary>
/// <param name="Index">Position, from the lowest propensity (0) upwards.</param>
/// <param name="PropensityLow">Smallest estimated propensity in the stratum.</param>
/// <param name="PropensityHigh">Largest estimated propensity in the stratum.</param>
/// <param name="NTreated">Treated units in the stratum.</param>
/// <param name="NControl">Control units in the stratum.</param>
/// <param name="Difference">Treated minus control mean outcome in the stratum.</param>
/// <param name="Variance">s₁²/n₁ + s₀²/n₀ of that difference (sample variances with n − 1).</param>
/// <param name="StandardizedDifferences">Per covariate (column order), (within-stratum treated mean − control mean)
/// divided by √((s₁² + s₀²)/2) of the whole sample's arms, so strata are comparable; 0 for a constant covariate.</param>
public sealed record Stratum(
    int Index,
    double PropensityLow,
    double PropensityHigh,
    int NTreated,
    int NControl,
    double Difference,
    double Variance,
    IReadOnlyList<double> StandardizedDifferences)
{
    /// <summary>Largest absolute standardised difference in the stratum (0 without covariates).</summary>
    public double MaxAbsStandardizedDifference => StandardizedDifferences.Count == 0 ? 0 : StandardizedDifferences.Max(Math.Abs);
}

/// <summary>What <see cref="SubclassificationEstimator.Subclassify"/> produced.</summary>
/// <param name="Estimation">The estimates in the common result shape; its balance is that of the first estimand's weights.</param>
/// <param name="Strata">The strata used (after merging), lowest propensity first.</param>
/// <param name="StratumOf">Stratum index per unit.</param>
/// <param name="Balance">Balance before and after weighting by the strata, one table per requested estimand.</param>
/// <param name="MergedStrata">How many of the requested quantile strata were merged away (ties or too few of an arm).</param>
public sealed record SubclassificationResult(
    EstimationResult Estimation,
    IReadOnlyList<Stratum> Strata,
    IReadOnlyList<int> StratumOf,
    IReadOnlyList<MatchBalance> Balance,
    int MergedStrata);
