using CausalCart.Simulation.Randomness;

namespace CausalCart.Simulation.Staggered;

/// <summary>
/// Simulates a campaign rolled out cohort by cohort: unit i joins cohort g with probability Share_g (else never treated),
/// and its weekly spend is Y_it = BaseSpend + CohortLevelGap·k(g) + α_i + WeeklyTrend·t + τ(g, t − g)·1{t ≥ g} + ε_it
/// with α_i ~ N(0, UnitSd²), ε_it ~ N(0, NoiseSd²), k(g) the cohort's rank (0 for never treated) and
/// τ(g, e) = Level_g + Slope_g·e. Parallel trends hold by construction; effects grow with time since adoption and differ
/// by cohort, the setting where static TWFE is biased (Goodman-Bacon 2021).
/// </summary>
/// <remarks>
/// Implementation note: each unit draws from its own stream keyed by (seed, stream, unit), so the world is the same on any
/// thread count. The stream id is a private constant outside the named <see cref="StreamKind"/> values, so ShopSim's
/// own streams (and its outputs) are untouched.
/// </remarks>
public static class StaggeredRolloutSimulator
{
    private const StreamKind RolloutStream = (StreamKind)0x5354_4147; // "STAG"

    /// <summary>Simulates the world of <paramref name="options"/> (defaults when null). Deterministic given the seed.</summary>
    /// <exception cref="ArgumentException">An option is out of range (see <see cref="StaggeredRolloutOptions.Validate"/>).</exception>
    public static StaggeredRolloutWorld Simulate(StaggeredRolloutOptions? options = null)
    {
        options ??= new StaggeredRolloutOptions();
        options.Validate();
        RolloutCohort[] cohorts = [.. options.Cohorts.OrderBy(c => c.FirstWeek)];
        int n = options.Units, weeks = options.Weeks;
        var unit = new long[n * weeks];     // (n·T)
        var week = new int[n * weeks];      // (n·T)
        var spend = new double[n * weeks];  // (n·T)
        var first = new int[n * weeks];     // (n·T)
        var sizes = new int[cohorts.Length];
        for (int i = 0; i < n; i++)
        {
            var rng = SimRandom.Create(options.Seed, RolloutStream, i);
            double u = rng.NextDouble(), cumulative = 0;
            int k = -1;
            for (int c = 0; c < cohorts.Length; c++)
            {
                cumulative += cohorts[c].Share;
                if (u < cumulative)
                {
                    k = c;
                    break;
                }
            }

            if (k >= 0)
            {
                sizes[k]++;
            }

            int g = k >= 0 ? cohorts[k].FirstWeek : 0;
            double level = options.BaseSpend + (options.CohortLevelGap * (k + 1)) + (options.UnitSd * rng.NextNormal());
            for (int t = 1; t <= weeks; t++)
            {
                int r = (i * weeks) + t - 1;
                double effect = g > 0 && t >= g ? cohorts[k].Level + (cohorts[k].Slope * (t - g)) : 0;
                unit[r] = i;
                week[r] = t;
                spend[r] = level + (options.WeeklyTrend * t) + effect + (options.NoiseSd * rng.NextNormal());
                first[r] = g;
            }
        }

        var truth = new List<RolloutCellTruth>();
        for (int c = 0; c < cohorts.Length; c++)
        {
            if (sizes[c] == 0)
            {
                continue;
            }

            for (int t = cohorts[c].FirstWeek; t <= weeks; t++)
            {
                int e = t - cohorts[c].FirstWeek;
                truth.Add(new RolloutCellTruth(cohorts[c].FirstWeek, e, t, cohorts[c].Level + (cohorts[c].Slope * e), sizes[c]));
            }
        }

        return new StaggeredRolloutWorld(options, unit, week, spend, first, truth);
    }
}
