using CausalCart.Learners.Boosting;
using CausalCart.Numerics;
using static CausalCart.Learners.Tests.Boosting.GradientBoostingTestData;

namespace CausalCart.Learners.Tests.Boosting;

/// <summary>The learner conformance suite (STYLE.md rule 23) for the boosted trees, plus bit-for-bit thread independence.</summary>
public class GradientBoostingConformanceTests
{
    public static TheoryData<string> Learners => new() { "regression", "poisson", "classifier" };

    private static readonly GradientBoostingOptions Small = new() { Trees = 15, MaxDepth = 4 };

    private static (Matrix X, double[] Y) Data(string learner, int n, int seed)
    {
        if (learner == "classifier")
        {
            (Matrix xc, double[] yc, _) = Classification(n, seed);
            return (xc, yc);
        }

        (Matrix x, double[] y, _) = Regression(n, seed);
        return learner == "poisson" ? (x, y.Select(v => Math.Round(Math.Abs(v))).ToArray()) : (x, y);
    }

    private static double[] FitPredict(string learner, GradientBoostingOptions options, Matrix x, double[] y, double[]? w = null, Matrix? at = null)
    {
        at ??= x;
        var p = new double[at.Rows];
        switch (learner)
        {
            case "regression":
                new GradientBoostedTreesRegressor(options).Fit(x, y, w).Predict(at, p);
                break;
            case "poisson":
                new GradientBoostedTreesRegressor(options, RegressionObjective.Poisson).Fit(x, y, w).Predict(at, p);
                break;
            default:
                new GradientBoostedTreesClassifier(options).Fit(x, y, w).PredictProbability(at, p);
                break;
        }

        return p;
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fits_are_bit_identical_whatever_the_thread_count(string learner)
    {
        // Every feature of the method in play: missing values, a categorical column, both samplings, early stopping.
        // 50,000 rows: 45,000 after the validation hold-out, ~40,500 in a tree's subsample, so the root histogram is built
        // in 2 parts, partitions run in 3 blocks, and deeper levels batch several nodes.
        (Matrix x, double[] y) = Data(learner, 50_000, 1);
        var rng = new SeededRandom(99);
        var xm = new Matrix(x.Rows, x.Cols + 1);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Cols; j++)
            {
                xm[i, j] = rng.NextDouble() < 0.1 ? double.NaN : x[i, j];
            }

            xm[i, x.Cols] = rng.NextInt(12);
        }

        var options = new GradientBoostingOptions
        {
            Trees = 5, MaxDepth = 5, Subsample = 0.9, ColumnSampleByTree = 0.8, CategoricalFeatures = [6], EarlyStoppingRounds = 3, Seed = 5,
        };
        double[] one = FitPredict(learner, options with { MaxThreads = 1 }, xm, y);
        double[] many = FitPredict(learner, options with { MaxThreads = 4 }, xm, y);
        double[] all = FitPredict(learner, options, xm, y);
        Assert.Equal(one, many);
        Assert.Equal(one, all);
        double[] leaf1 = FitPredict(learner, options with { Growth = TreeGrowth.LeafWise, MaxDepth = 0, MaxThreads = 1 }, xm, y);
        double[] leaf3 = FitPredict(learner, options with { Growth = TreeGrowth.LeafWise, MaxDepth = 0, MaxThreads = 3 }, xm, y);
        Assert.Equal(leaf1, leaf3);

        // Without row subsampling the training scores are updated from the leaves' row ranges instead.
        var plain = new GradientBoostingOptions { Trees = 4, MaxDepth = 6 };
        Assert.Equal(FitPredict(learner, plain with { MaxThreads = 1 }, xm, y), FitPredict(learner, plain with { MaxThreads = 4 }, xm, y));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fitting_is_deterministic(string learner)
    {
        (Matrix x, double[] y) = Data(learner, 2000, 2);
        Assert.Equal(FitPredict(learner, Small, x, y), FitPredict(learner, Small, x, y));
    }

