using CausalCart.Core.Results;

namespace CausalCart.Causal.Matching;

/// <summary>Balance of one covariate before and after matching (or within a stratum).</summary>
/// <param name="Name">Covariate name.</param>
/// <param name="MeanTreatedBefore">Mean among all treated units.</param>
/// <param name="MeanControlBefore">Mean among all control units.</param>
/// <param name="SmdBefore">(mean₁ − mean₀)/√((s₁² + s₀²)/2) on all units (0 for a constant covariate).</param>
/// <param name="VarianceRatioBefore">s₁²/s₀² on all units (1 when both are 0; +∞ is reported as <see cref="double.MaxValue"/>).</param>
/// <param name="MeanTreatedAfter">Weighted treated mean in the matched (or stratified) sample.</param>
/// <param name="MeanControlAfter">Weighted control mean in the matched sample.</param>
/// <param name="SmdAfter">Standardised difference after matching, with the same denominator as before (Austin 2009).</param>
/// <param name="VarianceRatioAfter">Weighted variance ratio after matching.</param>
public sealed record CovariateMatchBalance(
    string Name,
    double MeanTreatedBefore,
    double MeanControlBefore,
    double SmdBefore,
    double VarianceRatioBefore,
    double MeanTreatedAfter,
    double MeanControlAfter,
    double SmdAfter,
    double VarianceRatioAfter);

/// <summary>Covariate balance for one estimand's matched sample.</summary>
/// <param name="Estimand">The estimand whose weights were used (ATT: matched treated vs their matches; ATE: each arm
/// weighted by 1 + K, i.e. the units standing for both potential outcomes).</param>
/// <param name="Covariates">One row per covariate, in column order.</param>
/// <param name="MaxAbsSmdBefore">Largest |SMD| before.</param>
/// <param name="MaxAbsSmdAfter">Largest |SMD| after.</param>
/// <param name="Message">A sentence for the report.</param>
public sealed record MatchBalance(Estimand Estimand, IReadOnlyList<CovariateMatchBalance> Covariates, double MaxAbsSmdBefore, double MaxAbsSmdAfter, string Message);

/// <summary>What <see cref="MatchingEstimator.Match"/> produced.</summary>
/// <param name="Estimation">The estimates (one per requested estimand) in the common result shape; its
/// <see cref="EstimationResult.Balance"/> is the balance of the first estimand.</param>
/// <param name="TreatedToControl">Treated units matched to controls.</param>
/// <param name="ControlToTreated">Controls matched to treated units (only when the ATE was requested), else null.</param>
/// <param name="Balance">Balance before and after, one table per requested estimand, with variance ratios.</param>
/// <param name="Score">The matching score per unit (propensity on the chosen scale), or null for Mahalanobis.</param>
/// <param name="CaliperWidth">The caliper on the distance's own scale (after multiplying by the SD for propensity), or null.</param>
public sealed record MatchingResult(
    EstimationResult Estimation,
    MatchedSample TreatedToControl,
    MatchedSample? ControlToTreated,
    IReadOnlyList<MatchBalance> Balance,
    IReadOnlyList<double>? Score,
    double? CaliperWidth);
