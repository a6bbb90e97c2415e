using CausalCart.Learners;
using CausalCart.Learners.Boosting;
using CausalCart.Learners.Forests;
using CausalCart.Learners.Stacking;
using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>
/// Ready-made flexible nuisance learners with defaults that need no tuning: the spine's <c>nuisance: gbdt</c> and
/// <c>nuisance: forest</c>, and the cross-validated stack of both with linear and quadratic ridge.
/// </summary>
public static class FlexibleNuisances
{
    /// <summary>
    /// Gradient-boosted trees for the propensity (log-loss) and the outcome models (squared error, so a binary outcome's
    /// regression is its probability): up to 500 trees of depth 4, learning rate 0.05, L2 1, minimum child weight 5 (a
    /// leaf needs some mass, so propensities do not run to 0 or 1 on a handful of units), early stopping after 20 rounds
    /// without improvement on a 10% validation split of each training fold. Seeded; deterministic whatever the thread count.
    /// </summary>
    /// <param name="seed">Seed of the validation split and of any subsampling.</param>
    public static NuisanceLearners GradientBoosting(int seed)
    {
        var options = new GradientBoostingOptions
        {
            Trees = 500,
            LearningRate = 0.05,
            MaxDepth = 4,
            L2 = 1.0,
            MinChildWeight = 5,
            EarlyStoppingRounds = 20,
            ValidationFraction = 0.1,
            Seed = seed,
        };
        return new NuisanceLearners
        {
            Outcome = () => new GradientBoostedTreesRegressor(options),
            Propensity = () => new GradientBoostedTreesClassifier(options),
            Treatment = () => new GradientBoostedTreesRegressor(options),
            Effect = () => new LinearRegression(new LinearRegressionOptions(1e-8)),
        };
    }

    /// <summary>
    /// Random forests for the propensity (a probability forest: the mean over trees of each leaf's treated share) and the
    /// outcome models (regression forest, so a binary outcome's regression is its probability): 300 trees, each grown on
    /// half the rows drawn without replacement (as GRF's nuisance forests), ⌊√p⌋ candidate features per node, nodes split
    /// only above 10 samples and every leaf holding at least 5 (a leaf needs some mass, so propensities do not run to 0 or
    /// 1 on a handful of units). The outcome and propensity forests draw from streams derived from <paramref name="seed"/>.
    /// Seeded; deterministic whatever the thread count.
    /// </summary>
    /// <param name="seed">Seed of the row sampling and feature draws.</param>
    public static NuisanceLearners RandomForest(int seed)
    {
        RandomForestOptions Forest(ulong stream) => new()
        {
            Trees = 300,
            Replace = false,
            SampleFraction = 0.5,
            MinNodeSize = 10,
            MinLeafSize = 5,
            Seed = unchecked((int)SeededRandom.DeriveSeed(unchecked((ulong)seed), stream)),
        };

        RandomForestOptions outcome = Forest(1), propensity = Forest(2), treatment = Forest(3);
        return new NuisanceLearners
        {
            Outcome = () => new RandomForestRegressor(outcome),
            Propensity = () => new RandomForestClassifier(propensity),
            Treatment = () => new RandomForestRegressor(treatment),
            Effect = () => new LinearRegression(new LinearRegressionOptions(1e-8)),
        };
    }

    /// <summary>
    /// The super learner (<see cref="StackedRegressor"/> with <see cref="StackingOptions.Default"/>: ridge, quadratic ridge
    /// at two penalties, boosted trees of depth 2, 4 and 6 and a random forest, combined by non-negative least squares on
    /// 5-fold out-of-fold predictions) for the outcome and continuous-treatment models, so each regression picks the
    /// learner that suits its own surface by cross-validation on the factual data; the spine's boosted trees for the
    /// propensity (<see cref="GradientBoosting"/>); a linear final stage, or the same stack when
    /// <paramref name="stackedEffect"/> is set (a nonlinear CATE for the DR-, X- and R-learners). Seeded; deterministic.
    /// Cost: each regression fit is about 40 candidate fits (7 candidates × (5 folds + 1)), so expect 10–40× the time of
    /// <see cref="GradientBoosting"/>.
    /// </summary>
    /// <param name="seed">Seed of the stack's folds and of every candidate (streams derived from it).</param>
    /// <param name="stackedEffect">Whether the effect model (final stage) is stacked too (default: linear).</param>
    public static NuisanceLearners Stacked(int seed, bool stackedEffect = false)
    {
        var stack = new StackedRegressor(StackingOptions.Default(seed));
        NuisanceLearners boosted = GradientBoosting(seed);
        return new NuisanceLearners
        {
            Outcome = () => stack,
            Propensity = boosted.Propensity,
            Treatment = () => stack,
            Effect = stackedEffect ? () => stack : boosted.Effect,
        };
    }
}
