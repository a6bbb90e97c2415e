using CausalCart.Learners.Forests;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Forests;

/// <summary>Accuracy, out-of-bag estimates, honesty and importance of the random forests.</summary>
public class RandomForestTests
{
    [Fact]
    public void Regression_forest_fits_friedman_1_and_its_oob_error_tracks_the_test_error()
    {
        (Matrix x, double[] y) = ForestWorlds.Friedman(3000, 8, 1);
        (Matrix xt, double[] yt) = ForestWorlds.Friedman(2000, 8, 2);
        RandomForestRegressionModel m = new RandomForestRegressor(new RandomForestOptions { Trees = 60, Seed = 3 }).Fit(x, y);
        var pred = new double[yt.Length];
        m.Predict(xt, pred);
        double testMse = ForestWorlds.Mse(yt, pred);
        double r2 = ForestWorlds.RSquared(yt, pred);
        Assert.True(r2 > 0.8, $"test R² {r2}");
        Assert.Equal(3000, m.OobRows);
        Assert.True(Math.Abs(m.OobMeanSquaredError - testMse) < 0.15 * testMse, $"OOB MSE {m.OobMeanSquaredError}, test MSE {testMse}");
        Assert.True(Math.Abs(m.OobRSquared - r2) < 0.03, $"OOB R² {m.OobRSquared}, test R² {r2}");
    }

    [Fact]
    public void Probability_forest_ranks_a_nonlinear_target_and_its_oob_auc_tracks_the_test_auc()
    {
        (Matrix x, double[] y) = ForestWorlds.Binary(3000, 6, 4);
        (Matrix xt, double[] yt) = ForestWorlds.Binary(2000, 6, 5);
        RandomForestClassificationModel m = new RandomForestClassifier(new RandomForestOptions { Trees = 60, Seed = 1, MinNodeSize = 10 }).Fit(x, y);
        var prob = new double[yt.Length];
        m.PredictProbability(xt, prob);
        Assert.All(prob, v => Assert.InRange(v, 0, 1));
        double auc = Metrics.Auc(prob, yt);
        double accuracy = prob.Zip(yt, (p, l) => (p > 0.5 ? 1.0 : 0.0) == l ? 1.0 : 0.0).Average();
        Assert.True(auc > 0.8, $"test AUC {auc}");
        Assert.True(Math.Abs(m.OobAuc - auc) < 0.03, $"OOB AUC {m.OobAuc}, test AUC {auc}");
        Assert.True(Math.Abs(m.OobAccuracy - accuracy) < 0.04, $"OOB accuracy {m.OobAccuracy}, test accuracy {accuracy}");
    }

