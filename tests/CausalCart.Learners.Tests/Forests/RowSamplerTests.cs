using CausalCart.Learners.Forests;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Forests;

public sealed class RowSamplerTests
{
    /// <summary>The sort-free subsample draws what shuffling the values and sorting them draws (the reference), for the
    /// same random stream, and leaves the stream in the same state.</summary>
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 0)]
    [InlineData(10, 3)]
    [InlineData(10, 10)]
    [InlineData(1000, 500)]
    [InlineData(1000, 999)]
    public void Subsample_matches_shuffle_then_sort(int m, int size)
    {
        var values = new int[m];
        for (int k = 0, v = 3; k < m; k++, v += 1 + (k % 4))
        {
            values[k] = v; // ascending with gaps
        }

        var fast = new SeededRandom(42);
        var slow = new SeededRandom(42);
        int[] drawn = RowSampler.Subsample(values, size, fast);

        int[] pool = (int[])values.Clone();
        for (int k = 0; k < size; k++)
        {
            int r = k + slow.NextInt(m - k);
            (pool[k], pool[r]) = (pool[r], pool[k]);
        }

        int[] reference = pool.Take(size).Order().ToArray();
        Assert.Equal(reference, drawn);
        Assert.Equal(slow.NextInt(1 << 30), fast.NextInt(1 << 30));
    }
}
