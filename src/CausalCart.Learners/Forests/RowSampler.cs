using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Learners.Forests;

/// <summary>Per-tree row draws: bootstrap (with replacement) or subsampling (without), from a list of eligible rows.</summary>
internal static class RowSampler
{
    /// <summary>
    /// Draws <paramref name="size"/> rows from <paramref name="eligible"/> and returns the distinct drawn rows in
    /// ascending order with their multiplicities (all 1 without replacement).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int[] Rows, int[] Counts) Draw(int[] eligible, int size, bool replace, SeededRandom rng, int n)
    {
        int m = eligible.Length;
        size = Math.Clamp(size, 1, replace ? int.MaxValue : m);
        if (replace)
        {
            var hits = new int[n];
            int distinct = 0;
            for (int k = 0; k < size; k++)
            {
                int r = eligible[rng.NextInt(m)];
                if (hits[r]++ == 0)
                {
                    distinct++;
                }
            }

            var rows = new int[distinct];
            var counts = new int[distinct];
            int d = 0;
            for (int r = 0; r < n; r++)
            {
                if (hits[r] > 0)
                {
                    rows[d] = r;
                    counts[d++] = hits[r];
                }
            }

            return (rows, counts);
        }

        return (Subsample(eligible, size, rng), Ones(size));
    }

    /// <summary>
    /// Draws <paramref name="size"/> of <paramref name="from"/> (ascending, distinct) without replacement by a partial
    /// Fisher–Yates shuffle; returns them in ascending order.
    /// </summary>
    /// <remarks>
    /// Implementation note: the shuffle runs on positions into <paramref name="from"/>, and the drawn positions are marked
    /// and read back in order, so ascending order costs O(m) instead of a sort; the draw is the same as shuffling the
    /// values and sorting them.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Subsample(int[] from, int size, SeededRandom rng)
    {
        int m = from.Length;
        size = Math.Clamp(size, 0, m);
        var pool = new int[m]; // (m) positions into from, shuffled in their first `size` entries
        for (int k = 0; k < m; k++)
        {
            pool[k] = k;
        }

        for (int k = 0; k < size; k++)
        {
            int r = k + rng.NextInt(m - k);
            (pool[k], pool[r]) = (pool[r], pool[k]);
        }

        var drawn = new bool[m]; // (m) whether position k was drawn
        for (int k = 0; k < size; k++)
        {
            drawn[pool[k]] = true;
        }

        return Pick(from, drawn, size);
    }

    /// <summary>The <paramref name="count"/> entries of <paramref name="values"/> whose <paramref name="keep"/> flag is set, in
    /// their order.</summary>
    public static int[] Pick(ReadOnlySpan<int> values, ReadOnlySpan<bool> keep, int count)
    {
        var result = new int[count];
        if (count == 0)
        {
            return result;
        }

        int d = 0;
        for (int k = 0; k < values.Length; k++)
        {
            result[d] = values[k];
            d += keep[k] ? 1 : 0;
            if (d == count)
            {
                break;
            }
        }

        return result;
    }

    private static int[] Ones(int size)
    {
        var ones = new int[size];
        Array.Fill(ones, 1);
        return ones;
    }

    /// <summary>Rows (ascending) whose weight is positive.</summary>
    public static int[] Eligible(double[] weights)
    {
        var list = new List<int>(weights.Length);
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] > 0)
            {
                list.Add(i);
            }
        }

        return [.. list];
    }
}
