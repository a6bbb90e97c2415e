using CausalCart.Numerics;

namespace CausalCart.Learners.Boosting;

/// <summary>
/// Maps each feature value to a byte bin: numeric features by quantile cut points, categorical features by category code.
/// Feature f has <see cref="BinCount"/>[f] value bins 0..nb−1 and a missing-value bin nb (NaN). Immutable once built.
/// </summary>
/// <remarks>
/// Implementation note: a numeric bin b holds values in (UpperBounds[b−1], UpperBounds[b]] (the last bin is unbounded above),
/// so "bin ≤ t" is exactly "x ≤ UpperBounds[t]": a split found in bin space is applied to raw data by that threshold. Cut
/// points lie midway between consecutive distinct sample values, so tied values always share a bin.
/// </remarks>
internal sealed class FeatureBinning
{
    private readonly double[][] _upperBounds; // per numeric feature: (nb − 1) increasing cut points
    private readonly double[][] _padded;      // per numeric feature: (255) the cut points, then +∞ (fixed-step search)
    private readonly int[][] _categories;     // per categorical feature: sorted codes with their own bin; bin = index, "other" = length

    private FeatureBinning(double[][] upperBounds, int[][] categories, bool[] isCategorical)
    {
        _upperBounds = upperBounds;
        _padded = new double[upperBounds.Length][];
        for (int f = 0; f < upperBounds.Length; f++)
        {
            _padded[f] = new double[255];
            Array.Fill(_padded[f], double.PositiveInfinity);
            upperBounds[f].CopyTo(_padded[f], 0);
        }
        _categories = categories;
        IsCategorical = isCategorical;
        int p = isCategorical.Length;
        BinCount = new int[p];
        SlotOffset = new int[p];
        int slots = 0;
        for (int f = 0; f < p; f++)
        {
            BinCount[f] = isCategorical[f] ? categories[f].Length + 1 : upperBounds[f].Length + 1;
            SlotOffset[f] = slots;
            slots += BinCount[f] + 1;
        }

        TotalSlots = slots;
    }

    /// <summary>Feature count p.</summary>
    public int Features => IsCategorical.Length;

    /// <summary>Per feature: declared categorical.</summary>
    public bool[] IsCategorical { get; }

    /// <summary>Per feature: value bins nb (the missing bin is nb).</summary>
    public int[] BinCount { get; }

    /// <summary>Per feature: index of its bin 0 in a histogram (each feature takes nb + 1 slots).</summary>
    public int[] SlotOffset { get; }

    /// <summary>Histogram slots over all features.</summary>
    public int TotalSlots { get; }

    /// <summary>Upper bound of numeric bin <paramref name="bin"/> of feature <paramref name="feature"/> (+∞ for the last).</summary>
    public double UpperBound(int feature, int bin)
    {
        double[] ub = _upperBounds[feature];
        return bin < ub.Length ? ub[bin] : double.PositiveInfinity;
    }

    /// <summary>The bin of value <paramref name="x"/> of feature <paramref name="feature"/>.</summary>
    public int Bin(int feature, double x)
    {
        if (double.IsNaN(x))
        {
            return BinCount[feature];
        }

        if (IsCategorical[feature])
        {
            int[] cats = _categories[feature];
            int idx = x >= 0 && x < int.MaxValue && x == Math.Floor(x) ? Array.BinarySearch(cats, (int)x) : -1;
            return idx >= 0 ? idx : cats.Length;
        }

        return CountBelow(_padded[feature], x);
    }

    /// <summary>
    /// The number of cut points below x, i.e. the first b with cut[b] ≥ x: eight fixed halving steps over the 255-entry
    /// padded array (2⁸ − 1 entries), each a compare whose 0/1 result is shifted and added (setcc, no branch to mispredict).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int CountBelow(double[] padded, double x)
    {
        ref double b = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(padded);
        int i = 0;
        i += System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(System.Runtime.CompilerServices.Unsafe.Add(ref b, i + 127) < x) << 7;
        i += System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(System.Runtime.CompilerServices.Unsafe.Add(ref b, i + 63) < x) << 6;
        i += System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(System.Runtime.CompilerServices.Unsafe.Add(ref b, i + 31) < x) << 5;
        i += System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(System.Runtime.CompilerServices.Unsafe.Add(ref b, i + 15) < x) << 4;
        i += System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(System.Runtime.CompilerServices.Unsafe.Add(ref b, i + 7) < x) << 3;
        i += System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(System.Runtime.CompilerServices.Unsafe.Add(ref b, i + 3) < x) << 2;
        i += System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(System.Runtime.CompilerServices.Unsafe.Add(ref b, i + 1) < x) << 1;
        i += System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(System.Runtime.CompilerServices.Unsafe.Add(ref b, i) < x);
        return i;
    }

