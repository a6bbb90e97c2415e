using CausalCart.Learners.Linear;

namespace CausalCart.Learners.Tests;

// Every learner of this project passes ConformanceSuite (STYLE.md rule 23) through one small class each.

public sealed class LinearRegressionConformanceTests : RegressorConformanceSuite<LinearRegression>
{
    protected override LinearRegression CreateLearner() => new(new LinearRegressionOptions(0.5));

    protected override object OptionsOf(LinearRegression learner) => learner.Options;
}

public sealed class LogisticRegressionConformanceTests : ClassifierConformanceSuite<LogisticRegression>
{
    protected override LogisticRegression CreateLearner() => new(new LogisticRegressionOptions(0.01, 50, 1e-9));

    protected override object OptionsOf(LogisticRegression learner) => learner.Options;
}

public sealed class L1LogisticRegressionConformanceTests : ClassifierConformanceSuite<LogisticRegression>
{
    protected override LogisticRegression CreateLearner() => new(new LogisticRegressionOptions(L2: 0.001, L1: 0.01, Tolerance: 1e-10));

    protected override object OptionsOf(LogisticRegression learner) => learner.Options;
}

public sealed class OrdinaryLeastSquaresConformanceTests : RegressorConformanceSuite<OrdinaryLeastSquares>
{
    protected override ConstantColumnHandling ConstantColumns => ConstantColumnHandling.Rejected;

    protected override OrdinaryLeastSquares CreateLearner() => new(new OrdinaryLeastSquaresOptions(CollinearityTolerance: 1e-8));

    protected override object OptionsOf(OrdinaryLeastSquares learner) => learner.Options;
}

public sealed class OrdinaryLeastSquaresDroppingConformanceTests : RegressorConformanceSuite<OrdinaryLeastSquares>
{
    protected override OrdinaryLeastSquares CreateLearner() => new(new OrdinaryLeastSquaresOptions(RankDeficiency.DropColumns));

    protected override object OptionsOf(OrdinaryLeastSquares learner) => learner.Options;
}

public sealed class ElasticNetConformanceTests : RegressorConformanceSuite<ElasticNet>
{
    protected override ElasticNet CreateLearner() => new(new ElasticNetOptions(0.05, 0.5));

    protected override object OptionsOf(ElasticNet learner) => learner.Options;
}

public sealed class LassoRawScaleConformanceTests : RegressorConformanceSuite<ElasticNet>
{
    protected override ElasticNet CreateLearner() => new(new ElasticNetOptions(0.1, 1, Standardize: false));

    protected override object OptionsOf(ElasticNet learner) => learner.Options;
}

public sealed class ElasticNetCVConformanceTests : RegressorConformanceSuite<ElasticNetCV>
{
    protected override ElasticNetCV CreateLearner() => new(new ElasticNetCVOptions(0.8, Folds: 3, PathLength: 15, Seed: 3));

    protected override object OptionsOf(ElasticNetCV learner) => learner.Options;
}
