using CausalCart.Learners.Forests;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Forests;

public sealed class TreeGrowerTests
{
    /// <summary>
    /// The root split of a depth-1 tree with every feature a candidate scores as well as the best cut found by an exhaustive
    /// search over every feature and bin (the reference), with the same child-size and arm constraints. Node sizes below and
    /// above the small-node threshold take the two ways of finding the occupied bins.
    /// </summary>
    [Theory]
    [InlineData(40, 0, 0.0)]
    [InlineData(100, 3, 0.05)]
    [InlineData(3000, 0, 0.0)]
    [InlineData(3000, 5, 0.1)]
    public void Root_split_is_the_best_cut_of_an_exhaustive_search(int n, int minArm, double minShare)
    {
        var rng = new SeededRandom(n + minArm);
        const int p = 4;
        var x = new Matrix(n, p);
        var y = new double[n];
        var w = new double[n];
        var arm = new byte[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = rng.NextNormal();
            x[i, 1] = Math.Round(rng.NextDouble() * 6);     // few distinct values: exact bins
            x[i, 2] = rng.NextDouble();
            x[i, 3] = rng.NextDouble() < 0.3 ? 0 : rng.NextNormal(); // a tie-heavy column
            arm[i] = (byte)(rng.NextDouble() < 0.4 ? 1 : 0);
            y[i] = (x[i, 0] > 0.3 ? 1 : 0) + (0.5 * x[i, 1]) - x[i, 2] + (0.7 * arm[i]) + rng.NextNormal();
            w[i] = 0.5 + rng.NextDouble();
        }

        BinnedFeatures bins = BinnedFeatures.Create(x, 64);
        int[] rows = Enumerable.Range(0, n).ToArray();
        int[] counts = Enumerable.Repeat(1, n).ToArray();
        var limits = new GrowthLimits(p, 1, 1, 1, minArm, minShare);
        DecisionTree tree = TreeGrower.Grow(
            bins, (int[])rows.Clone(), (double[])w.Clone(), counts, (double[])y.Clone(), minArm > 0 ? arm : null, limits, new SeededRandom(7), null, new double[p]);

        double reference = ExhaustiveBest(bins, w, y, arm, minArm, Math.Max(1, (int)Math.Ceiling(minShare * n)));
        TreeNode root = tree.Nodes[0];
        Assert.True(root.Feature >= 0, "the root was not split");
        double chosen = Score(bins, w, y, root.Feature, root.Bin);
        Assert.Equal(reference, chosen, 1e-9 * Math.Abs(reference));
    }

    /// <summary>The four-at-a-time branch-free leaf walk returns what the one-row walk returns, for every batch length.</summary>
    [Fact]
    public void Batched_leaf_walk_matches_the_one_row_walk()
    {
        (Matrix x, double[] y) = ForestWorlds.Friedman(2000, 6, 21);
        var options = new RandomForestOptions { Trees = 3, Seed = 2, MinNodeSize = 1 };
        RandomForestRegressionModel m = new RandomForestRegressor(options).Fit(x, y);
        BinnedFeatures bins = BinnedFeatures.Create(x, options.MaxBins);
        var rng = new SeededRandom(5);
        foreach (DecisionTree tree in m.Forest.Trees)
        {
            for (int len = 0; len <= 41; len++)
            {
                int[] rows = Enumerable.Range(0, len).Select(_ => rng.NextInt(2000)).ToArray();
                var leaves = new int[len];
                tree.LeavesBinned(bins.Codes, bins.Cols, rows, leaves);
                for (int k = 0; k < len; k++)
                {
                    Assert.Equal(tree.LeafBinned(bins, rows[k]), leaves[k]);
                }
            }

            int[] all = Enumerable.Range(0, 2000).ToArray();
            var allLeaves = new int[2000];
            tree.LeavesBinned(bins.Codes, bins.Cols, all, allLeaves);
            Assert.Equal(all.Select(i => tree.LeafBinned(bins, i)), allLeaves);
        }
    }

    private static double ExhaustiveBest(BinnedFeatures bins, double[] w, double[] y, byte[] arm, int minArm, int minLeaf)
    {
        int n = w.Length;
        double best = double.NegativeInfinity;
        for (int j = 0; j < bins.Cols; j++)
        {
            for (int b = 0; b < bins.BinCount(j) - 1; b++)
            {
                int nl = 0, al = 0, a = 0;
                for (int i = 0; i < n; i++)
                {
                    bool left = bins.Codes[(i * bins.Cols) + j] <= b;
                    nl += left ? 1 : 0;
                    al += left ? arm[i] : 0;
                    a += arm[i];
                }

                int nr = n - nl;
                if (nl < minLeaf || nr < minLeaf)
                {
                    continue;
                }

                if (minArm > 0 && (al < minArm || nl - al < minArm || a - al < minArm || nr - (a - al) < minArm))
                {
                    continue;
                }

                best = Math.Max(best, Score(bins, w, y, j, b));
            }
        }

        return best;
    }

    private static double Score(BinnedFeatures bins, double[] w, double[] y, int feature, int bin)
    {
        double wl = 0, sl = 0, wr = 0, sr = 0;
        for (int i = 0; i < w.Length; i++)
        {
            if (bins.Codes[(i * bins.Cols) + feature] <= bin)
            {
                wl += w[i];
                sl += w[i] * y[i];
            }
            else
            {
                wr += w[i];
                sr += w[i] * y[i];
            }
        }

        return (sl * sl / wl) + (sr * sr / wr);
    }
}
