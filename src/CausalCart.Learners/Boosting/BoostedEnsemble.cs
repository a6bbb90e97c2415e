using CausalCart.Numerics;

namespace CausalCart.Learners.Boosting;

/// <summary>The fitted trees with their bin map and starting score; shared by the public fitted models. Immutable, thread-safe.</summary>
internal sealed class BoostedEnsemble
{
    private const int PredictChunkRows = 4096;

    public BoostedEnsemble(FeatureBinning binning, BoostedTree[] trees, double baseScore, double[] validationLosses, int threads)
    {
        Binning = binning;
        Trees = trees;
        BaseScore = baseScore;
        ValidationLosses = validationLosses;
        Threads = threads;
        int p = binning.Features;
        var gain = new double[p];
        var splits = new int[p];
        foreach (BoostedTree t in trees)
        {
            for (int i = 0; i < t.NodeCount; i++)
            {
                if (t.Feature[i] >= 0)
                {
                    gain[t.Feature[i]] += t.Gain[i];
                    splits[t.Feature[i]]++;
                }
            }
        }

        Importance = new BoostingFeatureImportance(gain, splits);
    }

    public FeatureBinning Binning { get; }

    public BoostedTree[] Trees { get; }

    public double BaseScore { get; }

    /// <summary>Validation loss after each round (empty without early stopping).</summary>
    public double[] ValidationLosses { get; }

    public int Threads { get; }

    public int FeatureCount => Binning.Features;

    public BoostingFeatureImportance Importance { get; }

    /// <summary>Raw scores (base score plus the sum of leaf values) of the rows of <paramref name="x"/>.</summary>
    public void PredictRaw(Matrix x, Span<double> destination)
    {
        BoostingInput.CheckPredict(x, FeatureCount, destination.Length);
        int n = x.Rows, p = x.Cols;
        var result = new double[n];
        int chunks = (n + PredictChunkRows - 1) / PredictChunkRows;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Threads }, c =>
        {
            ReadOnlySpan<double> data = x.Data;
            int end = Math.Min(n, (c + 1) * PredictChunkRows);
            for (int i = c * PredictChunkRows; i < end; i++)
            {
                ReadOnlySpan<double> row = data.Slice(i * p, p);
                double s = BaseScore;
                foreach (BoostedTree t in Trees)
                {
                    s += t.Predict(row, Binning);
                }

                result[i] = s;
            }
        });
        result.CopyTo(destination);
    }
}
