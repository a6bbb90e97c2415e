using System.Diagnostics;
using CausalCart.Numerics;

namespace CausalCart.Learners.Boosting;

/// <summary>The boosting loop shared by the regressor and the classifier.</summary>
internal static class BoostingTrainer
{
    private const int ChunkRows = 16384;

    /// <summary>Fits an ensemble; <paramref name="timings"/>, when given, receives seconds per stage (for profiling).</summary>
    public static BoostedEnsemble Train(
        Matrix x, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights, BoostingLoss loss, GradientBoostingOptions o, Dictionary<string, double>? timings = null)
    {
        double[] weights = BoostingInput.Validate(x, target, sampleWeights, loss);
        int p = x.Cols;
        var isCategorical = new bool[p];
        foreach (int c in o.CategoricalFeatures)
        {
            if (c >= p)
            {
                throw new ArgumentException($"CategoricalFeatures names column {c} but the feature matrix has {p} columns (0 to {p - 1}).", nameof(o.CategoricalFeatures));
            }

            isCategorical[c] = true;
        }

        int threads = o.MaxThreads == 0 ? Environment.ProcessorCount : o.MaxThreads;
        double cpuMark = timings is null ? 0 : Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

        // Rows with weight 0 take no part at all; the rest split into training and (with early stopping) validation.
        int[] positive = Enumerable.Range(0, x.Rows).Where(i => weights[i] > 0).ToArray();
        int[] trainRows = positive, validRows = [];
        if (o.EarlyStoppingRounds > 0)
        {
            int nv = (int)Math.Round(o.ValidationFraction * positive.Length);
            if (nv < 1 || positive.Length - nv < 2)
            {
                throw new ArgumentException(
                    $"Early stopping holds out {o.ValidationFraction} of the {positive.Length} rows with positive weight, leaving too few to train or validate on; supply more rows or set EarlyStoppingRounds to 0.",
                    nameof(o.EarlyStoppingRounds));
            }

            var rng = new SeededRandom(SeededRandom.DeriveSeed(unchecked((ulong)o.Seed), 0xE5));
            int[] perm = (int[])positive.Clone();
            rng.ShuffleInPlace<int>(perm);
            validRows = perm.AsSpan(0, nv).ToArray();
            trainRows = perm.AsSpan(nv).ToArray();
            Array.Sort(validRows);
            Array.Sort(trainRows);
        }

        FeatureBinning binning = FeatureBinning.Build(x, trainRows, isCategorical, o.MaxBins, o.BinningSampleRows, o.Seed, threads);
        Mark(timings, "binning:cuts", ref cpuMark);
        byte[] bins = binning.BinRows(x, trainRows, threads);
        byte[] validBins = binning.BinRows(x, validRows, threads);
        Mark(timings, "binning:rows", ref cpuMark);

        int n = trainRows.Length, nValid = validRows.Length;
        double[] y = Gather(target, trainRows), w = Gather(weights, trainRows);
        double[] yValid = Gather(target, validRows), wValid = Gather(weights, validRows);
        double baseScore = BoostingLosses.BaseScore(loss, y, w);
        var score = new double[n];
        var scoreValid = new double[nValid];
        Array.Fill(score, baseScore);
        Array.Fill(scoreValid, baseScore);
        var gh = new double[2 * n];
        var scratch = new double[n];
        var grower = new TreeGrower(bins, n, p, binning, o, threads, timings);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var trees = new List<BoostedTree>();
        var validLosses = new List<double>();
        double bestLoss = double.PositiveInfinity;
        int bestRound = -1;
        var featureMask = new bool[p];
        int chunks = (n + ChunkRows - 1) / ChunkRows;
        for (int t = 0; t < o.Trees; t++)
        {
            Parallel.For(0, chunks, parallel, c => BoostingLosses.Gradients(loss, score, y, w, gh, scratch, c * ChunkRows, Math.Min(n, (c + 1) * ChunkRows)));
            Mark(timings, "gradients", ref cpuMark);
            int[]? sample = o.Subsample < 1 ? SampleRows(n, o.Subsample, o.Seed, t) : null;
            SampleColumns(featureMask, o.ColumnSampleByTree, o.Seed, t);
            BoostedTree tree = grower.Grow(gh, sample, featureMask);
            trees.Add(tree);
            Mark(timings, "grow", ref cpuMark);
            if (sample is null)
            {
                // Every training row sits in exactly one leaf's range of the partition.
                var leaves = grower.Leaves;
                int[] rows = grower.Rows;
                Parallel.For(0, leaves.Count, parallel, l =>
                {
                    (int start, int count, double v) = leaves[l];
                    for (int k = start; k < start + count; k++)
                    {
                        score[rows[k]] += v;
                    }
                });
            }
            else
            {
                AddTreeBinned(tree, bins, p, score, parallel);
            }

            if (nValid > 0)
            {
                AddTreeBinned(tree, validBins, p, scoreValid, parallel);
                double vl = BoostingLosses.MeanLoss(loss, scoreValid, yValid, wValid);
                validLosses.Add(vl);
                if (vl < bestLoss)
                {
                    bestLoss = vl;
                    bestRound = t;
                }
                else if (t - bestRound >= o.EarlyStoppingRounds)
                {
                    break;
                }
            }

            Mark(timings, "update", ref cpuMark);
        }

        if (nValid > 0)
        {
            trees.RemoveRange(bestRound + 1, trees.Count - bestRound - 1);
        }

        return new BoostedEnsemble(binning, [.. trees], baseScore, [.. validLosses], threads);
    }

