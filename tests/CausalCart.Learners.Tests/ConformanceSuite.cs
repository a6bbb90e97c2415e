using CausalCart.Numerics;

namespace CausalCart.Learners.Tests;

/// <summary>How a learner treats a feature column that is constant.</summary>
public enum ConstantColumnHandling
{
    /// <summary>Ignored: predictions equal those without the column.</summary>
    Ignored,

    /// <summary>Rejected with an ArgumentException naming the column.</summary>
    Rejected,
}

/// <summary>
/// The conformance suite every learner passes (STYLE.md rule 23): deterministic whatever the thread count, options
/// and inputs untouched, clear errors on NaN, mismatched lengths, empty input and bad weights, constant columns handled,
/// zero-weight rows ignored, predictions checked for shape. A learner joins by deriving a small class that says how to
/// create it and how to fit and predict.
/// </summary>
/// <typeparam name="TLearner">The learner type.</typeparam>
public abstract class ConformanceSuite<TLearner>
    where TLearner : class
{
    /// <summary>Whether the target is a 0/1 label (classifiers) rather than real-valued.</summary>
    protected virtual bool BinaryTarget => false;

    /// <summary>What the learner does with a constant column.</summary>
    protected virtual ConstantColumnHandling ConstantColumns => ConstantColumnHandling.Ignored;

    /// <summary>Tolerance for predictions that should agree up to rounding.</summary>
    protected virtual double AgreementTolerance => 1e-9;

    /// <summary>A learner with non-default options.</summary>
    protected abstract TLearner CreateLearner();

    /// <summary>The learner's options object (a record compared by value).</summary>
    protected abstract object OptionsOf(TLearner learner);

    /// <summary>Fits on (x, y, w) and returns predictions (probabilities for classifiers) on x.</summary>
    protected abstract double[] FitPredict(TLearner learner, Matrix x, double[] y, double[]? w);

    /// <summary>Fits and predicts on a matrix of another shape into a destination of the given length.</summary>
    protected abstract void PredictWithShape(TLearner learner, Matrix train, double[] y, Matrix predict, double[] destination);

    [Fact]
    public async Task Fitting_is_deterministic_whatever_the_thread_count()
    {
        // 40,000 rows span three parallel chunks, so the chunked reductions really run in parallel.
        (Matrix x, double[] y) = Data(40_000, 1);
        double[] first = FitPredict(CreateLearner(), x, y, null);
        Assert.Equal(first, FitPredict(CreateLearner(), x, y, null));

        // Parallel.For schedules on TaskScheduler.Current: a one-thread scheduler runs every chunk on one thread.
        var single = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, 1).ExclusiveScheduler;
        double[] oneThread = await Task.Factory.StartNew(() => FitPredict(CreateLearner(), x, y, null), CancellationToken.None, TaskCreationOptions.None, single);
        Assert.Equal(first, oneThread);
    }

    [Fact]
    public void Fitting_leaves_options_and_inputs_untouched()
    {
        (Matrix x, double[] y) = Data(500, 2);
        double[] xCopy = x.Data.ToArray(), yCopy = (double[])y.Clone();
        double[] w = Enumerable.Range(0, 500).Select(i => 1 + (i % 3)).Select(v => (double)v).ToArray();
        double[] wCopy = (double[])w.Clone();
        TLearner learner = CreateLearner();
        object before = OptionsOf(learner);
        double[] p1 = FitPredict(learner, x, y, null);
        double[] p2 = FitPredict(learner, x, y, w);
        Assert.Equal(OptionsOf(CreateLearner()), OptionsOf(learner));
        Assert.Same(before, OptionsOf(learner));
        Assert.Equal(xCopy, x.Data.ToArray());
        Assert.Equal(yCopy, y);
        Assert.Equal(wCopy, w);
        Assert.Equal(p1, FitPredict(learner, x, y, null)); // a second fit is not influenced by the first
        Assert.NotEqual(p1, p2);
    }

    [Fact]
    public void Invalid_input_gives_clear_argument_exceptions()
    {
        (Matrix x, double[] y) = Data(50, 3);
        TLearner learner = CreateLearner();
        var nanX = new Matrix(50, 4, x.Data.ToArray());
        nanX[7, 2] = double.NaN;
        Assert.Contains("row 7, column 2", Assert.Throws<ArgumentException>(() => FitPredict(learner, nanX, y, null)).Message);
        double[] nanY = (double[])y.Clone();
        nanY[3] = double.NaN;
        Assert.Contains("row 3", Assert.Throws<ArgumentException>(() => FitPredict(learner, x, nanY, null)).Message);
        Assert.Contains("49", Assert.Throws<ArgumentException>(() => FitPredict(learner, x, y.Take(49).ToArray(), null)).Message);
        Assert.Contains("49", Assert.Throws<ArgumentException>(() => FitPredict(learner, x, y, new double[49])).Message);
        Assert.Contains("row 0", Assert.Throws<ArgumentException>(() => FitPredict(learner, x, y, Enumerable.Repeat(-1.0, 50).ToArray())).Message);
        Assert.Contains("sum to 0", Assert.Throws<ArgumentException>(() => FitPredict(learner, x, y, new double[50])).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => FitPredict(learner, new Matrix(0, 4), [], null)).Message);
        if (BinaryTarget)
        {
            double[] bad = (double[])y.Clone();
            bad[5] = 0.5;
            Assert.Contains("row 5", Assert.Throws<ArgumentException>(() => FitPredict(learner, x, bad, null)).Message);
        }
    }

    [Fact]
    public void Constant_columns_are_handled()
    {
        (Matrix x, double[] y) = Data(2000, 4);
        Matrix xc = x.AppendColumn(Enumerable.Repeat(3.0, 2000).ToArray());
        TLearner learner = CreateLearner();
        if (ConstantColumns == ConstantColumnHandling.Rejected)
        {
            Assert.Contains("column 4", Assert.Throws<ArgumentException>(() => FitPredict(learner, xc, y, null)).Message);
            return;
        }

        double[] p1 = FitPredict(learner, x, y, null), p2 = FitPredict(learner, xc, y, null);
        for (int i = 0; i < p1.Length; i++)
        {
            Assert.Equal(p1[i], p2[i], AgreementTolerance);
        }
    }

    [Fact]
    public void Zero_weight_rows_are_ignored()
    {
        (Matrix x, double[] y) = Data(2000, 5);
        double[] w = Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? 1.0 : 0.0).ToArray();
        int[] even = Enumerable.Range(0, 1000).Select(i => 2 * i).ToArray();
        Matrix xe = x.SelectRows(even);
        double[] ye = even.Select(i => y[i]).ToArray();
        TLearner learner = CreateLearner();
        double[] full = FitPredict(learner, x, y, w);
        double[] sub = FitPredict(learner, xe, ye, null);
        for (int k = 0; k < even.Length; k++)
        {
            Assert.Equal(sub[k], full[even[k]], AgreementTolerance);
        }
    }

    [Fact]
    public void Predicting_with_the_wrong_shape_throws()
    {
        (Matrix x, double[] y) = Data(100, 7);
        TLearner learner = CreateLearner();
        Assert.Throws<ArgumentException>(() => PredictWithShape(learner, x, y, new Matrix(10, 3), new double[10]));
        Assert.Throws<ArgumentException>(() => PredictWithShape(learner, x, y, x, new double[99]));
    }

    /// <summary>n rows, 4 shifted normal features, a target depending on three of them.</summary>
    protected (Matrix X, double[] Y) Data(int n, int seed)
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
            y[i] = BinaryTarget ? (rng.NextDouble() < StableMath.Sigmoid(eta) ? 1 : 0) : eta + rng.NextNormal();
        }

        return (x, y);
    }
}

