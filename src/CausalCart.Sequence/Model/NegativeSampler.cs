using CausalCart.Sequence.Data;
using CausalCart.Sequence.Kernels;

namespace CausalCart.Sequence.Model;

/// <summary>
/// Draws the shared negatives of the sampled softmax from Q(i) ∝ (count(i) + 1)^0.75 (word2vec's
/// smoothed unigram) with replacement, and holds log(S·Q(i)) for the log-Q correction.
/// </summary>
internal sealed class NegativeSampler
{
    private readonly double[] _cumulative;
    private readonly int _count;

    public NegativeSampler(SequenceDataset data, int count)
    {
        _count = count;
        var freq = new double[data.ItemCount];
        foreach (var seq in data.Items)
        {
            foreach (var i in seq)
            {
                freq[i]++;
            }
        }

        double total = 0;
        for (var i = 0; i < freq.Length; i++)
        {
            freq[i] = Math.Pow(freq[i] + 1, 0.75);
            total += freq[i];
        }

        _cumulative = new double[freq.Length];
        LogQ = new float[freq.Length];
        double run = 0;
        for (var i = 0; i < freq.Length; i++)
        {
            run += freq[i] / total;
            _cumulative[i] = run;
            LogQ[i] = (float)Math.Log(count * freq[i] / total);
        }
    }

    /// <summary>(V) log(S·Q(i)).</summary>
    public float[] LogQ { get; }

    /// <summary>S item rows for one step, deterministic in (seed, step).</summary>
    public int[] Draw(ulong seed, long step)
    {
        var rng = Rng.For(seed, 0x5A3D, (ulong)step);
        var result = new int[_count];
        for (var j = 0; j < _count; j++)
        {
            var u = rng.NextDouble();
            var i = Array.BinarySearch(_cumulative, u);
            result[j] = Math.Min(_cumulative.Length - 1, i >= 0 ? i : ~i);
        }

        return result;
    }
}
