using CausalCart.Numerics;

namespace CausalCart.Learners.Boosting;

/// <summary>
/// Histogram gradient-boosted regression trees (squared error or Poisson): quantile-binned features, second-order leaf
/// values, missing values routed by a learned direction per split, native categorical splits. See
/// <see cref="GradientBoostingOptions"/> for the settings and the algorithm.
/// </summary>
/// <remarks>
/// References: Friedman (2001), Greedy function approximation: a gradient boosting machine; Chen &amp; Guestrin (2016),
/// XGBoost (second-order gain, sparsity-aware split finding); Ke et al. (2017), LightGBM (histograms, leaf-wise growth,
/// categorical splits). <see cref="Fit"/> is deterministic given <see cref="GradientBoostingOptions.Seed"/>, bit for bit
/// whatever <see cref="GradientBoostingOptions.MaxThreads"/>.
/// </remarks>
public sealed class GradientBoostedTreesRegressor : IRegressor
{
    /// <summary>Creates the learner.</summary>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="objective">The loss minimised.</param>
    /// <exception cref="ArgumentException">An option is out of range (named in the message), or an unknown objective.</exception>
    public GradientBoostedTreesRegressor(GradientBoostingOptions? options = null, RegressionObjective objective = RegressionObjective.SquaredError)
    {
        Options = options ?? new GradientBoostingOptions();
        Options.Validate();
        if (!Enum.IsDefined(objective))
        {
            throw new ArgumentException($"Objective must be SquaredError or Poisson (got {(int)objective}).", nameof(objective));
        }

        Objective = objective;
    }

    /// <summary>The options (never modified by fitting).</summary>
    public GradientBoostingOptions Options { get; }

    /// <summary>The loss minimised.</summary>
    public RegressionObjective Objective { get; }

    /// <inheritdoc cref="IRegressor.Fit"/>
    /// <remarks>NaN features are allowed (missing values); ±∞ features are rejected. Poisson needs targets ≥ 0 with a positive mean.</remarks>
    public GradientBoostedTreesRegressionModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default) =>
        new(BoostingTrainer.Train(features, target, sampleWeights, Objective == RegressionObjective.Poisson ? BoostingLoss.Poisson : BoostingLoss.SquaredError, Options), Objective);

    IRegressionModel IRegressor.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) => Fit(features, target, sampleWeights);
}
