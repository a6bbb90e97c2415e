using CausalCart.Learners.Forests;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Forests;

/// <summary>The learner conformance suite (STYLE.md rule 23) for both forests.</summary>
public class RandomForestConformanceTests
{
    public static TheoryData<string> Kinds => new() { "regression", "probability" };

    private static (Matrix X, double[] Y) Data(string kind, int n, int seed) =>
        kind == "regression" ? ForestWorlds.Friedman(n, 5, seed) : ForestWorlds.Binary(n, 5, seed);

    private static (double[] Prediction, IReadOnlyList<double> Oob) FitPredict(string kind, RandomForestOptions o, Matrix x, double[] y, double[]? w = null)
    {
        var p = new double[x.Rows];
        if (kind == "regression")
        {
            RandomForestRegressionModel m = new RandomForestRegressor(o).Fit(x, y, w);
            m.Predict(x, p);
            return (p, m.OobPredictions);
        }

        RandomForestClassificationModel c = new RandomForestClassifier(o).Fit(x, y, w);
        c.PredictProbability(x, p);
        return (p, c.OobProbabilities);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fits_are_identical_whatever_the_thread_count(string kind)
    {
        (Matrix x, double[] y) = Data(kind, 1500, 1);
        foreach (bool honest in new[] { false, true })
        {
            var one = new RandomForestOptions { Trees = 12, Seed = 5, Honest = honest, MaxDegreeOfParallelism = 1 };
            (double[] p1, IReadOnlyList<double> o1) = FitPredict(kind, one, x, y);
            (double[] p3, IReadOnlyList<double> o3) = FitPredict(kind, one with { MaxDegreeOfParallelism = 3 }, x, y);
            (double[] pAll, _) = FitPredict(kind, one with { MaxDegreeOfParallelism = -1 }, x, y);
            Assert.Equal(p1, p3);
            Assert.Equal(p1, pAll);
            Assert.Equal(o1, o3);
            (double[] other, _) = FitPredict(kind, one with { Seed = 6 }, x, y);
            Assert.NotEqual(p1, other);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fitting_leaves_options_and_inputs_untouched(string kind)
    {
        (Matrix x, double[] y) = Data(kind, 400, 2);
        double[] xCopy = x.Data.ToArray(), yCopy = (double[])y.Clone();
        var w = Enumerable.Range(0, 400).Select(i => 1.0 + (i % 3)).ToArray();
        double[] wCopy = (double[])w.Clone();
        var options = new RandomForestOptions { Trees = 5, Mtry = 2, Seed = 1, Honest = true };
        _ = FitPredict(kind, options, x, y, w);
        Assert.Equal(new RandomForestOptions { Trees = 5, Mtry = 2, Seed = 1, Honest = true }, options);
        Assert.Equal(xCopy, x.Data.ToArray());
        Assert.Equal(yCopy, y);
        Assert.Equal(wCopy, w);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Rows_with_weight_zero_do_not_influence_the_fit(string kind)
    {
        (Matrix x, double[] y) = Data(kind, 800, 3);
        var w = Enumerable.Range(0, 800).Select(i => i % 4 == 0 ? 0.0 : 1.0).ToArray();
        double[] y2 = (double[])y.Clone();
        var x2 = new Matrix(800, 5, x.Data.ToArray());
        for (int i = 0; i < 800; i += 4)
        {
            y2[i] = kind == "regression" ? 1e6 : 1 - y2[i];
            x2[i, 1] = 50 + i; // far outside the other rows' range: would move the quantile cuts if it were used
        }

        var o = new RandomForestOptions { Trees = 8, Seed = 2, MaxBins = 16 };
        var probe = new Matrix(800, 5, x.Data.ToArray());
        var p1 = new double[800];
        var p2 = new double[800];
        if (kind == "regression")
        {
            new RandomForestRegressor(o).Fit(x, y, w).Predict(probe, p1);
            new RandomForestRegressor(o).Fit(x2, y2, w).Predict(probe, p2);
        }
        else
        {
            new RandomForestClassifier(o).Fit(x, y, w).PredictProbability(probe, p1);
            new RandomForestClassifier(o).Fit(x2, y2, w).PredictProbability(probe, p2);
        }

        Assert.Equal(p1, p2);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Invalid_input_gives_argument_exceptions_that_name_the_problem(string kind)
    {
        (Matrix x, double[] y) = Data(kind, 60, 4);
        var o = new RandomForestOptions { Trees = 3 };
        var nanX = new Matrix(60, 5, x.Data.ToArray());
        nanX[7, 2] = double.NaN;
        Assert.Contains("row 7, column 2", Assert.Throws<ArgumentException>(() => FitPredict(kind, o, nanX, y)).Message);
        double[] nanY = (double[])y.Clone();
        nanY[3] = double.NaN;
        Assert.Contains("row 3", Assert.Throws<ArgumentException>(() => FitPredict(kind, o, x, nanY)).Message);
        Assert.Contains("59 values", Assert.Throws<ArgumentException>(() => FitPredict(kind, o, x, y[..59])).Message);
        Assert.Contains("0 rows", Assert.Throws<ArgumentException>(() => FitPredict(kind, o, new Matrix(0, 5), [])).Message);
        Assert.Contains("weight", Assert.Throws<ArgumentException>(() => FitPredict(kind, o, x, y, Enumerable.Repeat(-1.0, 60).ToArray())).Message);
        Assert.Contains("Mtry", Assert.Throws<ArgumentException>(() => FitPredict(kind, o with { Mtry = 6 }, x, y)).Message);
        Assert.Contains("Trees", Assert.Throws<ArgumentException>(() => FitPredict(kind, o with { Trees = 0 }, x, y)).Message);
        Assert.Contains("SampleFraction", Assert.Throws<ArgumentException>(() => FitPredict(kind, o with { SampleFraction = 1.5 }, x, y)).Message);
        Assert.Contains("MaxBins", Assert.Throws<ArgumentException>(() => FitPredict(kind, o with { MaxBins = 300 }, x, y)).Message);
        if (kind == "probability")
        {
            double[] bad = (double[])y.Clone();
            bad[5] = 2;
            Assert.Contains("row 5", Assert.Throws<ArgumentException>(() => FitPredict(kind, o, x, bad)).Message);
        }

        var model = new RandomForestRegressor(o).Fit(x, y);
        Assert.Contains("5 features", Assert.Throws<ArgumentException>(() => model.Predict(new Matrix(3, 4), new double[3])).Message);
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() => model.Predict(new Matrix(2, 5, [0, 0, 0, 0, 0, 0, double.PositiveInfinity, 0, 0, 0]), new double[2])).Message);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Constant_columns_are_never_split_on(string kind)
    {
        (Matrix x, double[] y) = Data(kind, 500, 5);
        for (int i = 0; i < 500; i++)
        {
            x[i, 4] = 3.5;
        }

        IReadOnlyList<double> importance = kind == "regression"
            ? new RandomForestRegressor(new RandomForestOptions { Trees = 10, Seed = 1 }).Fit(x, y).ImpurityImportance
            : new RandomForestClassifier(new RandomForestOptions { Trees = 10, Seed = 1 }).Fit(x, y).ImpurityImportance;
        Assert.Equal(0, importance[4]);
        Assert.True(importance[0] > 0);

        // Every column constant: each tree is one leaf and predicts its sample's mean.
        var flat = new Matrix(500, 2);
        RandomForestRegressionModel m = new RandomForestRegressor(new RandomForestOptions { Trees = 4, Seed = 1 }).Fit(flat, y);
        var p = new double[500];
        m.Predict(flat, p);
        Assert.All(m.Forest.Trees, t => Assert.Equal(1, t.Count));
        Assert.InRange(p[0], y.Min(), y.Max());
        Assert.All(p, v => Assert.Equal(p[0], v));
    }
}
