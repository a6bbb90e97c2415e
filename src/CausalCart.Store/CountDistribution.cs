namespace CausalCart.Store;

/// <summary>
/// Summary of a distribution of counts (events per user, events per session). Percentiles interpolate
/// linearly between order statistics (DuckDB <c>quantile_cont</c>). All values are 0 when <see cref="Count"/> is 0.
/// </summary>
/// <param name="Count">Number of units (users, sessions).</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Min">Smallest count.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest count.</param>
public sealed record CountDistribution(long Count, double Mean, long Min, double P50, double P90, double P99, long Max)
{
    /// <summary>The distribution of nothing.</summary>
    public static CountDistribution Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// The distribution of non-negative counts, exactly as DuckDB's <c>avg</c>, <c>min</c>, <c>quantile_cont</c> and
    /// <c>max</c> give it over the same values (see <see cref="QuantileCont"/>). Counts are tallied in a histogram
    /// (counts per unit are small next to the number of units) and sorted only when the largest is not.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    internal static CountDistribution Of(ReadOnlySpan<int> counts)
    {
        if (counts.IsEmpty)
        {
            return Empty;
        }

        int n = counts.Length, max = 0;
        long sum = 0;
        foreach (var c in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(counts));
            max = Math.Max(max, c);
            sum += c;
        }

        Func<long, long> orderStatistic;   // the k-th smallest count, k from 0
        if (max <= 4L * n)
        {
            var histogram = new long[max + 1];
            foreach (var c in counts)
            {
                histogram[c]++;
            }

            orderStatistic = k =>
            {
                long below = 0;
                for (var v = 0; v < histogram.Length; v++)
                {
                    below += histogram[v];
                    if (below > k)
                    {
                        return v;
                    }
                }

                return max;
            };
        }
        else
        {
            var sorted = counts.ToArray();
            Array.Sort(sorted);
            orderStatistic = k => sorted[k];
        }

        return new CountDistribution(
            n, (double)sum / n, orderStatistic(0), QuantileCont(n, 0.5, orderStatistic), QuantileCont(n, 0.9, orderStatistic),
            QuantileCont(n, 0.99, orderStatistic), max);
    }

    /// <summary>DuckDB's <c>quantile_cont</c> of <paramref name="n"/> values given by their order statistics, to the last
    /// bit: RN = (n − 1)·q, d = RN − ⌊RN⌋, then lo·(1 − d) + hi·d in doubles (DuckDB's interpolation for a DOUBLE result;
    /// the textbook lo + (hi − lo)·d differs in the last bit).</summary>
    internal static double QuantileCont(long n, double q, Func<long, long> orderStatistic)
    {
        var rn = (n - 1) * q;
        var frn = (long)Math.Floor(rn);
        var crn = (long)Math.Ceiling(rn);
        if (frn == crn)
        {
            return orderStatistic(frn);
        }

        double lo = orderStatistic(frn), hi = orderStatistic(crn);
        var d = rn - frn;
        return (lo * (1.0 - d)) + (hi * d);
    }
}
