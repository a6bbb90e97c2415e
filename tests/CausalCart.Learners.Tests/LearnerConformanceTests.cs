using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests;

/// <summary>The conformance suite every learner passes (STYLE.md rule 23).</summary>
public class LearnerConformanceTests
{
    public static TheoryData<string> Learners => new() { "linear", "logistic" };

    private static (Matrix X, double[] Y) Data(int n, int seed, bool binary)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 4);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = rng.NextNormal() + j;
            }

            double eta = 0.5 + x[i, 0] - (0.7 * x[i, 1]) + (0.2 * x[i, 3]) - 1;
            y[i] = binary ? (rng.NextDouble() < StableMath.Sigmoid(eta) ? 1 : 0) : eta + rng.NextNormal();
        }

        return (x, y);
    }

    private static double[] FitPredict(string learner, Matrix x, double[] y, double[]? w = null)
    {
        var p = new double[x.Rows];
        if (learner == "linear")
        {
            new LinearRegression().Fit(x, y, w).Predict(x, p);
        }
        else
        {
            new LogisticRegression().Fit(x, y, w).PredictProbability(x, p);
        }

        return p;
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fitting_is_deterministic(string learner)
    {
        (Matrix x, double[] y) = Data(3000, 1, learner == "logistic");
        Assert.Equal(FitPredict(learner, x, y), FitPredict(learner, x, y));
    }

    [Fact]
    public void Fitting_leaves_options_and_inputs_untouched()
    {
        (Matrix x, double[] y) = Data(500, 2, true);
        double[] xCopy = x.Data.ToArray(), yCopy = (double[])y.Clone();
        var options = new LogisticRegressionOptions(0.01, 50, 1e-9);
        var learner = new LogisticRegression(options);
        LogisticRegressionModel m1 = learner.Fit(x, y);
        LogisticRegressionModel m2 = learner.Fit(x, y, Enumerable.Repeat(2.0, 500).ToArray());
        Assert.Equal(new LogisticRegressionOptions(0.01, 50, 1e-9), learner.Options);
        Assert.Equal(xCopy, x.Data.ToArray());
        Assert.Equal(yCopy, y);
        Assert.NotSame(m1, m2);
        var lin = new LinearRegression(new LinearRegressionOptions(0.5));
        _ = lin.Fit(x, y);
        Assert.Equal(new LinearRegressionOptions(0.5), lin.Options);
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Invalid_input_gives_clear_argument_exceptions(string learner)
    {
        (Matrix x, double[] y) = Data(50, 3, true);
        Action<Matrix, double[], double[]?> fit = learner == "linear"
            ? (a, b, c) => new LinearRegression().Fit(a, b, c)
            : (a, b, c) => new LogisticRegression().Fit(a, b, c);
        var nanX = new Matrix(50, 4, x.Data.ToArray());
        nanX[7, 2] = double.NaN;
        Assert.Contains("row 7, column 2", Assert.Throws<ArgumentException>(() => fit(nanX, y, null)).Message);
        double[] nanY = (double[])y.Clone();
        nanY[3] = double.NaN;
        Assert.Contains("row 3", Assert.Throws<ArgumentException>(() => fit(x, nanY, null)).Message);
        Assert.Throws<ArgumentException>(() => fit(x, y.Take(49).ToArray(), null));
        Assert.Throws<ArgumentException>(() => fit(x, y, new double[49]));
        Assert.Throws<ArgumentException>(() => fit(x, y, Enumerable.Repeat(-1.0, 50).ToArray()));
        Assert.Throws<ArgumentException>(() => fit(new Matrix(0, 4), [], null));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Constant_columns_are_handled_and_get_zero_coefficients(string learner)
    {
        (Matrix x, double[] y) = Data(2000, 4, learner == "logistic");
        var xc = x.AppendColumn(Enumerable.Repeat(3.0, 2000).ToArray());
        double[] p1 = FitPredict(learner, x, y), p2 = FitPredict(learner, xc, y);
        for (int i = 0; i < p1.Length; i++)
        {
            Assert.Equal(p1[i], p2[i], 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Zero_weight_rows_are_ignored(string learner)
    {
        (Matrix x, double[] y) = Data(2000, 5, learner == "logistic");
        double[] w = Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? 1.0 : 0.0).ToArray();
        int[] even = Enumerable.Range(0, 1000).Select(i => 2 * i).ToArray();
        Matrix xe = x.SelectRows(even);
        double[] ye = even.Select(i => y[i]).ToArray();
        double[] full = FitPredict(learner, x, y, w);
        double[] sub = FitPredict(learner, xe, ye);
        for (int k = 0; k < even.Length; k++)
        {
            Assert.Equal(sub[k], full[even[k]], 1e-9);
        }
    }

    [Fact]
    public void Classifier_rejects_non_binary_targets()
    {
        (Matrix x, double[] y) = Data(50, 6, false);
        Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(x, y));
    }

    [Fact]
    public void Predicting_with_the_wrong_shape_throws()
    {
        (Matrix x, double[] y) = Data(100, 7, false);
        LinearRegressionModel m = new LinearRegression().Fit(x, y);
        Assert.Throws<ArgumentException>(() => m.Predict(new Matrix(10, 3), new double[10]));
        Assert.Throws<ArgumentException>(() => m.Predict(x, new double[99]));
    }
}
