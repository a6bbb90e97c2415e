using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Dml;

/// <summary>Simulated worlds and a test-only nonlinear learner for the double-ML tests.</summary>
internal static class DmlWorlds
{
    /// <summary>
    /// Nonlinear confounding: x ~ N(0, I₃); P(T=1|x) = σ(0.7x₁² − 0.7 + 0.5x₂); Y = x₁² + 0.5x₂ + T(2 + x₁) + N(0, 1).
    /// A linear outcome model is wrong (x₁² drives both T and Y); quadratic features fix it. ATE = 2.
    /// </summary>
    public static EffectData Quadratic(int n, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 3);
        var y = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal(), x3 = rng.NextNormal();
            x[i, 0] = x1;
            x[i, 1] = x2;
            x[i, 2] = x3;
            t[i] = rng.NextDouble() < StableMath.Sigmoid((0.7 * x1 * x1) - 0.7 + (0.5 * x2)) ? 1 : 0;
            y[i] = (x1 * x1) + (0.5 * x2) + (t[i] * (2 + x1)) + rng.NextNormal();
        }

        return new EffectData(y, t, x, ["x1", "x2", "x3"]);
    }
}

/// <summary>Test-only learner: linear regression on the features plus their squares (a quadratic basis).</summary>
internal sealed class QuadraticRegressor : IRegressor
{
    public IRegressionModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default) =>
        new Model(new LinearRegression(new LinearRegressionOptions(1e-8)).Fit(Expand(features), target, sampleWeights), features.Cols);

    internal static Matrix Expand(Matrix x)
    {
        var m = new Matrix(x.Rows, 2 * x.Cols);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Cols; j++)
            {
                m[i, j] = x[i, j];
                m[i, x.Cols + j] = x[i, j] * x[i, j];
            }
        }

        return m;
    }

    private sealed class Model(LinearRegressionModel inner, int p) : IRegressionModel
    {
        public int FeatureCount => p;

        public void Predict(Matrix features, Span<double> destination) => inner.Predict(Expand(features), destination);
    }
}

/// <summary>Test-only classifier: logistic regression on the features plus their squares.</summary>
internal sealed class QuadraticClassifier : IClassifier
{
    public IClassificationModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default) =>
        new Model(new LogisticRegression(new LogisticRegressionOptions(1e-4)).Fit(QuadraticRegressor.Expand(features), target, sampleWeights), features.Cols);

    private sealed class Model(LogisticRegressionModel inner, int p) : IClassificationModel
    {
        public int FeatureCount => p;

        public void PredictProbability(Matrix features, Span<double> destination) => inner.PredictProbability(QuadraticRegressor.Expand(features), destination);
    }
}
