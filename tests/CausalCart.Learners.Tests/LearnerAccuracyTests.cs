using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests;

public class LearnerAccuracyTests
{
    [Fact]
    public void Ols_recovers_exact_coefficients_on_noiseless_data()
    {
        var rng = new SeededRandom(1);
        var x = new Matrix(500, 3);
        var y = new double[500];
        for (int i = 0; i < 500; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = (rng.NextNormal() * (j + 1)) + (100 * j);
            }

            y[i] = 4 - (2 * x[i, 0]) + (0.5 * x[i, 1]) + (3 * x[i, 2]);
        }

        LinearRegressionModel m = new LinearRegression().Fit(x, y);
        Assert.Equal(4, m.Intercept, 1e-7);
        Assert.Equal(-2, m.Coefficients[0], 1e-10);
        Assert.Equal(0.5, m.Coefficients[1], 1e-10);
        Assert.Equal(3, m.Coefficients[2], 1e-10);
    }

    [Fact]
    public void Ols_without_penalty_rejects_collinear_columns_and_ridge_accepts_them()
    {
        var rng = new SeededRandom(2);
        var x = new Matrix(100, 3);
        var y = new double[100];
        for (int i = 0; i < 100; i++)
        {
            x[i, 0] = rng.NextNormal();
            x[i, 1] = rng.NextNormal();
            x[i, 2] = x[i, 0] + x[i, 1];
            y[i] = rng.NextNormal();
        }

        var e = Assert.Throws<ArgumentException>(() => new LinearRegression().Fit(x, y));
        Assert.Contains("feature column 2", e.Message);
        LinearRegressionModel m = new LinearRegression(new LinearRegressionOptions(1e-3)).Fit(x, y);
        Assert.True(double.IsFinite(m.Coefficients[2]));
    }

    [Fact]
    public void Logistic_regression_satisfies_the_optimality_conditions_and_recovers_the_truth()
    {
        var rng = new SeededRandom(3);
        const int n = 100_000;
        var x = new Matrix(n, 3);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = rng.NextNormal();
            x[i, 1] = rng.NextNormal() * 3;
            x[i, 2] = rng.NextDouble();
            y[i] = rng.NextDouble() < StableMath.Sigmoid(-0.5 + x[i, 0] - (0.3 * x[i, 1]) + (2 * x[i, 2])) ? 1 : 0;
        }

        LogisticRegressionModel m = new LogisticRegression(new LogisticRegressionOptions(0)).Fit(x, y);
        Assert.True(m.Converged);
        var p = new double[n];
        m.PredictProbability(x, p);

        // Score equations: Σ (p − y) = 0 and Σ (p − y) x_j = 0 at the unpenalised maximum likelihood.
        Assert.True(Math.Abs(Enumerable.Range(0, n).Sum(i => p[i] - y[i])) < 1e-6);
        for (int j = 0; j < 3; j++)
        {
            Assert.True(Math.Abs(Enumerable.Range(0, n).Sum(i => (p[i] - y[i]) * x[i, j])) < 1e-5);
        }

        Assert.Equal(-0.5, m.Intercept, 0.06);
        Assert.Equal(1.0, m.Coefficients[0], 0.03);
        Assert.Equal(-0.3, m.Coefficients[1], 0.01);
        Assert.Equal(2.0, m.Coefficients[2], 0.08);
        Assert.InRange(Metrics.Auc(p, y), 0.7, 0.9);
    }

    [Fact]
    public void Perfect_separation_gives_finite_coefficients_with_the_penalty_and_an_error_without()
    {
        var x = new Matrix(200, 1);
        var y = new double[200];
        for (int i = 0; i < 200; i++)
        {
            x[i, 0] = i - 99.5;
            y[i] = i >= 100 ? 1 : 0;
        }

        LogisticRegressionModel m = new LogisticRegression().Fit(x, y);
        Assert.True(m.Converged);
        Assert.True(double.IsFinite(m.Coefficients[0]) && m.Coefficients[0] > 0);
        var p = new double[200];
        m.PredictProbability(x, p);
        Assert.True(p[0] < 0.01 && p[199] > 0.99);
        Assert.Throws<InvalidOperationException>(() => new LogisticRegression(new LogisticRegressionOptions(0, 200)).Fit(x, y));
    }

    [Fact]
    public void Single_class_target_with_a_penalty_converges_instead_of_a_singular_hessian()
    {
        // Regression: an outcome model fitted in an arm where every outcome was 1 drove the unpenalised intercept to
        // infinity, p(1 − p) → 0, and the Newton system turned singular ("Hessian is singular at iteration 39").
        var rng = new SeededRandom(3);
        const int n = 400;
        var x = new Matrix(n, 2);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = rng.NextDouble() * 10;
            x[i, 1] = i % 3 == 0 ? 1 : 0;
            y[i] = 1;
        }

        LogisticRegressionModel m = new LogisticRegression().Fit(x, y);
        var p = new double[n];
        m.PredictProbability(x, p);
        Assert.All(p, v => Assert.True(double.IsFinite(v) && v > 0.99, $"p = {v}"));
    }

    [Fact]
    public void Grouped_folds_keep_groups_together_are_seeded_and_balanced()
    {
        int[] groups = Enumerable.Range(0, 10_000).Select(i => (i * 7919) % 1234).ToArray();
        int[] folds = GroupedKFold.Assign(groups.Length, 5, 42, groups);
        Assert.Equal(folds, GroupedKFold.Assign(groups.Length, 5, 42, groups));
        Assert.NotEqual(folds, GroupedKFold.Assign(groups.Length, 5, 43, groups));
        foreach (var g in Enumerable.Range(0, groups.Length).GroupBy(i => groups[i]))
        {
            Assert.Single(g.Select(i => folds[i]).Distinct());
        }

        int[] sizes = Enumerable.Range(0, 5).Select(k => folds.Count(f => f == k)).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 20, string.Join(",", sizes));
        Assert.Throws<ArgumentException>(() => GroupedKFold.Assign(10, 5, 1, [1, 1, 1, 2, 2, 2, 3, 3, 4, 4]));
        int[] plain = GroupedKFold.Assign(103, 5, 1);
        Assert.All(Enumerable.Range(0, 5), k => Assert.InRange(plain.Count(f => f == k), 20, 21));
    }

    [Fact]
    public void Metrics_match_hand_computed_values()
    {
        Assert.Equal(0.75, Metrics.Auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 12);
        Assert.Equal(0.5, Metrics.Auc([1, 1, 1, 1], [0, 1, 0, 1]), 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8)) / 2, Metrics.LogLoss([0.9, 0.2], [1, 0]), 12);
        Assert.Throws<ArgumentException>(() => Metrics.Auc([0.1, 0.2], [1, 1]));
    }
}

public class WarmStartTests
{
    [Fact]
    public void A_warm_started_fit_reaches_the_same_optimum_in_fewer_iterations()
    {
        var rng = new SeededRandom(9);
        const int n = 20_000;
        var x = new Matrix(n, 4);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = rng.NextNormal() + j;
            }

            y[i] = rng.NextDouble() < StableMath.Sigmoid(-2 + x[i, 0] + (0.5 * x[i, 3])) ? 1 : 0;
        }

        double[] half = Enumerable.Range(0, n).Select(i => i % 4 == 0 ? 0.0 : 1.0).ToArray();
        var learner = new LogisticRegression();
        LogisticRegressionModel cold = learner.Fit(x, y, half);
        LogisticRegressionModel start = learner.Fit(x, y);
        LogisticRegressionModel warm = learner.FitFrom(start, x, y, half);
        Assert.True(warm.Iterations < cold.Iterations, $"warm {warm.Iterations}, cold {cold.Iterations}");
        Assert.Equal(cold.Intercept, warm.Intercept, 1e-7);
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(cold.Coefficients[j], warm.Coefficients[j], 1e-7);
        }

        Assert.Throws<ArgumentException>(() => learner.FitFrom(start, new Matrix(10, 3), new double[10]));
    }
}