    [Fact]
    public void Impurity_importance_ranks_the_signal_features_above_the_noise_features()
    {
        (Matrix x, double[] y) = ForestWorlds.Friedman(2000, 8, 6);
        RandomForestRegressionModel m = new RandomForestRegressor(new RandomForestOptions { Trees = 30, Seed = 2 }).Fit(x, y);
        double weakestSignal = new[] { 0, 1, 3, 4 }.Min(j => m.ImpurityImportance[j]);
        double strongestNoise = new[] { 5, 6, 7 }.Max(j => m.ImpurityImportance[j]);
        Assert.True(weakestSignal > strongestNoise, $"importance {string.Join(", ", m.ImpurityImportance.Select(v => v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public void Honest_leaf_values_are_the_means_of_the_estimation_half_only()
    {
        (Matrix x, double[] y) = ForestWorlds.Friedman(600, 5, 7);
        var options = new RandomForestOptions { Trees = 3, Seed = 9, Honest = true, Replace = false, SampleFraction = 0.5, MinNodeSize = 10 };
        RandomForestRegressionModel m = new RandomForestRegressor(options).Fit(x, y);
        BinnedFeatures bins = BinnedFeatures.Create(x, options.MaxBins);
        int[] eligible = Enumerable.Range(0, 600).ToArray();
        int checkedLeaves = 0, leavesWhereSplitHalfDisagrees = 0;
        for (int t = 0; t < 3; t++)
        {
            ForestEnsemble.TreeSample sample = ForestEnsemble.DrawTreeSample(options, eligible, 300, 600, t);
            Assert.Equal(150, sample.SplitRows.Length);
            Assert.Equal(150, sample.EstimationRows.Length);
            Assert.Empty(sample.SplitRows.Intersect(sample.EstimationRows));
            DecisionTree tree = m.Forest.Trees[t];
            var est = sample.EstimationRows.GroupBy(r => tree.LeafBinned(bins, r)).ToDictionary(g => g.Key, g => g.Average(r => y[r]));
            var split = sample.SplitRows.GroupBy(r => tree.LeafBinned(bins, r)).ToDictionary(g => g.Key, g => g.Average(r => y[r]));
            foreach ((int leaf, double mean) in est)
            {
                Assert.Equal(mean, tree.Value[leaf], 12);
                checkedLeaves++;
                if (split.TryGetValue(leaf, out double s) && Math.Abs(s - mean) > 1e-9)
                {
                    leavesWhereSplitHalfDisagrees++;
                }
            }
        }

        Assert.True(checkedLeaves > 10, $"{checkedLeaves} leaves checked");
        Assert.True(leavesWhereSplitHalfDisagrees > 0, "the split half gives the same leaf means, so the check could not tell the halves apart");
    }

    [Fact]
    public void Honest_forest_still_predicts_well()
    {
        (Matrix x, double[] y) = ForestWorlds.Friedman(3000, 6, 8);
        (Matrix xt, double[] yt) = ForestWorlds.Friedman(1000, 6, 9);
        var m = new RandomForestRegressor(new RandomForestOptions { Trees = 50, Seed = 1, Honest = true, Replace = false, SampleFraction = 0.5 }).Fit(x, y);
        var pred = new double[yt.Length];
        m.Predict(xt, pred);
        Assert.True(ForestWorlds.RSquared(yt, pred) > 0.7, $"honest test R² {ForestWorlds.RSquared(yt, pred)}");
        Assert.True(Math.Abs(m.OobRSquared - ForestWorlds.RSquared(yt, pred)) < 0.05, $"OOB R² {m.OobRSquared}");
    }

    [Fact]
    public void Thresholds_on_raw_values_route_every_training_row_as_its_bin_codes_do()
    {
        // Few distinct values in one column (exact bins) and many in the others (quantile bins, ties included).
        (Matrix x, double[] y) = ForestWorlds.Friedman(2500, 5, 10);
        for (int i = 0; i < 2500; i++)
        {
            x[i, 1] = Math.Round(x[i, 1] * 7) / 7;
            x[i, 2] = Math.Round(x[i, 2] * 1000) / 1000;
        }

        var options = new RandomForestOptions { Trees = 4, Seed = 1, MaxBins = 32 };
        RandomForestRegressionModel m = new RandomForestRegressor(options).Fit(x, y);
        BinnedFeatures bins = BinnedFeatures.Create(x, options.MaxBins);
        foreach (DecisionTree tree in m.Forest.Trees)
        {
            for (int i = 0; i < 2500; i++)
            {
                Assert.Equal(tree.LeafBinned(bins, i), tree.LeafRaw(x.Row(i)));
            }
        }
    }

    [Fact]
    public void Max_depth_and_min_leaf_size_bound_the_trees()
    {
        (Matrix x, double[] y) = ForestWorlds.Friedman(1000, 5, 11);
        var m = new RandomForestRegressor(new RandomForestOptions { Trees = 5, Seed = 1, MaxDepth = 3 }).Fit(x, y);
        Assert.All(m.Forest.Trees, t => Assert.True(t.Depth.Take(t.Count).Max() <= 3));
        var leafy = new RandomForestRegressor(new RandomForestOptions { Trees = 2, Seed = 1, MinLeafSize = 40, Replace = false }).Fit(x, y);
        BinnedFeatures bins = BinnedFeatures.Create(x, 256);
        foreach (DecisionTree tree in leafy.Forest.Trees)
        {
            // Leaves hold ≥ 40 of the tree's sample (0.632 of the rows), so ≥ 40 · 0.632 of all rows is a safe bound on average.
            var sizes = Enumerable.Range(0, 1000).GroupBy(i => tree.LeafBinned(bins, i)).Select(g => g.Count()).ToArray();
            Assert.True(sizes.Length <= 1000 * 0.632 / 40 + 1, $"{sizes.Length} leaves");
        }
    }
}
