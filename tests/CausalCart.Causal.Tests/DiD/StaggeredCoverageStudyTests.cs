using CausalCart.Causal.DiD;
using CausalCart.Numerics;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.DiD;

/// <summary>
/// Monte-Carlo coverage of the Callaway–Sant'Anna event study on a synthetic staggered rollout (not ShopSim): 8 periods,
/// cohorts first treated in periods 3, 5 and 7 plus never-treated units, dynamic effects that grow with time since
/// adoption and differ by cohort (τ(g, e) = s_g·(e + 1), s = 0.4, 0.2, 0.1), so the static and event-study TWFE
/// regressions are biased. Slow: run with <c>--filter Category=Slow</c>.
/// </summary>
public class StaggeredCoverageStudyTests(ITestOutputHelper output)
{
    private static readonly int[] Cohorts = [0, 3, 5, 7];

    private static double Slope(int g) => g switch { 3 => 0.4, 5 => 0.2, 7 => 0.1, _ => 0 };

    private static DidPanel World(ulong seed, int units)
    {
        var rng = new SeededRandom(seed);
        var unit = new List<long>();
        var period = new List<int>();
        var y = new List<double>();
        var g = new List<int>();
        for (int i = 0; i < units; i++)
        {
            int gi = Cohorts[i % Cohorts.Length];
            double alpha = rng.NextNormal() + (0.1 * gi);
            for (int t = 1; t <= 8; t++)
            {
                double effect = gi > 0 && t >= gi ? Slope(gi) * (t - gi + 1) : 0;
                unit.Add(i);
                period.Add(t);
                y.Add(alpha + (0.2 * t) + effect + (0.5 * rng.NextNormal()));
                g.Add(gi);
            }
        }

        return DidPanel.Create(new DidPanelColumns(unit, period, y, g));
    }

    // Event-study truth: cohort-size-weighted mean of τ(g, e) over cohorts observed at e (equal cohort sizes here).
    private static double DynamicTruth(int e)
    {
        if (e < 0)
        {
            return 0;
        }

        double[] taus = [.. Cohorts.Where(g => g > 0 && g + e <= 8).Select(g => Slope(g) * (e + 1))];
        return taus.Average();
    }

    // Simple truth: mean over all post-treatment (g, t) cells weighted by cohort size.
    private static double SimpleTruth() =>
        Cohorts.Where(g => g > 0).SelectMany(g => Enumerable.Range(g, 8 - g + 1).Select(t => Slope(g) * (t - g + 1))).Average();

    [Fact]
    [Trait("Category", "Slow")]
    public void Event_study_covers_the_dynamic_truth_over_100_worlds_while_twfe_is_biased()
    {
        const int worlds = 100;
        int pointwiseHits = 0, pointwiseTotal = 0, bandHits = 0;
        double twfeSum = 0, simpleSum = 0;
        for (int w = 0; w < worlds; w++)
        {
            DidPanel panel = World(1000 + (ulong)w, 800);
            CallawaySantAnnaResult fit = new CallawaySantAnna(new CallawaySantAnnaOptions
            {
                BasePeriod = DidBasePeriod.Universal,
                Estimation = DidEstimation.OutcomeRegression,
                BootstrapReplications = 499,
                Seed = (ulong)w + 1,
            }).Fit(panel);
            DidAggregate dynamic = fit.Aggregate(DidAggregation.Dynamic);
            bool allInBand = true;
            foreach (DidAggregatePoint p in dynamic.Points.Where(p => p.Key != -1))
            {
                double truth = DynamicTruth(p.Key);
                pointwiseTotal++;
                pointwiseHits += p.Covers(truth) ? 1 : 0;
                allInBand &= p.BandCovers(truth);
            }

            bandHits += allInBand ? 1 : 0;
            simpleSum += fit.Aggregate(DidAggregation.Simple).Overall.Estimate;
            twfeSum += TwoWayFixedEffects.FitStatic(panel).Static!.Estimate;
        }

        double pointwise = (double)pointwiseHits / pointwiseTotal, band = (double)bandHits / worlds;
        double simpleTruth = SimpleTruth();
        output.WriteLine($"{worlds} worlds: pointwise coverage {pointwise:F3} ({pointwiseTotal} intervals), uniform-band coverage {band:F2}; " +
            $"simple ATT mean {simpleSum / worlds:F4} (truth {simpleTruth:F4}); static TWFE mean {twfeSum / worlds:F4} (bias {(twfeSum / worlds) - simpleTruth:F4})");
        Assert.InRange(pointwise, 0.91, 0.99);
        Assert.InRange(band, 0.88, 1.0);
        Assert.True(Math.Abs((simpleSum / worlds) - simpleTruth) < 0.02, $"simple ATT mean {simpleSum / worlds}, truth {simpleTruth}");
        Assert.True(Math.Abs((twfeSum / worlds) - simpleTruth) > 0.1, $"static TWFE mean {twfeSum / worlds} is expected to be biased away from {simpleTruth}");
    }
}

