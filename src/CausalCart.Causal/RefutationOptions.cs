using CausalCart.Core.Results;

namespace CausalCart.Causal;

/// <summary>Options of the refuters.</summary>
/// <param name="Simulations">Re-estimations per refuter (default 100; at least 10 for a verdict other than inconclusive).</param>
/// <param name="Seed">Seed; simulation s uses <c>SeededRandom.DeriveSeed(seed, s)</c>, so results do not depend on the thread count.</param>
/// <param name="SubsetFraction">Share of units (or groups, when the data has groups) kept by the data-subset refuter (default 0.8).</param>
/// <param name="Estimand">Which estimate is refuted (default ATE); the estimator's options must request it.</param>
public sealed record RefutationOptions(int Simulations = 100, int Seed = 0, double SubsetFraction = 0.8, Estimand Estimand = Estimand.Ate)
{
    /// <summary>Largest RMS move of the random-common-cause estimates, in original standard errors, that still passes.</summary>
    public const double RandomCommonCauseTolerance = 0.2;

    /// <summary>Largest shift of the mean subset estimate, in original standard errors, that still passes.</summary>
    public const double SubsetTolerance = 0.25;

    /// <summary>z bound on |mean placebo| / (sd/√S) under which the placebo passes.</summary>
    public const double PlaceboZ = 3;

    /// <summary>The placebo also passes when |mean placebo| is at most this share of the placebo estimates' standard deviation.</summary>
    public const double PlaceboSpreadShare = 0.5;
}