    /// <summary>
    /// Computes bins from the rows <paramref name="rows"/> of <paramref name="x"/> (a seeded sample of at most
    /// <paramref name="sampleRows"/> of them). Categorical columns are checked here (codes must be non-negative integers).
    /// </summary>
    public static FeatureBinning Build(Matrix x, int[] rows, bool[] isCategorical, int maxBins, int sampleRows, int seed, int threads)
    {
        int p = x.Cols;
        int[] sample = rows;
        if (rows.Length > sampleRows)
        {
            // Seeded partial Fisher–Yates over the row list, then sorted for cache-friendly reads.
            var rng = new SeededRandom(SeededRandom.DeriveSeed(unchecked((ulong)seed), 0xB1));
            int[] copy = (int[])rows.Clone();
            for (int i = 0; i < sampleRows; i++)
            {
                int j = i + rng.NextInt(copy.Length - i);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }

            sample = copy.AsSpan(0, sampleRows).ToArray();
            Array.Sort(sample);
        }

        var upper = new double[p][];
        var cats = new int[p][];
        ArgumentException? error = null;
        Parallel.For(0, p, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            var values = new double[sample.Length];
            int m = 0;
            ReadOnlySpan<double> data = x.Data;
            foreach (int r in sample)
            {
                double v = data[(r * p) + f];
                if (!double.IsNaN(v))
                {
                    values[m++] = v;
                }
            }

            Array.Sort(values, 0, m);
            if (isCategorical[f])
            {
                upper[f] = [];
                try
                {
                    cats[f] = CategoryBins(values.AsSpan(0, m), f, maxBins);
                }
                catch (ArgumentException e)
                {
                    Interlocked.CompareExchange(ref error, e, null);
                    cats[f] = [];
                }
            }
            else
            {
                cats[f] = [];
                upper[f] = NumericCuts(values.AsSpan(0, m), maxBins);
            }
        });
        if (error is not null)
        {
            throw error;
        }

        return new FeatureBinning(upper, cats, isCategorical);
    }

    /// <summary>Cut points for sorted non-missing values: midpoints between distinct values, at most maxBins − 1 of them at quantiles.</summary>
    private static double[] NumericCuts(ReadOnlySpan<double> sorted, int maxBins)
    {
        int m = sorted.Length;
        if (m == 0)
        {
            return [];
        }

        var distinct = new List<double>();
        for (int i = 0; i < m; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                distinct.Add(sorted[i]);
            }
        }

        var cuts = new List<double>();
        if (distinct.Count <= maxBins)
        {
            for (int i = 0; i + 1 < distinct.Count; i++)
            {
                cuts.Add(Midpoint(distinct[i], distinct[i + 1]));
            }

            return [.. cuts];
        }

        // Quantile cuts: the value at rank ⌈k·m/maxBins⌉ closes bin k−1; the cut goes midway to the next distinct value.
        for (int k = 1; k < maxBins; k++)
        {
            int rank = (int)Math.Min(m - 1, Math.Max(0, (((long)k * m) + maxBins - 1) / maxBins - 1));
            double v = sorted[rank];
            int next = rank + 1;
            while (next < m && sorted[next] == v)
            {
                next++;
            }

            if (next >= m)
            {
                break;
            }

            double cut = Midpoint(v, sorted[next]);
            if (cuts.Count == 0 || cut > cuts[^1])
            {
                cuts.Add(cut);
            }
        }

        return [.. cuts];
    }

    private static double Midpoint(double a, double b)
    {
        double mid = a + ((b - a) * 0.5);
        return mid >= b || !double.IsFinite(mid) ? a : mid;
    }

    /// <summary>Category codes with their own bin: all when at most maxBins − 1, else the most frequent (ties: smaller code).</summary>
    private static int[] CategoryBins(ReadOnlySpan<double> sorted, int feature, int maxBins)
    {
        var counts = new List<(int Code, int Count)>();
        for (int i = 0; i < sorted.Length; i++)
        {
            double v = sorted[i];
            if (v < 0 || v >= int.MaxValue || v != Math.Floor(v))
            {
                throw new ArgumentException(
                    $"Categorical feature column {feature} holds {v}; categorical values must be NaN (missing) or integer codes from 0 to {int.MaxValue - 1}.",
                    "features");
            }

            if (i > 0 && v == sorted[i - 1])
            {
                counts[^1] = (counts[^1].Code, counts[^1].Count + 1);
            }
            else
            {
                counts.Add(((int)v, 1));
            }
        }

        if (counts.Count > maxBins - 1)
        {
            counts.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Code.CompareTo(b.Code));
            counts.RemoveRange(maxBins - 1, counts.Count - (maxBins - 1));
        }

        int[] codes = counts.Select(c => c.Code).ToArray();
        Array.Sort(codes);
        return codes;
    }

    /// <summary>Bins rows <paramref name="rows"/> of <paramref name="x"/> into a row-major byte matrix (rows.Length, p).</summary>
    public byte[] BinRows(Matrix x, int[] rows, int threads)
    {
        int p = x.Cols;
        byte[] bins = GC.AllocateUninitializedArray<byte>(rows.Length * p);
        int chunks = (rows.Length + 8191) / 8192;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            int start = c * 8192, end = Math.Min(rows.Length, (c + 1) * 8192);
            for (int f = 0; f < p; f++)
            {
                if (IsCategorical[f])
                {
                    ReadOnlySpan<double> data = x.Data;
                    for (int k = start; k < end; k++)
                    {
                        bins[(k * p) + f] = (byte)Bin(f, data[(rows[k] * p) + f]);
                    }
                }
                else
                {
                    BinNumericColumn(x.Data, p, f, rows.AsSpan(start, end - start), _padded[f], (byte)BinCount[f], bins.AsSpan(start * p));
                }
            }
        });
        return bins;
    }

    /// <summary>Bins feature f of the given rows (missing → <paramref name="missingBin"/>) into destination[k·p + f].</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void BinNumericColumn(ReadOnlySpan<double> data, int p, int f, ReadOnlySpan<int> rows, double[] padded, byte missingBin, Span<byte> destination)
    {
        for (int k = 0; k < rows.Length; k++)
        {
            double v = data[(rows[k] * p) + f];
            destination[(k * p) + f] = double.IsNaN(v) ? missingBin : (byte)CountBelow(padded, v);
        }
    }
}