/// <summary>
/// The same coverage check on the Simulation project's staggered campaign rollout (<c>StaggeredRolloutSimulator</c>,
/// default options: 2,000 units, 12 weeks, cohorts 4/7/10, never-treated 40 %). Slow.
/// </summary>
public class StaggeredRolloutCoverageStudyTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Event_study_covers_the_simulated_rollout_truth_over_50_worlds_while_twfe_is_biased()
    {
        const int worlds = 50;
        int pointwiseHits = 0, pointwiseTotal = 0, bandHits = 0;
        double twfeBias = 0, simpleBias = 0;
        for (int w = 0; w < worlds; w++)
        {
            var world = CausalCart.Simulation.Staggered.StaggeredRolloutSimulator.Simulate(new() { Seed = 100 + w });
            DidPanel panel = DidPanel.Create(new DidPanelColumns(world.Unit, world.Week, world.Spend, world.FirstTreated));
            CallawaySantAnnaResult fit = new CallawaySantAnna(new CallawaySantAnnaOptions
            {
                BasePeriod = DidBasePeriod.Universal,
                Estimation = DidEstimation.OutcomeRegression,
                BootstrapReplications = 499,
                Seed = (ulong)w + 1,
            }).Fit(panel);
            IReadOnlyDictionary<int, double> truth = world.EventStudyTruth();
            bool allInBand = true;
            foreach (DidAggregatePoint p in fit.Aggregate(DidAggregation.Dynamic).Points.Where(p => p.Key != -1))
            {
                pointwiseTotal++;
                pointwiseHits += p.Covers(truth[p.Key]) ? 1 : 0;
                allInBand &= p.BandCovers(truth[p.Key]);
            }

            bandHits += allInBand ? 1 : 0;
            simpleBias += fit.Aggregate(DidAggregation.Simple).Overall.Estimate - world.SimpleTruth();
            twfeBias += TwoWayFixedEffects.FitStatic(panel).Static!.Estimate - world.SimpleTruth();
        }

        double pointwise = (double)pointwiseHits / pointwiseTotal, band = (double)bandHits / worlds;
        output.WriteLine($"{worlds} rollout worlds: pointwise coverage {pointwise:F3} ({pointwiseTotal} intervals), uniform-band coverage {band:F2}; " +
            $"simple ATT mean bias {simpleBias / worlds:F4}; static TWFE mean bias {twfeBias / worlds:F4} (simple truth of seed 100: " +
            $"{CausalCart.Simulation.Staggered.StaggeredRolloutSimulator.Simulate(new() { Seed = 100 }).SimpleTruth():F4})");
        Assert.InRange(pointwise, 0.90, 0.99);
        Assert.InRange(band, 0.86, 1.0);
        Assert.True(Math.Abs(simpleBias / worlds) < 0.05, $"simple ATT mean bias {simpleBias / worlds}");
        Assert.True(twfeBias / worlds < -0.3, $"static TWFE mean bias {twfeBias / worlds} is expected to be clearly negative");
    }
}
