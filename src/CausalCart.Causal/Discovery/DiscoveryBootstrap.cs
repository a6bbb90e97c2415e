using CausalCart.Causal.Graphs;
using CausalCart.Numerics;

namespace CausalCart.Causal.Discovery;

/// <summary>
/// Edge confidences for any discovery algorithm by the nonparametric bootstrap (Friedman, Goldszmidt &amp; Wyner 1999):
/// the algorithm is re-run on <c>B</c> resamples of the rows (drawn with replacement) and every edge of the original
/// result gets the share of resamples in which its two variables were adjacent. Resample b draws from its own
/// <see cref="SeededRandom"/> seeded by (seed, b), so the result is identical whatever the thread count.
/// </summary>
public static class DiscoveryBootstrap
{
    /// <summary>Returns <paramref name="graph"/> with <see cref="GraphEdge.Confidence"/> set on every edge.</summary>
    /// <param name="graph">The algorithm's result on the full data.</param>
    /// <param name="data">The data it was fitted on.</param>
    /// <param name="fit">The algorithm (with its options) to re-run on each resample.</param>
    /// <param name="samples">Number of resamples B, at least 1.</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <remarks>A resample in which a column happens to be constant (a rare binary column) cannot be fitted and is
    /// skipped; confidences are shares of the resamples that could be fitted.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">No resample could be fitted.</exception>
    public static DiscoveredGraph WithConfidence(DiscoveredGraph graph, DiscoveryData data, Func<DiscoveryData, DiscoveredGraph> fit, int samples, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        int p = data.Names.Count, n = data.Rows;
        var adjacent = new HashSet<(string, string)>[samples];
        Parallel.For(0, samples, b =>
        {
            var rng = new SeededRandom(SeededRandom.DeriveSeed(unchecked((ulong)(long)seed), (ulong)b));
            var rows = new int[n];
            for (int r = 0; r < n; r++)
            {
                rows[r] = rng.NextInt(n);
            }

            var cols = new double[p][]; // (p, n)
            for (int j = 0; j < p; j++)
            {
                var src = data.Columns[j];
                var dst = cols[j] = new double[n];
                for (int r = 0; r < n; r++)
                {
                    dst[r] = src[rows[r]];
                }
            }

            DiscoveryData resample;
            try
            {
                resample = new DiscoveryData(data.Names, cols);
            }
            catch (ArgumentException)
            {
                return; // a column is constant in this resample
            }

            adjacent[b] = [.. fit(resample).Edges.Select(e => Key(e.From, e.To))];
        });
        int fitted = adjacent.Count(a => a is not null);
        if (fitted == 0)
        {
            throw new InvalidOperationException("No bootstrap resample could be fitted (a column was constant in every resample).");
        }

        var edges = graph.Edges.Select(e =>
        {
            var key = Key(e.From, e.To);
            int hits = adjacent.Count(a => a is not null && a.Contains(key));
            return e with { Confidence = Math.Round((double)hits / fitted, 10) };
        }).ToList();
        return graph with { Edges = edges, Method = $"{graph.Method}, {fitted} bootstrap resamples" };
    }

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
}
