using System.Globalization;
using Xunit.Abstractions;

namespace CausalCart.Pipeline.Tests.Analysis;

/// <summary>
/// Monte-Carlo study of <c>causalcart did</c> on 100 ShopSim worlds with the staggered free-shipping rollout (4,000 users
/// each, seeds 1 … 100), against each world's exact truth: pointwise coverage of the event-study truth θ(e) at every event
/// time, uniform-band coverage (all event times at once), the simple ATT's bias, and static TWFE's bias beside it. The same
/// study as bench/validation/rollout.sh (which runs the CLI). Slow: run with <c>--filter Category=Slow</c>.
/// </summary>
public sealed class RolloutCoverageStudyTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Event_study_covers_the_rollouts_dynamic_truth_over_100_worlds_while_twfe_is_biased()
    {
        const int worlds = 100;
        int points = 0, pointHits = 0, bandHits = 0, simpleHits = 0;
        double truthSum = 0, simpleBias = 0, simpleBiasSquares = 0, twfeBias = 0;
        for (var seed = 1; seed <= worlds; seed++)
        {
            var (truth, fit) = RolloutWorld.Simulate(seed, users: 4_000);
            var allInBand = true;
            foreach (var p in fit.EventStudy)
            {
                var t = truth.EventTimeAtt(p.Key);
                points++;
                pointHits += p.CiLower <= t && t <= p.CiUpper ? 1 : 0;
                allInBand &= p.BandLower <= t && t <= p.BandUpper;
            }

            bandHits += allInBand ? 1 : 0;
            simpleHits += fit.Overall.CiLower <= truth.SimpleAtt && truth.SimpleAtt <= fit.Overall.CiUpper ? 1 : 0;
            truthSum += truth.SimpleAtt;
            var d = fit.Overall.Estimate - truth.SimpleAtt;
            simpleBias += d;
            simpleBiasSquares += d * d;
            twfeBias += fit.TwoWayFixedEffects!.Estimate - truth.SimpleAtt;
        }

        double pointwise = pointHits / (double)points, band = bandHits / (double)worlds, meanTruth = truthSum / worlds;
        double bias = simpleBias / worlds, biasSe = Math.Sqrt(((simpleBiasSquares / worlds) - (bias * bias)) / worlds), twfe = twfeBias / worlds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pointwise {pointwise:F3} ({pointHits}/{points}), band {band:F3}, simple: truth {meanTruth:F4} bias {bias:F4} (MC s.e. {biasSe:F4}) coverage {simpleHits / (double)worlds:F2}; TWFE bias {twfe:F4} ({100 * twfe / meanTruth:F0}%)"));

        // 95 % intervals: binomial spread over ~1,100 correlated points and 100 worlds allows these margins.
        Assert.InRange(pointwise, 0.91, 0.99);
        Assert.InRange(band, 0.88, 1.0);
        Assert.True(Math.Abs(bias) < 3 * biasSe + 0.002, $"simple ATT bias {bias:F4} (MC s.e. {biasSe:F4})");
        Assert.True(twfe < -0.3 * meanTruth, $"TWFE bias {twfe:F4} on a truth of {meanTruth:F4}");
    }
}