    [Fact]
    public void Fitting_leaves_options_and_inputs_untouched()
    {
        (Matrix x, double[] y) = Data("classifier", 800, 3);
        double[] xCopy = x.Data.ToArray(), yCopy = (double[])y.Clone();
        var options = new GradientBoostingOptions { Trees = 7, MaxDepth = 3, CategoricalFeatures = [], Subsample = 0.9, Seed = 4 };
        var classifier = new GradientBoostedTreesClassifier(options);
        GradientBoostedTreesClassificationModel m1 = classifier.Fit(x, y);
        GradientBoostedTreesClassificationModel m2 = classifier.Fit(x, y, Enumerable.Repeat(2.0, 800).ToArray());
        Assert.Equal(new GradientBoostingOptions { Trees = 7, MaxDepth = 3, CategoricalFeatures = options.CategoricalFeatures, Subsample = 0.9, Seed = 4 }, classifier.Options);
        Assert.Same(options, classifier.Options);
        Assert.Equal(xCopy, x.Data.ToArray());
        Assert.Equal(yCopy, y);
        Assert.NotSame(m1, m2);
        var regressor = new GradientBoostedTreesRegressor(options, RegressionObjective.SquaredError);
        _ = regressor.Fit(x, y);
        Assert.Equal(7, regressor.Options.Trees);
        Assert.Equal(xCopy, x.Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Invalid_input_gives_clear_argument_exceptions(string learner)
    {
        (Matrix x, double[] y) = Data(learner, 60, 4);
        void Fit(Matrix a, double[] b, double[]? c) => FitPredict(learner, Small, a, b, c);

        var nanY = (double[])y.Clone();
        nanY[3] = double.NaN;
        Assert.Contains("row 3", Assert.Throws<ArgumentException>(() => Fit(x, nanY, null)).Message);
        var infX = new Matrix(60, 6, x.Data.ToArray());
        infX[7, 2] = double.PositiveInfinity;
        Assert.Contains("row 7, column 2", Assert.Throws<ArgumentException>(() => Fit(infX, y, null)).Message);
        Assert.Contains("59 values", Assert.Throws<ArgumentException>(() => Fit(x, y.Take(59).ToArray(), null)).Message);
        Assert.Contains("Sample weights", Assert.Throws<ArgumentException>(() => Fit(x, y, new double[59])).Message);
        Assert.Contains("row 0", Assert.Throws<ArgumentException>(() => Fit(x, y, Enumerable.Repeat(-1.0, 60).ToArray())).Message);
        Assert.Contains("sum to 0", Assert.Throws<ArgumentException>(() => Fit(x, y, new double[60])).Message);
        Assert.Contains("0 rows", Assert.Throws<ArgumentException>(() => Fit(new Matrix(0, 6), [], null)).Message);
    }

    [Fact]
    public void Targets_outside_the_objective_are_rejected_with_the_row()
    {
        (Matrix x, double[] y) = Data("regression", 50, 5);
        Assert.Contains("0 or 1", Assert.Throws<ArgumentException>(() => new GradientBoostedTreesClassifier(Small).Fit(x, y)).Message);
        var negative = y.Select(Math.Abs).ToArray();
        negative[9] = -1;
        Assert.Contains("row 9", Assert.Throws<ArgumentException>(() => new GradientBoostedTreesRegressor(Small, RegressionObjective.Poisson).Fit(x, negative)).Message);
        Assert.Contains("positive mean", Assert.Throws<ArgumentException>(() => new GradientBoostedTreesRegressor(Small, RegressionObjective.Poisson).Fit(x, new double[50])).Message);
    }

    [Fact]
    public void Nan_features_are_accepted_as_missing_values()
    {
        (Matrix x, double[] y) = Data("regression", 300, 6);
        x[7, 2] = double.NaN;
        var p = FitPredict("regression", Small, x, y);
        Assert.All(p, v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Constant_columns_change_nothing(string learner)
    {
        (Matrix x, double[] y) = Data(learner, 2000, 7);
        Matrix xc = x.AppendColumn(Enumerable.Repeat(3.0, 2000).ToArray());
        Matrix xn = x.AppendColumn(Enumerable.Repeat(double.NaN, 2000).ToArray());
        double[] p1 = FitPredict(learner, Small, x, y);
        Assert.Equal(p1, FitPredict(learner, Small, xc, y));
        Assert.Equal(p1, FitPredict(learner, Small, xn, y));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Zero_weight_rows_are_ignored(string learner)
    {
        (Matrix x, double[] y) = Data(learner, 2000, 8);
        double[] w = Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? 1.0 : 0.0).ToArray();
        int[] even = Enumerable.Range(0, 1000).Select(i => 2 * i).ToArray();
        Matrix xe = x.SelectRows(even);
        double[] ye = even.Select(i => y[i]).ToArray();
        var options = Small with { Subsample = 0.8, EarlyStoppingRounds = 5 };
        Assert.Equal(FitPredict(learner, options, xe, ye), FitPredict(learner, options, x, y, w, xe));
    }

    [Fact]
    public void Predicting_with_the_wrong_shape_throws()
    {
        (Matrix x, double[] y) = Data("regression", 100, 9);
        GradientBoostedTreesRegressionModel m = new GradientBoostedTreesRegressor(Small).Fit(x, y);
        Assert.Contains("6 features", Assert.Throws<ArgumentException>(() => m.Predict(new Matrix(10, 5), new double[10])).Message);
        Assert.Throws<ArgumentException>(() => m.Predict(x, new double[99]));
        var inf = new Matrix(1, 6);
        inf[0, 4] = double.NegativeInfinity;
        Assert.Contains("column 4", Assert.Throws<ArgumentException>(() => m.Predict(inf, new double[1])).Message);
        GradientBoostedTreesClassificationModel c = new GradientBoostedTreesClassifier(Small).Fit(x, y.Select(v => v > 0 ? 1.0 : 0.0).ToArray());
        Assert.Throws<ArgumentException>(() => c.PredictProbability(new Matrix(10, 7), new double[10]));
    }

    [Fact]
    public void Invalid_options_name_the_setting()
    {
        static string Message(GradientBoostingOptions o) => Assert.Throws<ArgumentException>(() => new GradientBoostedTreesRegressor(o)).Message;
        Assert.Contains("Trees", Message(new GradientBoostingOptions { Trees = 0 }));
        Assert.Contains("LearningRate", Message(new GradientBoostingOptions { LearningRate = 0 }));
        Assert.Contains("MaxBins", Message(new GradientBoostingOptions { MaxBins = 256 }));
        Assert.Contains("MaxDepth", Message(new GradientBoostingOptions { MaxDepth = 0 }));
        Assert.Contains("MaxLeaves", Message(new GradientBoostingOptions { MaxLeaves = 1 }));
        Assert.Contains("L2", Message(new GradientBoostingOptions { L2 = -1 }));
        Assert.Contains("Subsample", Message(new GradientBoostingOptions { Subsample = 1.5 }));
        Assert.Contains("ValidationFraction", Message(new GradientBoostingOptions { ValidationFraction = 0.9 }));
        Assert.Contains("MaxThreads", Message(new GradientBoostingOptions { MaxThreads = -1 }));
        Assert.Contains("CategoricalFeatures", Message(new GradientBoostingOptions { CategoricalFeatures = [-2] }));
        (Matrix x, double[] y) = Data("regression", 100, 10);
        var tooFar = new GradientBoostedTreesRegressor(new GradientBoostingOptions { CategoricalFeatures = [6] });
        Assert.Contains("column 6", Assert.Throws<ArgumentException>(() => tooFar.Fit(x, y)).Message);
        var badCodes = new GradientBoostedTreesRegressor(new GradientBoostingOptions { CategoricalFeatures = [1] });
        Assert.Contains("Categorical feature column 1", Assert.Throws<ArgumentException>(() => badCodes.Fit(x, y)).Message);
    }

    [Fact]
    public void Histogram_kernel_matches_the_scalar_reference_bit_for_bit()
    {
        var rng = new SeededRandom(21);
        foreach (int p in new[] { 1, 3, 4, 5, 9 })
        {
            foreach (int n in new[] { 0, 1, 2, 7, 64, 301 })
            {
                (int stride, int ghOffset) = HistogramKernels.Layout(p);
                var records = new byte[n * stride];
                int[] offsets = Enumerable.Range(0, p).Select(f => f * 256).ToArray();
                for (int r = 0; r < n; r++)
                {
                    for (int f = 0; f < p; f++)
                    {
                        records[(r * stride) + f] = (byte)rng.NextInt(256);
                    }

                    BitConverter.TryWriteBytes(records.AsSpan((r * stride) + ghOffset), (float)(rng.NextNormal() * 1e3));
                    BitConverter.TryWriteBytes(records.AsSpan((r * stride) + ghOffset + 4), (float)rng.NextDouble());
                }

                int[] rows = Enumerable.Range(0, n).Where(_ => rng.NextDouble() < 0.7).ToArray();
                var fast = new double[2 * 256 * p];
                var reference = new double[2 * 256 * p];
                HistogramKernels.Accumulate(records, stride, ghOffset, p, rows, offsets, fast);
                ReferenceHistogramKernels.Accumulate(records, stride, ghOffset, p, rows, offsets, reference);
                Assert.Equal(reference, fast);
            }
        }
    }

    [Fact]
    public void Learners_work_through_the_shared_interfaces()
    {
        (Matrix x, double[] y) = Data("classifier", 500, 11);
        IClassifier classifier = new GradientBoostedTreesClassifier(Small);
        IClassificationModel cm = classifier.Fit(x, y);
        var p = new double[500];
        cm.PredictProbability(x, p);
        Assert.All(p, v => Assert.InRange(v, 0, 1));
        Assert.Equal(6, cm.FeatureCount);
        IRegressor regressor = new GradientBoostedTreesRegressor(Small);
        IRegressionModel rm = regressor.Fit(x, y);
        rm.Predict(x, p);
        Assert.Equal(6, rm.FeatureCount);
    }
}
