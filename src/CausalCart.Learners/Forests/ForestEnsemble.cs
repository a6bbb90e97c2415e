using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Learners.Forests;

/// <summary>
/// The trees of a fitted regression or probability forest with their out-of-bag predictions and impurity importance.
/// Shared by <see cref="RandomForestRegressionModel"/> and <see cref="RandomForestClassificationModel"/>. Immutable.
/// </summary>
internal sealed class ForestEnsemble
{
    private ForestEnsemble(DecisionTree[] trees, int featureCount, double[] importance, double[] oob, int maxDop)
    {
        Trees = trees;
        FeatureCount = featureCount;
        Importance = importance;
        Oob = oob;
        MaxDegreeOfParallelism = maxDop;
    }

    public DecisionTree[] Trees { get; }

    public int FeatureCount { get; }

    /// <summary>(p) impurity decrease per feature, summed over each tree's splits and averaged over trees.</summary>
    public double[] Importance { get; }

    /// <summary>(n) mean over the trees that did not draw the row; NaN for a row drawn by every tree.</summary>
    public double[] Oob { get; }

    public int MaxDegreeOfParallelism { get; }

    /// <summary>Validates and trains (see <see cref="RandomForestRegressor"/> for the algorithm).</summary>
    public static ForestEnsemble Train(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights, RandomForestOptions options, bool binaryTarget)
    {
        ArgumentNullException.ThrowIfNull(options);
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget);
        options.Validate(features.Cols);
        double[] y = target.ToArray();
        int n = features.Rows, p = features.Cols;
        int[] eligible = RowSampler.Eligible(w);
        BinnedFeatures bins = BinnedFeatures.Create(features, options.MaxBins, options.MaxDegreeOfParallelism, eligible);
        int drawSize = Math.Max(1, (int)Math.Round(options.EffectiveSampleFraction * eligible.Length));
        var limits = new GrowthLimits(
            options.Mtry ?? Math.Max(1, (int)Math.Floor(Math.Sqrt(p))), options.MinNodeSize, options.MinLeafSize, options.MaxDepth);
        int trees = options.Trees;
        var forest = new DecisionTree[trees];
        var inBag = new ulong[trees][];
        var importance = new double[trees][];
        var po = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, trees, po, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (t) =>
        {
            TreeSample sample = DrawTreeSample(options, eligible, drawSize, n, t);
            var bag = new ulong[(n + 63) >> 6];
            MarkInBag(bag, sample.SplitRows);
            MarkInBag(bag, sample.EstimationRows);
            int[] splitRows = sample.SplitRows, splitCounts = sample.SplitCounts, estRows = sample.EstimationRows, estCounts = sample.EstimationCounts;
            SeededRandom rng = sample.Random;
            var sw = new double[splitRows.Length];
            var sl = new double[splitRows.Length];
            for (int q = 0; q < splitRows.Length; q++)
            {
                sw[q] = w[splitRows[q]] * splitCounts[q];
                sl[q] = y[splitRows[q]];
            }

            importance[t] = new double[p];
            DecisionTree tree = TreeGrower.Grow(bins, splitRows, sw, splitCounts, sl, null, limits, rng, null, importance[t]);
            if (estRows.Length > 0)
            {
                Repopulate(tree, bins, estRows, estCounts, w, y);
            }

            forest[t] = tree;
            inBag[t] = bag;
        });

        var imp = new double[p];
        for (int t = 0; t < trees; t++)
        {
            for (int j = 0; j < p; j++)
            {
                imp[j] += importance[t][j] / trees;
            }
        }

        var oob = new double[n];
        byte[] codes = bins.Codes;

        // Tree-major within blocks of rows: one tree's nodes stay in cache while a block's out-of-bag rows walk it (four at
        // a time, see DecisionTree.LeavesBinned); each row's sum still runs in tree order.
        DeterministicParallel.For(n, 2048, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (s, e) =>
        {
            var sum = new double[e - s];
            var used = new int[e - s];
            var outside = new int[e - s]; // (block) the tree's out-of-bag rows
            var leaf = new int[e - s];    // (block) their leaves
            for (int t = 0; t < trees; t++)
            {
                DecisionTree tree = forest[t];
                ulong[] bag = inBag[t];
                int count = 0;
                for (int i = s; i < e; i++)
                {
                    outside[count] = i;
                    count += (bag[i >> 6] & (1UL << (i & 63))) == 0 ? 1 : 0;
                }

                tree.LeavesBinned(codes, p, outside.AsSpan(0, count), leaf);
                double[] value = tree.Value;
                for (int k = 0; k < count; k++)
                {
                    sum[outside[k] - s] += value[leaf[k]];
                    used[outside[k] - s]++;
                }
            }

            for (int i = s; i < e; i++)
            {
                oob[i] = used[i - s] > 0 ? sum[i - s] / used[i - s] : double.NaN;
            }
        });

        return new ForestEnsemble(forest, p, imp, oob, options.MaxDegreeOfParallelism);
    }

    /// <summary>One tree's draw: the split sample, the estimation sample (empty unless honest) and the stream that goes on to
    /// draw the tree's candidate features.</summary>
    internal sealed record TreeSample(int[] SplitRows, int[] SplitCounts, int[] EstimationRows, int[] EstimationCounts, SeededRandom Random);

    /// <summary>Tree <paramref name="tree"/>'s rows, from its own stream <c>DeriveSeed(seed, tree)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static TreeSample DrawTreeSample(RandomForestOptions options, int[] eligible, int drawSize, int n, int tree)
    {
        var rng = new SeededRandom(SeededRandom.DeriveSeed(unchecked((ulong)(long)options.Seed), (ulong)tree));
        (int[] rows, int[] counts) = RowSampler.Draw(eligible, drawSize, options.Replace, rng, n);
        if (!options.Honest || rows.Length < 2)
        {
            return new TreeSample(rows, counts, [], [], rng);
        }

        int[] order = rng.Permutation(rows.Length);
        int k = Math.Clamp((int)Math.Round(options.HonestyFraction * rows.Length), 1, rows.Length - 1);
        var splitRows = new int[k];
        var splitCounts = new int[k];
        var estRows = new int[rows.Length - k];
        var estCounts = new int[rows.Length - k];
        for (int q = 0; q < rows.Length; q++)
        {
            int o = order[q];
            if (q < k)
            {
                splitRows[q] = rows[o];
                splitCounts[q] = counts[o];
            }
            else
            {
                estRows[q - k] = rows[o];
                estCounts[q - k] = counts[o];
            }
        }

        return new TreeSample(splitRows, splitCounts, estRows, estCounts, rng);
    }

    private static void MarkInBag(ulong[] bag, int[] rows)
    {
        foreach (int r in rows)
        {
            bag[r >> 6] |= 1UL << (r & 63);
        }
    }

    /// <summary>
    /// Honest leaf values: every node's value becomes the weighted mean label of the estimation rows that reach it; a
    /// node no estimation row reaches takes its nearest ancestor's value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Repopulate(DecisionTree tree, BinnedFeatures bins, int[] rows, int[] counts, double[] w, double[] y)
    {
        int c = tree.Count;
        var sumW = new double[c];
        var sumS = new double[c];
        var leaves = new int[rows.Length]; // (rows) leaf of each estimation row
        tree.LeavesBinned(bins.Codes, bins.Cols, rows, leaves);
        for (int q = 0; q < rows.Length; q++)
        {
            int r = rows[q];
            int leaf = leaves[q];
            double wq = w[r] * counts[q];
            sumW[leaf] += wq;
            sumS[leaf] += wq * y[r];
        }

        // Children have larger ids than their parent, so one backward pass accumulates subtree sums.
        for (int id = c - 1; id > 0; id--)
        {
            int par = tree.Parent[id];
            sumW[par] += sumW[id];
            sumS[par] += sumS[id];
        }

        for (int id = 0; id < c; id++)
        {
            if (sumW[id] > 0)
            {
                tree.Value[id] = sumS[id] / sumW[id];
            }
            else if (id > 0)
            {
                tree.Value[id] = tree.Value[tree.Parent[id]];
            }
        }
    }

    /// <summary>Mean over trees of the leaf value of each raw row (validated by the caller), summed in tree order.</summary>
    public void Predict(Matrix features, Span<double> destination)
    {
        LearnerInput.CheckPredict(features, FeatureCount, destination.Length);
        LearnerInput.CheckFinite(features);
        var result = new double[features.Rows];
        DecisionTree[] trees = Trees;
        DeterministicParallel.For(features.Rows, 2048, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (s, e) =>
        {
            for (int i = s; i < e; i++)
            {
                ReadOnlySpan<double> row = features.Row(i);
                double sum = 0;
                foreach (DecisionTree tree in trees)
                {
                    sum += tree.Value[tree.LeafRaw(row)];
                }

                result[i] = sum / trees.Length;
            }
        });
        result.CopyTo(destination);
    }
}
