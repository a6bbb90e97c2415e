using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Linear;

public class LargeLogisticTests
{
    [Fact]
    public void Fits_above_the_subsample_threshold_reach_the_full_data_optimum()
    {
        // n above LogisticRegression.SubsampleThreshold: Newton starts from the 1-in-16 subsample fit.
        const int n = 300_000;
        Assert.True(n >= LogisticRegression.SubsampleThreshold);
        var rng = new SeededRandom(21);
        var x = new Matrix(n, 3);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = rng.NextNormal();
            x[i, 1] = 50 + (10 * rng.NextNormal());
            x[i, 2] = rng.NextDouble() < 0.2 ? 1 : 0;
            y[i] = rng.NextDouble() < StableMath.Sigmoid(-3 + (0.8 * x[i, 0]) + (0.05 * x[i, 1]) - x[i, 2]) ? 1 : 0;
        }

        LogisticRegressionModel m = new LogisticRegression(new LogisticRegressionOptions(0)).Fit(x, y);
        Assert.True(m.Converged);
        var p = new double[n];
        m.PredictProbability(x, p);
        double scale = Math.Sqrt(n);
        Assert.True(Math.Abs(Enumerable.Range(0, n).Sum(i => p[i] - y[i])) < 1e-6 * scale);
        for (int j = 0; j < 3; j++)
        {
            double sd = Math.Sqrt(Enumerable.Range(0, n).Select(i => x[i, j]).Sum(v => v * v) / n);
            double score = Enumerable.Range(0, n).Sum(i => (p[i] - y[i]) * x[i, j]);
            Assert.True(Math.Abs(score) < 1e-6 * scale * sd, $"score {j}: {score}");
        }

        // L1: at the optimum |mean (y − p)·x_j| ≤ λ₁·s_j, with equality where c_j ≠ 0 (Standardize = true).
        const double l1 = 0.01;
        LogisticRegressionModel lasso = new LogisticRegression(new LogisticRegressionOptions(0, L1: l1, Tolerance: 1e-10)).Fit(x, y);
        Assert.True(lasso.Converged);
        lasso.PredictProbability(x, p);
        for (int j = 0; j < 3; j++)
        {
            double mean = Enumerable.Range(0, n).Select(i => x[i, j]).Average();
            double sd = Math.Sqrt(Enumerable.Range(0, n).Select(i => x[i, j]).Sum(v => (v - mean) * (v - mean)) / n);
            double grad = Enumerable.Range(0, n).Sum(i => (y[i] - p[i]) * x[i, j]) / n;
            double c = lasso.Coefficients[j];
            if (c == 0)
            {
                Assert.True(Math.Abs(grad) <= (l1 * sd) + 1e-8);
            }
            else
            {
                Assert.Equal(l1 * sd * Math.Sign(c), grad, 1e-7);
            }
        }
    }
}
