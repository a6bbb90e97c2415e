using System.Runtime.CompilerServices;

namespace CausalCart.Learners.Boosting;

/// <summary>
/// One fitted tree as flat per-node arrays (node 0 is the root). A split node sends a row left when its bin is in the
/// node's left bin set; for numeric features that set is "bin ≤ t" plus the missing bin when missing values go left, so
/// raw values are routed by <c>x ≤ Threshold</c> (NaN by <c>DefaultLeft</c>). Immutable after construction.
/// </summary>
internal sealed class BoostedTree
{
    public BoostedTree(int[] feature, double[] threshold, int[] left, int[] right, bool[] defaultLeft, bool[] categorical, ulong[] leftBins, double[] value, double[] gain)
    {
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        DefaultLeft = defaultLeft;
        Categorical = categorical;
        LeftBins = leftBins;
        Value = value;
        Gain = gain;
    }

    /// <summary>(nodes) split feature; −1 for a leaf.</summary>
    public int[] Feature { get; }

    /// <summary>(nodes) numeric split: x ≤ Threshold goes left (+∞ when only missing values go right).</summary>
    public double[] Threshold { get; }

    /// <summary>(nodes) left child.</summary>
    public int[] Left { get; }

    /// <summary>(nodes) right child.</summary>
    public int[] Right { get; }

    /// <summary>(nodes) missing values go left.</summary>
    public bool[] DefaultLeft { get; }

    /// <summary>(nodes) categorical split.</summary>
    public bool[] Categorical { get; }

    /// <summary>(nodes, 4) 256-bit set of the bins that go left.</summary>
    public ulong[] LeftBins { get; }

    /// <summary>(nodes) leaf value (learning rate applied); 0 on split nodes.</summary>
    public double[] Value { get; }

    /// <summary>(nodes) split gain; 0 on leaves.</summary>
    public double[] Gain { get; }

    /// <summary>Nodes in the tree.</summary>
    public int NodeCount => Feature.Length;

    /// <summary>Leaf value for a binned row (p bins starting at <paramref name="rowBins"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PredictBinned(ReadOnlySpan<byte> rowBins)
    {
        int node = 0;
        int f;
        while ((f = Feature[node]) >= 0)
        {
            int b = rowBins[f];
            bool left = ((LeftBins[(node * 4) + (b >> 6)] >> (b & 63)) & 1) != 0;
            node = left ? Left[node] : Right[node];
        }

        return Value[node];
    }

    /// <summary>Leaf value for a raw row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Predict(ReadOnlySpan<double> row, FeatureBinning binning)
    {
        int node = 0;
        int f;
        while ((f = Feature[node]) >= 0)
        {
            double x = row[f];
            bool left;
            if (Categorical[node])
            {
                int b = binning.Bin(f, x);
                left = ((LeftBins[(node * 4) + (b >> 6)] >> (b & 63)) & 1) != 0;
            }
            else
            {
                left = double.IsNaN(x) ? DefaultLeft[node] : x <= Threshold[node];
            }

            node = left ? Left[node] : Right[node];
        }

        return Value[node];
    }
}
