using CausalCart.Learners.Boosting;
using CausalCart.Learners.Linear;
using CausalCart.Learners.Stacking;

namespace CausalCart.Learners.Tests.Stacking;

public sealed class StackedRegressorConformanceTests : RegressorConformanceSuite<StackedRegressor>
{
    // Learners are immutable, so one candidate array is shared: options records then compare equal (ImmutableArray
    // compares its backing array by reference).
    private static readonly System.Collections.Immutable.ImmutableArray<StackingCandidate> Candidates =
    [
        new("ridge", new LinearRegression(new LinearRegressionOptions(0.5))),
        new("quadratic", new QuadraticRidge(new QuadraticRidgeOptions(0.1))),
        new("gbdt", new GradientBoostedTreesRegressor(new GradientBoostingOptions { Trees = 15, MaxDepth = 3, Seed = 2 })),
    ];

    protected override StackedRegressor CreateLearner() => new(new StackingOptions { Candidates = Candidates, Folds = 3, Seed = 9 });

    protected override object OptionsOf(StackedRegressor learner) => learner.Options;
}

public sealed class QuadraticRidgeConformanceTests : RegressorConformanceSuite<QuadraticRidge>
{
    protected override QuadraticRidge CreateLearner() => new(new QuadraticRidgeOptions(0.05));

    protected override object OptionsOf(QuadraticRidge learner) => learner.Options;
}
