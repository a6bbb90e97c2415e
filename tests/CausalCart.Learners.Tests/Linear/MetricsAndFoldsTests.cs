using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Linear;

public class MetricsAndFoldsTests
{
    [Fact]
    public void Brier_rmse_and_r_squared_match_hand_computed_values()
    {
        Assert.Equal(((0.1 * 0.1) + (0.2 * 0.2)) / 2, Metrics.Brier([0.9, 0.2], [1, 0]), 12);
        Assert.Equal(((1 * 0.1 * 0.1) + (3 * 0.2 * 0.2)) / 4, Metrics.Brier([0.9, 0.2], [1, 0], [1, 3]), 12);
        Assert.Equal(Math.Sqrt((1 + 4) / 2.0), Metrics.RootMeanSquaredError([1, 2], [2, 0]), 12);
        Assert.Equal(Math.Sqrt(((2 * 1) + (0 * 4)) / 2.0), Metrics.RootMeanSquaredError([1, 2], [2, 0], [2, 0]), 12);

        // y = (1, 2, 3, 4), ŷ = (1, 2, 3, 5): SSres = 1, SStot = 5.
        Assert.Equal(0.8, Metrics.RSquared([1, 2, 3, 5], [1, 2, 3, 4]), 12);

        // Weighted: w = (1, 1, 1, 3), ȳ_w = 3, SStot = 4 + 1 + 0 + 3 = 8, SSres = 3.
        Assert.Equal(1 - (3.0 / 8), Metrics.RSquared([1, 2, 3, 5], [1, 2, 3, 4], [1, 1, 1, 3]), 12);
        Assert.Equal(-(Math.Log(0.9) + (3 * Math.Log(0.8))) / 4, Metrics.LogLoss([0.9, 0.2], [1, 0], [1, 3]), 12);
        Assert.Throws<ArgumentException>(() => Metrics.RSquared([1, 2], [3, 3]));
        Assert.Throws<ArgumentException>(() => Metrics.Brier([1.2], [1]));
        Assert.Throws<ArgumentException>(() => Metrics.RootMeanSquaredError([1, double.NaN], [1, 2]));
        Assert.Throws<ArgumentException>(() => Metrics.RootMeanSquaredError([1, 2], [1, 2], [-1, 1]));
        Assert.Throws<ArgumentException>(() => Metrics.Brier([0.5, 0.5], [1, 0], [0, 0]));
    }

    [Fact]
    public void Calibration_curve_bins_rows_like_scikit_learn_uniform_strategy()
    {
        double[] p = [0.05, 0.15, 0.12, 0.55, 0.95, 1.0];
        double[] y = [0, 0, 1, 1, 1, 0];
        IReadOnlyList<CalibrationBin> curve = Metrics.CalibrationCurve(p, y, bins: 5);
        Assert.Equal(3, curve.Count); // bins [0, .2), [.4, .6), [.8, 1]; the others are empty
        Assert.Equal((0.05 + 0.15 + 0.12) / 3, curve[0].MeanPredicted, 12);
        Assert.Equal(1.0 / 3, curve[0].ObservedRate, 12);
        Assert.Equal(3, curve[0].Count);
        Assert.Equal(0.4, curve[1].Lower, 12);
        Assert.Equal(0.975, curve[2].MeanPredicted, 12);
        Assert.Equal(0.5, curve[2].ObservedRate, 12);
        IReadOnlyList<CalibrationBin> weighted = Metrics.CalibrationCurve(p, y, 5, [1, 1, 2, 1, 1, 1]);
        Assert.Equal(0.5, weighted[0].ObservedRate, 12);
        Assert.Equal(4, weighted[0].Weight, 12);
    }

    [Fact]
    public void Stratified_folds_balance_each_class_and_are_seeded()
    {
        var rng = new SeededRandom(4);
        double[] labels = Enumerable.Range(0, 1003).Select(_ => rng.NextDouble() < 0.07 ? 1.0 : 0.0).ToArray();
        int[] folds = StratifiedKFold.Assign(labels, 5, 11);
        Assert.Equal(folds, StratifiedKFold.Assign(labels, 5, 11));
        Assert.NotEqual(folds, StratifiedKFold.Assign(labels, 5, 12));
        foreach (double c in new[] { 0.0, 1.0 })
        {
            int[] perFold = Enumerable.Range(0, 5).Select(k => Enumerable.Range(0, labels.Length).Count(i => folds[i] == k && labels[i] == c)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {c}: {string.Join(",", perFold)}");
        }

        int[] sizes = Enumerable.Range(0, 5).Select(k => folds.Count(f => f == k)).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
        Assert.Throws<ArgumentException>(() => StratifiedKFold.Assign([0, 1, double.NaN], 2, 1));
        Assert.Throws<ArgumentException>(() => StratifiedKFold.Assign([0, 1], 3, 1));
    }

    [Fact]
    public void Stratified_grouped_folds_keep_groups_together_and_spread_a_rare_class()
    {
        var rng = new SeededRandom(5);
        const int n = 6000;
        int[] groups = Enumerable.Range(0, n).Select(i => (i * 7919) % 600).ToArray();
        double[] labels = Enumerable.Range(0, n).Select(i => groups[i] % 10 == 0 && rng.NextDouble() < 0.8 ? 1.0 : 0.0).ToArray();
        int[] folds = StratifiedKFold.Assign(labels, 5, 3, groups);
        Assert.Equal(folds, StratifiedKFold.Assign(labels, 5, 3, groups));
        foreach (var g in Enumerable.Range(0, n).GroupBy(i => groups[i]))
        {
            Assert.Single(g.Select(i => folds[i]).Distinct());
        }

        double positives = labels.Sum();
        for (int k = 0; k < 5; k++)
        {
            double share = Enumerable.Range(0, n).Where(i => folds[i] == k).Sum(i => labels[i]) / positives;
            Assert.InRange(share, 0.15, 0.25);
            Assert.InRange(folds.Count(f => f == k), 1100, 1300);
        }

        Assert.Throws<ArgumentException>(() => StratifiedKFold.Assign([0, 1, 0, 1], 3, 1, [1, 1, 2, 2]));
        Assert.Throws<ArgumentException>(() => StratifiedKFold.Assign([0, 1, 0, 1], 2, 1, [1, 1, 2]));
    }
}
