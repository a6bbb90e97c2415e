using System.Collections.Immutable;
using CausalCart.Learners.Boosting;
using CausalCart.Learners.Forests;
using CausalCart.Learners.Linear;
using CausalCart.Learners.Stacking;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Stacking;

public sealed class StackedRegressorTests
{
    private static readonly GradientBoostingOptions Boosted = new()
    {
        Trees = 300, LearningRate = 0.1, MaxDepth = 3, L2 = 1, MinChildWeight = 5, EarlyStoppingRounds = 20, ValidationFraction = 0.1, Seed = 3,
    };

    private static ImmutableArray<StackingCandidate> Library() =>
    [
        new("ridge", new LinearRegression(new LinearRegressionOptions(1e-3))),
        new("gbdt", new GradientBoostedTreesRegressor(Boosted)),
        new("forest", new RandomForestRegressor(new RandomForestOptions { Trees = 100, MinLeafSize = 5, Seed = 4 })),
    ];

    /// <summary>x ~ N(0, I₅); y = f(x) + N(0, 1) with f linear (1 + 2x₀ − x₁ + 0.5x₂) or a step (3·1{x₀ &gt; 0} − 2·1{x₁ &gt; 0.5}).</summary>
    private static (Matrix X, double[] Y, double[] F) World(int n, bool step, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 5);
        var y = new double[n];
        var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                x[i, j] = rng.NextNormal();
            }

            f[i] = step
                ? (x[i, 0] > 0 ? 3 : 0) - (x[i, 1] > 0.5 ? 2 : 0)
                : 1 + (2 * x[i, 0]) - x[i, 1] + (0.5 * x[i, 2]);
            y[i] = f[i] + rng.NextNormal();
        }

        return (x, y, f);
    }

    private static double Mse(IRegressionModel model, Matrix x, double[] f)
    {
        var p = new double[x.Rows];
        model.Predict(x, p);
        return Enumerable.Range(0, x.Rows).Average(i => (p[i] - f[i]) * (p[i] - f[i]));
    }

    [Theory]
    [InlineData(false, "ridge")]
    [InlineData(true, "gbdt")]
    public void Cross_validation_picks_the_learner_that_suits_the_surface(bool step, string expected)
    {
        (Matrix x, double[] y, _) = World(1500, step, 11);
        var options = new StackingOptions { Candidates = Library(), Seed = 2 };
        StackedRegressionModel best = new StackedRegressor(options with { Combination = StackingCombination.BestCandidate }).Fit(x, y);
        Assert.Equal(expected, best.CandidateNames[best.BestCandidate]);
        Assert.Equal(1.0, best.Weights[best.BestCandidate]);
        Assert.Equal(best.CandidateCvRisks[best.BestCandidate], best.StackCvRisk, 12);

        StackedRegressionModel stacked = new StackedRegressor(options).Fit(x, y);
        int heaviest = Enumerable.Range(0, 3).MaxBy(c => stacked.Weights[c]);
        Assert.Equal(expected, stacked.CandidateNames[heaviest]);
        Assert.True(stacked.Weights[heaviest] > 0.5, $"weight of {expected}: {stacked.Weights[heaviest]}");
        Assert.Equal(1.0, stacked.Weights.Sum(), 12);
        Assert.All(stacked.Weights, v => Assert.True(v >= 0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_stack_is_never_worse_than_the_best_candidate_by_more_than_noise(bool step)
    {
        (Matrix x, double[] y, _) = World(1500, step, 21);
        (Matrix xTest, _, double[] fTest) = World(5000, step, 22);
        StackedRegressionModel stacked = new StackedRegressor(new StackingOptions { Candidates = Library(), Seed = 5 }).Fit(x, y);

        // In cross-validation: NNLS over the OOF predictions can only lower the risk of the best vertex (up to normalisation).
        double bestCv = stacked.CandidateCvRisks.Min();
        Assert.True(stacked.StackCvRisk <= bestCv * 1.01, $"stack CV risk {stacked.StackCvRisk} vs best candidate {bestCv}");

        // On fresh data, against each candidate fitted alone (noise: the test MSE of f̂ against f, 5,000 points).
        double stackTest = Mse(stacked, xTest, fTest);
        double bestTest = Library().Min(c => Mse(c.Learner.Fit(x, y), xTest, fTest));
        Assert.True(stackTest <= (bestTest * 1.15) + 0.01, $"stack test MSE {stackTest} vs best candidate {bestTest}");
    }

    [Fact]
    public void Weights_come_from_out_of_fold_predictions_only()
    {
        // A learner that interpolates the training data (1-nearest neighbour, via a fully grown single tree on all rows)
        // has zero in-sample error; out of fold it is noisy, so on linear data it must not win.
        (Matrix x, double[] y, _) = World(800, false, 31);
        var overfit = new RandomForestRegressor(new RandomForestOptions { Trees = 1, Replace = false, SampleFraction = 1, Mtry = 5, MinNodeSize = 1, Seed = 1 });
        var options = new StackingOptions
        {
            Candidates = [new("overfit", overfit), new("ridge", new LinearRegression(new LinearRegressionOptions(1e-3)))],
            Seed = 1,
        };
        StackedRegressionModel m = new StackedRegressor(options).Fit(x, y);
        Assert.True(m.Weights[1] > 0.9, $"ridge weight {m.Weights[1]}");
        Assert.True(m.CandidateCvRisks[0] > m.CandidateCvRisks[1]);
    }

    [Fact]
    public void Fits_are_reproducible_and_depend_on_the_seed()
    {
        (Matrix x, double[] y, _) = World(600, true, 41);
        var options = new StackingOptions { Candidates = Library(), Seed = 7 };
        StackedRegressionModel a = new StackedRegressor(options).Fit(x, y), b = new StackedRegressor(options).Fit(x, y);
        Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
        Assert.Equal(a.CandidateCvRisks.ToArray(), b.CandidateCvRisks.ToArray());
        StackedRegressionModel c = new StackedRegressor(options with { Seed = 8 }).Fit(x, y);
        Assert.NotEqual(a.CandidateCvRisks.ToArray(), c.CandidateCvRisks.ToArray());
    }

    [Fact]
    public void Invalid_options_and_too_few_rows_are_named()
    {
        var ridge = new LinearRegression();
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => new StackedRegressor(new StackingOptions())).Message);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new StackedRegressor(new StackingOptions { Candidates = [new("a", ridge), new("a", ridge)] })).Message);
        Assert.Contains("Folds", Assert.Throws<ArgumentException>(() => new StackedRegressor(new StackingOptions { Candidates = [new("a", ridge)], Folds = 1 })).Message);
        Assert.Contains("Combination", Assert.Throws<ArgumentException>(() => new StackedRegressor(new StackingOptions { Candidates = [new("a", ridge)], Combination = (StackingCombination)7 })).Message);
        (Matrix x, double[] y, _) = World(20, false, 1);
        double[] w = Enumerable.Range(0, 20).Select(i => i < 3 ? 1.0 : 0.0).ToArray();
        Assert.Contains("Only 3 rows", Assert.Throws<ArgumentException>(() => new StackedRegressor(new StackingOptions { Candidates = [new("a", ridge)] }).Fit(x, y, w)).Message);
        var failing = new StackedRegressor(new StackingOptions { Candidates = [new("exact", new LinearRegression()), new("q", new QuadraticRidge(new QuadraticRidgeOptions(0)))] });
        Matrix dup = x.AppendColumn(x.Column(0));
        Assert.Contains("candidate 'exact'", Assert.Throws<ArgumentException>(() => failing.Fit(dup, y)).Message);
    }

    [Fact]
    public void The_default_library_is_valid_and_seeded()
    {
        StackingOptions a = StackingOptions.Default(3), b = StackingOptions.Default(3);
        a.Validate();
        Assert.Equal(7, a.Candidates.Length);
        Assert.Equal(5, a.Folds);
        Assert.Equal(StackingCombination.NonNegativeLeastSquares, a.Combination);
        Assert.Equal(a.Candidates.Select(c => c.Name), b.Candidates.Select(c => c.Name));
        var gbdt = (GradientBoostedTreesRegressor)a.Candidates[4].Learner;
        Assert.Equal(((GradientBoostedTreesRegressor)b.Candidates[4].Learner).Options, gbdt.Options);
        Assert.NotEqual(((GradientBoostedTreesRegressor)StackingOptions.Default(4).Candidates[4].Learner).Options.Seed, gbdt.Options.Seed);
    }
}
