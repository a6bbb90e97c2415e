using CausalCart.Learners.Adapters;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Adapters;

public sealed class ProbabilityRegressorTests
{
    private static (Matrix X, double[] Y) Data(int n, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 2);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = rng.NextNormal();
            x[i, 1] = rng.NextNormal();
            double p = 1 / (1 + Math.Exp(-(-0.5 + (1.2 * x[i, 0]) - (0.7 * x[i, 1]))));
            y[i] = rng.NextDouble() < p ? 1 : 0;
        }

        return (x, y);
    }

    [Fact]
    public void Predictions_are_the_classifier_s_probabilities_with_sample_weights_passed_through()
    {
        var (x, y) = Data(2000, 3);
        var weights = Enumerable.Range(0, y.Length).Select(i => i % 3 == 0 ? 0.0 : 1.0).ToArray();
        var logistic = new LogisticRegression(new LogisticRegressionOptions(1e-4));
        var model = new ProbabilityRegressor(logistic).Fit(x, y, weights);
        var expected = new double[y.Length];
        logistic.Fit(x, y, weights).PredictProbability(x, expected);
        var actual = new double[y.Length];
        model.Predict(x, actual);

        Assert.Equal(2, model.FeatureCount);
        Assert.Equal(expected, actual);
        Assert.All(actual, p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public void A_target_that_is_not_zero_or_one_is_refused()
    {
        var (x, y) = Data(50, 4);
        y[7] = 0.5;
        var ex = Assert.Throws<ArgumentException>(() => new ProbabilityRegressor(new LogisticRegression()).Fit(x, y));
        Assert.Contains("7", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new ProbabilityRegressor(null!));
    }
}
