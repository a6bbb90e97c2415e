using CausalCart.Causal;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests;

public class DiagnosticsTests
{
    [Fact]
    public void Sound_data_has_good_overlap_and_weighting_restores_balance()
    {
        (EffectData data, _, _) = Worlds.Confounded(20_000, 11);
        EstimationResult r = new IpwEstimator().Estimate(data);
        Assert.Equal(OverlapVerdict.Good, r.Overlap!.Verdict);
        Assert.Equal(21, r.Overlap.BinEdges.Count);
        Assert.Equal(data.NTreated, r.Overlap.TreatedCounts.Sum());
        Assert.Equal(data.NControl, r.Overlap.ControlCounts.Sum());
        Assert.True(r.Balance!.MaxAbsBefore > 0.3, $"before {r.Balance.MaxAbsBefore}");
        Assert.True(r.Balance.MaxAbsAfter < 0.1, $"after {r.Balance.MaxAbsAfter}");
        Assert.Equal(["x1", "x2", "x3"], r.Balance.Covariates.Select(c => c.Name));
    }

    [Fact]
    public void No_overlap_gives_an_insufficient_verdict()
    {
        var rng = new SeededRandom(12);
        const int n = 4000;
        var x = new Matrix(n, 1);
        var t = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = rng.NextNormal();
            t[i] = x[i, 0] > 0 ? 1 : 0; // treatment determined by the covariate: no overlap
            y[i] = x[i, 0] + t[i] + rng.NextNormal();
        }

        EstimationResult r = new AipwEstimator(new EffectOptions { Estimands = [Estimand.Ate] }).Estimate(new EffectData(y, t, x));
        Assert.Equal(OverlapVerdict.Insufficient, r.Overlap!.Verdict);
        Assert.True(r.Overlap.ExtremeShare > 0.1);
        Assert.Contains("too different", r.Overlap.Message);
    }

    [Fact]
    public void Clipping_of_extreme_propensities_is_reported()
    {
        var rng = new SeededRandom(13);
        const int n = 10_000;
        var x = new Matrix(n, 1);
        var t = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = rng.NextNormal();
            t[i] = rng.NextDouble() < StableMath.Sigmoid(3 * x[i, 0]) ? 1 : 0;
            y[i] = x[i, 0] + t[i] + rng.NextNormal();
        }

        var data = new EffectData(y, t, x);
        foreach (IEffectEstimator est in new IEffectEstimator[] { new IpwEstimator(), new AipwEstimator() })
        {
            EffectEstimate e = est.Estimate(data).For(Estimand.Ate);
            Assert.True(e.Diagnostics["clippedShare"] > 0.01, $"{est.Method}: {e.Diagnostics["clippedShare"]}");
            Assert.Contains(e.Warnings, w => w.Contains("clipped", StringComparison.Ordinal));
        }

        EffectEstimate noClip = new IpwEstimator(new EffectOptions { PropensityClip = 0 }).Estimate(data).For(Estimand.Ate);
        Assert.Equal(0, noClip.Diagnostics["clippedShare"]);
        Assert.Empty(noClip.Warnings);
    }

    [Fact]
    public void Overlap_thresholds_follow_the_documented_rules()
    {
        double[] t = Enumerable.Range(0, 1000).Select(i => (double)(i % 2)).ToArray();
        double[] good = Enumerable.Range(0, 1000).Select(i => 0.3 + (0.4 * (i % 7) / 6.0)).ToArray();
        Assert.Equal(OverlapVerdict.Good, Diagnostics.Overlap(good, t, []).Verdict);
        double[] weak = good.Select((e, i) => i % 50 == 0 ? 0.005 : e).ToArray(); // 2% extreme
        Assert.Equal(OverlapVerdict.Weak, Diagnostics.Overlap(weak, t, []).Verdict);
        double[] bad = good.Select((e, i) => i % 5 == 0 ? 0.995 : e).ToArray();    // 20% extreme
        Assert.Equal(OverlapVerdict.Insufficient, Diagnostics.Overlap(bad, t, []).Verdict);
        Assert.Throws<ArgumentException>(() => Diagnostics.Overlap([0.5, double.NaN], [0, 1], []));
    }
}
