using System.Diagnostics;
using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Learners.Forests;

/// <summary>
/// A feature matrix quantised column by column into at most 256 ordered bins, stored row-major as bytes, with the
/// cut points that map raw values to the same bins. Code c of column j holds the values x with
/// <c>Edges[j][c − 1] &lt; x ≤ Edges[j][c]</c> (the last bin is open above), so "code ≤ b" is exactly "x ≤ Edges[j][b]":
/// a split learned on codes is applied to raw values with that threshold and sends every training row the same way.
/// </summary>
/// <remarks>
/// Implementation note: a column with at most <c>maxBins</c> distinct values gets one bin per value, cut at the midpoints
/// (as ranger and scikit-learn place thresholds), so splits are exact. Otherwise the cuts are the k/maxBins quantiles of
/// the column (of an evenly strided sample of at most 262,144 rows when n is larger; the codes are still computed for
/// every row). A constant column has one bin and is never split.
/// </remarks>
internal sealed class BinnedFeatures
{
    private const int SampleRows = 1 << 18;

    private BinnedFeatures(byte[] codes, double[][] edges, int rows)
    {
        Codes = codes;
        Edges = edges;
        Rows = rows;
    }

    /// <summary>Codes row-major: <c>Codes[i * Cols + j]</c> is the bin of row i in column j (one cache line holds a row). (n, p).</summary>
    public byte[] Codes { get; }

    /// <summary>Upper cut points per column; <c>Edges[j].Length</c> is the bin count minus one. (p)(bins − 1).</summary>
    public double[][] Edges { get; }

    /// <summary>Rows n.</summary>
    public int Rows { get; }

    /// <summary>Columns p.</summary>
    public int Cols => Edges.Length;

    /// <summary>Number of bins of column j.</summary>
    public int BinCount(int col) => Edges[col].Length + 1;

    /// <summary>
    /// Bins every column of <paramref name="features"/> (finite values, checked by the caller); columns in parallel. The
    /// cut points come from the rows listed in <paramref name="cutRows"/> (ascending; null: every row), so rows a fit
    /// ignores (weight 0) do not move them; every row still gets codes.
    /// </summary>
    public static BinnedFeatures Create(Matrix features, int maxBins, int maxDegreeOfParallelism = -1, int[]? cutRows = null)
    {
        Debug.Assert(maxBins is >= 2 and <= 256, "maxBins in [2, 256]");
        int n = features.Rows, p = features.Cols;
        if (p > (1 << 22))
        {
            throw new ArgumentException($"A forest handles at most {1 << 22} feature columns; this matrix has {p}.", nameof(features));
        }

        var codes = new byte[(long)n * p];
        var edges = new double[p][];
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, p, po, j => edges[j] = Cuts(features, j, maxBins, cutRows));

        // Coding in row chunks keeps each thread streaming through contiguous rows of the row-major matrix.
        int chunk = DeterministicParallel.DefaultChunkRows;
        int chunks = (n + chunk - 1) / chunk;
        Parallel.For(0, chunks, po, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (c) =>
        {
            int start = c * chunk, end = Math.Min(n, start + chunk);
            ReadOnlySpan<double> data = features.Data;
            for (int i = start; i < end; i++)
            {
                ReadOnlySpan<double> row = data.Slice(i * p, p);
                for (int j = 0; j < p; j++)
                {
                    codes[(i * p) + j] = (byte)Code(edges[j], row[j]);
                }
            }
        });

        return new BinnedFeatures(codes, edges, n);
    }

    /// <summary>The bin of <paramref name="value"/> given the cut points: the first k with value ≤ edges[k], else edges.Length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Code(double[] edges, double value)
    {
        int lo = 0, hi = edges.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (value <= edges[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Cuts(Matrix features, int col, int maxBins, int[]? cutRows)
    {
        int p = features.Cols;
        int n = cutRows?.Length ?? features.Rows;
        int m = Math.Max(1, Math.Min(n, SampleRows));
        var v = new double[m];
        ReadOnlySpan<double> data = features.Data;
        for (int k = 0; k < m; k++)
        {
            long pick = m == n ? k : (long)k * n / m;
            long row = cutRows is null ? pick : cutRows[pick];
            v[k] = data[(int)((row * p) + col)];
        }

        Array.Sort(v);
        int distinct = 1;
        for (int k = 1; k < m; k++)
        {
            distinct += v[k] != v[k - 1] ? 1 : 0;
        }

        if (distinct <= maxBins)
        {
            var mids = new double[distinct - 1];
            int d = 0;
            for (int k = 1; k < m; k++)
            {
                if (v[k] != v[k - 1])
                {
                    // Midpoint; when two neighbours are so close that it rounds onto the upper one, cut at the lower.
                    double mid = v[k - 1] + ((v[k] - v[k - 1]) / 2);
                    mids[d++] = mid < v[k] ? mid : v[k - 1];
                }
            }

            return mids;
        }

        // Quantile cuts: x ≤ the k/maxBins quantile of the (sorted, repeats kept) sample; repeated cuts collapse.
        var cuts = new List<double>(maxBins - 1);
        for (int b = 1; b < maxBins; b++)
        {
            double q = v[(int)((long)b * m / maxBins) - 1];
            if (q < v[m - 1] && (cuts.Count == 0 || q > cuts[^1]))
            {
                cuts.Add(q);
            }
        }

        return [.. cuts];
    }
}