    /// <summary>Array form of <see cref="Train"/> for the benchmark's profile mode (called through reflection).</summary>
    internal static object TrainProfiled(Matrix x, double[] target, BoostingLoss loss, GradientBoostingOptions o, Dictionary<string, double> timings) =>
        Train(x, target, default, loss, o, timings);

    private static double[] Gather(ReadOnlySpan<double> values, int[] rows)
    {
        var result = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            result[k] = values[rows[k]];
        }

        return result;
    }

    private static void Mark(Dictionary<string, double>? timings, string stage, ref double cpuMark)
    {
        if (timings is not null)
        {
            // Process CPU seconds (all threads): under a loaded machine this tracks work better than wall time.
            double now = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            timings[stage] = timings.GetValueOrDefault(stage) + now - cpuMark;
            cpuMark = now;
        }
    }

    /// <summary>Adds a tree's leaf values to the scores of binned rows (bins (m, p) row-major).</summary>
    private static void AddTreeBinned(BoostedTree tree, byte[] bins, int p, double[] score, ParallelOptions parallel)
    {
        int m = score.Length;
        int chunks = (m + ChunkRows - 1) / ChunkRows;
        Parallel.For(0, chunks, parallel, c =>
        {
            int end = Math.Min(m, (c + 1) * ChunkRows);
            for (int i = c * ChunkRows; i < end; i++)
            {
                score[i] += tree.PredictBinned(bins.AsSpan(i * p, p));
            }
        });
    }

    /// <summary>Bernoulli(<paramref name="rate"/>) row sample for round <paramref name="round"/>, ascending; all rows if fewer than 2 are drawn.</summary>
    private static int[] SampleRows(int n, double rate, int seed, int round)
    {
        var rng = new SeededRandom(SeededRandom.DeriveSeed(unchecked((ulong)seed), 0x10000UL + (ulong)round));
        var rows = new List<int>((int)(n * rate) + 16);
        for (int i = 0; i < n; i++)
        {
            if (rng.NextDouble() < rate)
            {
                rows.Add(i);
            }
        }

        return rows.Count >= 2 ? [.. rows] : Enumerable.Range(0, n).ToArray();
    }

    /// <summary>Marks ⌈rate·p⌉ (at least 1) features chosen at random for round <paramref name="round"/>.</summary>
    private static void SampleColumns(bool[] mask, double rate, int seed, int round)
    {
        int p = mask.Length;
        if (rate >= 1)
        {
            Array.Fill(mask, true);
            return;
        }

        int k = Math.Clamp((int)Math.Round(rate * p), 1, p);
        var rng = new SeededRandom(SeededRandom.DeriveSeed(unchecked((ulong)seed), 0x20000UL + (ulong)round));
        int[] perm = rng.Permutation(p);
        Array.Fill(mask, false);
        for (int j = 0; j < k; j++)
        {
            mask[perm[j]] = true;
        }
    }
}