/// <summary>The suite for an <see cref="IRegressor"/>.</summary>
/// <typeparam name="TLearner">The regressor type.</typeparam>
public abstract class RegressorConformanceSuite<TLearner> : ConformanceSuite<TLearner>
    where TLearner : class, IRegressor
{
    protected override double[] FitPredict(TLearner learner, Matrix x, double[] y, double[]? w)
    {
        var p = new double[x.Rows];
        learner.Fit(x, y, w).Predict(x, p);
        return p;
    }

    protected override void PredictWithShape(TLearner learner, Matrix train, double[] y, Matrix predict, double[] destination) =>
        learner.Fit(train, y).Predict(predict, destination);
}

/// <summary>The suite for an <see cref="IClassifier"/>.</summary>
/// <typeparam name="TLearner">The classifier type.</typeparam>
public abstract class ClassifierConformanceSuite<TLearner> : ConformanceSuite<TLearner>
    where TLearner : class, IClassifier
{
    protected override bool BinaryTarget => true;

    protected override double[] FitPredict(TLearner learner, Matrix x, double[] y, double[]? w)
    {
        var p = new double[x.Rows];
        learner.Fit(x, y, w).PredictProbability(x, p);
        return p;
    }

    protected override void PredictWithShape(TLearner learner, Matrix train, double[] y, Matrix predict, double[] destination) =>
        learner.Fit(train, y).PredictProbability(predict, destination);
}
