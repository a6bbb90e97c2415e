namespace CausalCart.Numerics;

/// <summary>
/// Parallel map over fixed row chunks with a reduction in chunk order, so a floating-point sum is the same
/// whatever the thread count or scheduling.
/// </summary>
public static class DeterministicParallel
{
    /// <summary>Rows per chunk used by the learners and estimators (fixed: results never depend on it changing at run time).</summary>
    public const int DefaultChunkRows = 16384;

    /// <summary>
    /// Splits [0, <paramref name="count"/>) into chunks of <paramref name="chunkRows"/> rows, runs
    /// <paramref name="map"/>(start, end) on each (in parallel), and folds the partial results with
    /// <paramref name="reduce"/> strictly in chunk order, starting from chunk 0. Returns <paramref name="empty"/>()
    /// when <paramref name="count"/> is 0.
    /// </summary>
    public static T MapReduce<T>(int count, int chunkRows, Func<int, int, T> map, Func<T, T, T> reduce, Func<T> empty, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(reduce);
        ArgumentNullException.ThrowIfNull(empty);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        if (count == 0)
        {
            return empty();
        }

        int chunks = (int)(((long)count + chunkRows - 1) / chunkRows);
        var partial = new T[chunks];
        if (chunks == 1)
        {
            partial[0] = map(0, count);
        }
        else
        {
            var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            Parallel.For(0, chunks, po, c =>
            {
                int start = c * chunkRows;
                partial[c] = map(start, Math.Min(count, start + chunkRows));
            });
        }

        T acc = partial[0];
        for (int c = 1; c < chunks; c++)
        {
            acc = reduce(acc, partial[c]);
        }

        return acc;
    }

    /// <summary>Runs <paramref name="body"/>(start, end) over fixed chunks in parallel (for element-wise work with no reduction).</summary>
    public static void For(int count, int chunkRows, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        int chunks = (int)(((long)count + chunkRows - 1) / chunkRows);
        if (chunks <= 1)
        {
            if (count > 0)
            {
                body(0, count);
            }

            return;
        }

        Parallel.For(0, chunks, c =>
        {
            int start = c * chunkRows;
            body(start, Math.Min(count, start + chunkRows));
        });
    }
}
