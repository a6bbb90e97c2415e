using System.Text.Json;
using CausalCart.Learners.Linear;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Linear;

public class ElasticNetTests
{
    [Theory]
    [InlineData("lasso")]
    [InlineData("elasticnet")]
    [InlineData("elasticnet_weighted")]
    public void Coefficients_match_scikit_learn_on_the_reference_data(string name)
    {
        ReferenceData r = ReferenceData.Shared;
        JsonElement e = r.Json.GetProperty(name);
        double alpha = e.GetProperty("alpha").GetDouble();
        double rho = e.TryGetProperty("l1_ratio", out JsonElement l1) ? l1.GetDouble() : 1.0;
        double[]? w = name.EndsWith("weighted", StringComparison.Ordinal) ? r.W : null;
        ElasticNetModel m = new ElasticNet(new ElasticNetOptions(alpha, rho, Standardize: false, Tolerance: 1e-12)).Fit(r.X, r.Y, w);
        Assert.True(m.Converged);
        double[] expected = ReferenceData.Array(e.GetProperty("coef"));
        ReferenceData.Close(expected, m.Coefficients, 1e-6, name);
        Assert.Equal(e.GetProperty("intercept").GetDouble(), m.Intercept, 1e-6 * Math.Abs(m.Intercept));
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.Equal(expected[j] == 0, m.Coefficients[j] == 0); // the lasso's exact zeros
        }
    }

    [Fact]
    public void Solution_satisfies_the_elastic_net_optimality_conditions()
    {
        (Matrix x, double[] y) = Data(3000, 12, 1);
        foreach (bool standardize in new[] { true, false })
        {
            const double alpha = 0.4, rho = 0.7;
            ElasticNetModel m = new ElasticNet(new ElasticNetOptions(alpha, rho, standardize)).Fit(x, y);
            var pred = new double[y.Length];
            m.Predict(x, pred);
            double[] s = Enumerable.Range(0, 12).Select(j => Sd(x.Column(j))).ToArray();
            for (int j = 0; j < 12; j++)
            {
                // ∂/∂c_j of the data term is −(1/n)Σ x_ij r_i; KKT: it equals −α·ρ·f·sign(c) − α(1−ρ)f²c, |.| ≤ αρf at 0.
                double f = standardize ? s[j] : 1;
                double grad = Enumerable.Range(0, y.Length).Sum(i => x[i, j] * (y[i] - pred[i])) / y.Length;
                double c = m.Coefficients[j];
                if (c == 0)
                {
                    Assert.True(Math.Abs(grad) <= (alpha * rho * f) + 1e-8, $"feature {j}: |grad| {Math.Abs(grad)} > {alpha * rho * f}");
                }
                else
                {
                    Assert.Equal((alpha * rho * f * Math.Sign(c)) + (alpha * (1 - rho) * f * f * c), grad, 1e-8);
                }
            }

            Assert.True(m.NonZeroCount is > 0 and < 12, $"{m.NonZeroCount} non-zero");
        }
    }

    [Fact]
    public void Ridge_is_solved_in_closed_form_and_agrees_with_the_existing_ridge()
    {
        (Matrix x, double[] y) = Data(1000, 5, 2);
        ElasticNetModel m = new ElasticNet(new ElasticNetOptions(0.3, 0)).Fit(x, y);
        LinearRegressionModel reference = new LinearRegression(new LinearRegressionOptions(0.3)).Fit(x, y);
        Assert.Equal(0, m.Sweeps);
        Assert.Equal(reference.Intercept, m.Intercept, 1e-10);
        for (int j = 0; j < 5; j++)
        {
            Assert.Equal(reference.Coefficients[j], m.Coefficients[j], 1e-10);
        }
    }

    [Fact]
    public void Path_starts_empty_at_alpha_max_and_warm_started_fits_equal_cold_fits()
    {
        (Matrix x, double[] y) = Data(2000, 8, 3);
        var net = new ElasticNet(new ElasticNetOptions(L1Ratio: 0.9));
        double max = net.AlphaMax(x, y);
        IReadOnlyList<ElasticNetModel> path = net.Path(x, y);
        Assert.Equal(100, path.Count);
        Assert.Equal(max, path[0].Alpha, 1e-12);
        Assert.Equal(0, path[0].NonZeroCount);
        Assert.True(path[1].NonZeroCount > 0);
        Assert.Equal(8, path[^1].NonZeroCount);
        ElasticNetModel cold = new ElasticNet(new ElasticNetOptions(path[40].Alpha, 0.9)).Fit(x, y);
        for (int j = 0; j < 8; j++)
        {
            Assert.Equal(cold.Coefficients[j], path[40].Coefficients[j], 1e-8);
        }

        Assert.Throws<ArgumentException>(() => net.Path(x, y, alphas: [0.1, -1]));
    }

    [Fact]
    public void Cross_validation_picks_a_sparse_model_and_the_one_se_rule_is_at_least_as_sparse()
    {
        (Matrix x, double[] y) = Data(4000, 20, 4);
        int[] groups = Enumerable.Range(0, 4000).Select(i => i / 40).ToArray();
        ElasticNetCVModel min = new ElasticNetCV(new ElasticNetCVOptions(PathLength: 40, Seed: 7)).Fit(x, y, default, groups);
        ElasticNetCVModel oneSe = new ElasticNetCV(new ElasticNetCVOptions(PathLength: 40, Seed: 7, Rule: AlphaRule.OneStandardError)).Fit(x, y, default, groups);
        Assert.Equal(min.AlphaMinimum, oneSe.AlphaMinimum);
        Assert.True(oneSe.Model.Alpha >= min.Model.Alpha);
        Assert.True(oneSe.Model.NonZeroCount <= min.Model.NonZeroCount);

        // Truth: 5 of the 20 features matter; the CV lasso keeps them and the curve has its minimum inside the path.
        for (int j = 0; j < 5; j++)
        {
            Assert.NotEqual(0, min.Model.Coefficients[j]);
        }

        Assert.True(min.MeanError[0] > min.MeanError[min.Alphas.IndexOf(min.AlphaMinimum)]);
        Assert.Equal(min.Model.Coefficients.ToArray(), new ElasticNetCV(new ElasticNetCVOptions(PathLength: 40, Seed: 7)).Fit(x, y, default, groups).Model.Coefficients.ToArray());
    }

    private static double Sd(double[] v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(a => (a - m) * (a - m)) / v.Length);
    }

    internal static (Matrix X, double[] Y) Data(int n, int p, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, p);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double shared = rng.NextNormal();
            for (int j = 0; j < p; j++)
            {
                x[i, j] = ((0.5 * shared) + rng.NextNormal()) * (1 + (j % 3)) + j;
            }

            y[i] = 1 + (2 * x[i, 0]) - x[i, 1] + (0.5 * x[i, 2]) + (0.3 * x[i, 3]) - (0.2 * x[i, 4]) + (2 * rng.NextNormal());
        }

        return (x, y);
    }
}
