using CausalCart.Causal;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests;

/// <summary>Dummy-outcome and bootstrap refuters and the unobserved-common-cause simulation.</summary>
public sealed class MoreRefuterTests
{
    [Fact]
    public void Dummy_outcome_passes_an_adjusted_analysis_and_fails_the_naive_one()
    {
        (EffectData data, _, _) = Worlds.Confounded(3000, 31);
        var o = new RefutationOptions(40, 5);
        var sound = Refuters.DummyOutcome(new RegressionEstimator(), data, o);
        Assert.True(sound.Verdict == RefutationVerdict.Passed, sound.Interpretation);
        Assert.Equal(Refuter.DummyOutcome, sound.Refuter);
        var naive = Refuters.DummyOutcome(new NaiveEstimator(), data, o);
        Assert.True(naive.Verdict == RefutationVerdict.Failed, naive.Interpretation);
        Assert.Contains("not adjusted for well enough", naive.Interpretation, StringComparison.Ordinal);
        Assert.Equal(sound, Refuters.DummyOutcome(new RegressionEstimator(), data, o)); // deterministic
    }

    [Fact]
    public void Dummy_outcome_keeps_a_binary_outcome_binary()
    {
        (EffectData data, _) = Worlds.BinaryConfounded(3000, 32);
        var r = Refuters.DummyOutcome(new AipwEstimator(), data, new RefutationOptions(20, 6));
        Assert.True(r.Verdict == RefutationVerdict.Passed, r.Interpretation);
        Assert.True(Math.Abs(r.NewEstimateMean) < 0.03, $"dummy mean {r.NewEstimateMean}");
    }

    [Fact]
    public void Bootstrap_spread_matches_the_reported_standard_error()
    {
        (EffectData data, _, _) = Worlds.Confounded(2000, 33);
        var est = new RegressionEstimator();
        var r = Refuters.Bootstrap(est, data, new RefutationOptions(60, 7));
        Assert.True(r.Verdict == RefutationVerdict.Passed, $"{r.Interpretation} (sd {r.NewEstimateStdDev}, original {r.OriginalEstimate})");
        Assert.Equal(60, r.Simulations);
        Assert.Equal(RefutationVerdict.Inconclusive, Refuters.Bootstrap(est, data, new RefutationOptions(5, 7)).Verdict);
    }

    [Fact]
    public void Bootstrap_fails_an_estimator_that_understates_its_error()
    {
        (EffectData data, _, _) = Worlds.Confounded(2000, 34);
        var r = Refuters.Bootstrap(new OverconfidentEstimator(), data, new RefutationOptions(40, 8));
        Assert.True(r.Verdict == RefutationVerdict.Failed, r.Interpretation);
        Assert.Contains("understates", r.Interpretation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unobserved_confounder_moves_the_estimate_by_the_bias_it_implies()
    {
        (EffectData data, _, _) = Worlds.Confounded(4000, 35, effectSlope: 0);
        var est = new RegressionEstimator();
        var original = est.Estimate(data).For(Estimand.Ate).Estimate;
        var weak = Refuters.UnobservedCommonCause(est, data, new UnobservedConfounder(0.1, 0.1), new RefutationOptions(10, 9));
        Assert.True(weak.Verdict == RefutationVerdict.Passed, weak.Interpretation);
        Assert.True(weak.NewEstimateMean < original, "the simulated confounder pulls the estimate towards zero");

        // With regression the move is ≈ κ·sd(Y)·ρ / sd(T) (about 3 · 2.3 · 0.9 / 0.5 here): far past zero.
        var strong = Refuters.UnobservedCommonCause(est, data, new UnobservedConfounder(0.9, 3), new RefutationOptions(10, 9));
        Assert.True(original - strong.NewEstimateMean > 3, $"moved {strong.NewEstimateMean - original}");
        Assert.Equal(RefutationVerdict.Failed, strong.Verdict);
        Assert.Contains("changing sign", strong.Interpretation, StringComparison.Ordinal);

        var grid = Refuters.UnobservedCommonCauseGrid(est, data, [0.0, 0.2], [0.0, 0.5], new RefutationOptions(4, 1));
        Assert.Equal(4, grid.Count);
        Assert.Equal(original, grid[0].Estimate, 10); // no confounder, no movement
        Assert.True(grid[3].Estimate < grid[1].Estimate && grid[3].Estimate < grid[2].Estimate);
        Assert.Throws<ArgumentException>(() => Refuters.UnobservedCommonCause(est, data, new UnobservedConfounder(1.2, 0.1)));
        Assert.Throws<ArgumentException>(() => Refuters.UnobservedCommonCause(est, data, new UnobservedConfounder(0.1, -1)));
    }

    [Fact]
    public void Unobserved_confounder_strong_enough_explains_a_small_effect_away()
    {
        (EffectData data, _, _) = Worlds.Confounded(2000, 36, effectSlope: 0);
        var shifted = new EffectData(data.Outcome.Select((y, i) => y - (1.9 * data.Treatment[i])).ToArray(), data.Treatment, data.Covariates, data.CovariateNames);
        var r = Refuters.UnobservedCommonCause(new RegressionEstimator(), shifted, new UnobservedConfounder(0.5, 0.5), new RefutationOptions(10, 2));
        Assert.True(r.Verdict == RefutationVerdict.Failed, r.Interpretation);
        Assert.Contains("could explain the effect away", r.Interpretation, StringComparison.Ordinal);
    }

    /// <summary>Reports a tenth of the regression's standard error.</summary>
    private sealed class OverconfidentEstimator : IEffectEstimator
    {
        private readonly RegressionEstimator _inner = new();

        public EffectMethod Method => EffectMethod.Regression;

        public EffectOptions Options => _inner.Options;

        public EstimationResult Estimate(EffectData data)
        {
            var r = _inner.Estimate(data);
            return r with { Estimates = [.. r.Estimates.Select(e => e with { StdError = e.StdError / 10 })] };
        }
    }
}
