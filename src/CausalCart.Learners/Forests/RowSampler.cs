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

        int[] pool = (int[])eligible.Clone();
        for (int k = 0; k < size; k++)
        {
            int r = k + rng.NextInt(m - k);
            (pool[k], pool[r]) = (pool[r], pool[k]);
        }

        int[] chosen = pool.AsSpan(0, size).ToArray();
        Array.Sort(chosen);
        var ones = new int[size];
        Array.Fill(ones, 1);
        return (chosen, ones);
    }

    /// <summary>Draws <paramref name="size"/> of <paramref name="from"/> without replacement (ascending order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Subsample(int[] from, int size, SeededRandom rng)
    {
        int m = from.Length;
        size = Math.Clamp(size, 0, m);
        int[] pool = (int[])from.Clone();
        for (int k = 0; k < size; k++)
        {
            int r = k + rng.NextInt(m - k);
            (pool[k], pool[r]) = (pool[r], pool[k]);
        }

        int[] chosen = pool.AsSpan(0, size).ToArray();
        Array.Sort(chosen);
        return chosen;
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
