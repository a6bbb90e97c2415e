using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Validation;

/// <summary>Summary statistics of a coverage study.</summary>
public static class CoverageStatistics
{
    /// <summary>z for a two-sided 95% interval, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson score interval for a binomial proportion (Wilson 1927; Brown, Cai &amp; DasGupta 2001, eq. 4):
    /// centre (k + z²/2)/(n + z²), half-width z·√(k(n − k)/n + z²/4)/(n + z²). Stays inside [0, 1] and is
    /// sensible at k = 0 and k = n, unlike the Wald interval.
    /// </summary>
    /// <param name="successes">k, between 0 and <paramref name="trials"/>.</param>
    /// <param name="trials">n, at least 1.</param>
    /// <param name="z">Normal quantile; <see cref="Z95"/> for 95%.</param>
    /// <returns>The interval's lower and upper ends.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, k outside [0, n], or z not positive.</exception>
    public static (double Lower, double Upper) WilsonInterval(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        double n = trials;
        double k = successes;
        double z2 = z * z;
        double centre = (k + (z2 / 2)) / (n + z2);
        double half = z * Math.Sqrt((k * (n - k) / n) + (z2 / 4)) / (n + z2);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Summarises every (method, estimand) over the worlds that produced estimates, in the order the
    /// pairs first appear. Worlds with a failure are skipped.
    /// </summary>
    /// <param name="worlds">The worlds of a study.</param>
    /// <returns>One summary per method and estimand; empty when no world produced estimates.</returns>
    public static IReadOnlyList<CoverageSummary> Summarise(IReadOnlyList<CoverageWorld> worlds)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        var keys = new List<(EffectMethod Method, Estimand Estimand)>();
        var rows = new Dictionary<(EffectMethod, Estimand), List<CoverageWorldEstimate>>();
        foreach (var world in worlds.Where(w => w.Failure is null))
        {
            foreach (var e in world.Estimates)
            {
                var key = (e.Method, e.Estimand);
                if (!rows.TryGetValue(key, out var list))
                {
                    list = [];
                    rows[key] = list;
                    keys.Add(key);
                }

                list.Add(e);
            }
        }

        return [.. keys.Select(k => Summarise(k.Method, k.Estimand, rows[k]))];
    }

    private static CoverageSummary Summarise(EffectMethod method, Estimand estimand, List<CoverageWorldEstimate> rows)
    {
        int n = rows.Count;
        int covered = rows.Count(r => r.Covered);
        var (lower, upper) = WilsonInterval(covered, n);
        double meanEstimate = rows.Average(r => r.Estimate);
        double meanBias = rows.Average(r => r.Estimate - r.Truth);
        return new CoverageSummary(
            method,
            estimand,
            n,
            covered,
            (double)covered / n,
            lower,
            upper,
            rows.Average(r => r.Truth),
            meanEstimate,
            meanBias,
            Math.Sqrt(rows.Average(r => (r.Estimate - r.Truth) * (r.Estimate - r.Truth))),
            rows.Average(r => r.StdError),
            SampleStandardDeviation(rows.Select(r => r.Estimate).ToList()),
            SampleStandardDeviation(rows.Select(r => r.Estimate - r.Truth).ToList()));
    }

    /// <summary>Sample standard deviation with the n − 1 divisor; 0 for fewer than two values.</summary>
    /// <param name="values">The values.</param>
    /// <returns>√(Σ(x − x̄)²/(n − 1)), or 0 when n &lt; 2.</returns>
    public static double SampleStandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return 0;
        }

        double mean = values.Average();
        double sum = 0;
        foreach (double v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (values.Count - 1));
    }
}
