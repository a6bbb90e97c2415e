using CausalCart.Causal;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests;

public class RefuterTests
{
    /// <summary>A broken analysis: it ignores the treatment it is given and derives one from the outcome (leakage).</summary>
    private sealed class LeakyEstimator : IEffectEstimator
    {
        private readonly RegressionEstimator _inner = new(new EffectOptions { Estimands = [Estimand.Ate] });

        public EffectMethod Method => EffectMethod.Regression;

        public EffectOptions Options => _inner.Options;

        public EstimationResult Estimate(EffectData data)
        {
            double median = data.Outcome.Order().ElementAt(data.Count / 2);
            return _inner.Estimate(data.WithTreatment(data.Outcome.Select(y => y > median ? 1.0 : 0.0).ToArray()));
        }
    }

    /// <summary>Hides the concrete type so the refuter takes its generic (refit) path.</summary>
    private sealed class Opaque(IEffectEstimator inner) : IEffectEstimator
    {
        public EffectMethod Method => inner.Method;

        public EffectOptions Options => inner.Options;

        public EstimationResult Estimate(EffectData data) => inner.Estimate(data);
    }

    [Fact]
    public void All_refuters_pass_on_a_sound_regression_analysis()
    {
        (EffectData data, _, _) = Worlds.Confounded(5000, 21);
        var est = new RegressionEstimator();
        EstimationResult original = est.Estimate(data);
        Refutation placebo = Refuters.Placebo(est, data, new RefutationOptions(200, 1), original);
        Refutation rcc = Refuters.RandomCommonCause(est, data, new RefutationOptions(30, 2), original);
        Refutation subset = Refuters.DataSubset(est, data, new RefutationOptions(40, 3), original);
        Assert.Equal(RefutationVerdict.Passed, placebo.Verdict);
        Assert.True(placebo.PValue < 0.01, "the real effect is far outside the placebo distribution");
        Assert.Equal(RefutationVerdict.Passed, rcc.Verdict);
        Assert.Equal(RefutationVerdict.Passed, subset.Verdict);
        Assert.Equal(original.For(Estimand.Ate).Estimate, placebo.OriginalEstimate);
        Assert.All([placebo, rcc, subset], r => Assert.False(string.IsNullOrWhiteSpace(r.Interpretation)));
    }

    [Fact]
    public void All_refuters_pass_on_a_sound_aipw_analysis()
    {
        (EffectData data, _, _) = Worlds.Confounded(3000, 22);
        var est = new AipwEstimator(new EffectOptions { Estimands = [Estimand.Att] });
        var o = new RefutationOptions(100, 4, Estimand: Estimand.Att);
        foreach (Refutation r in new[] { Refuters.Placebo(est, data, o), Refuters.RandomCommonCause(est, data, o), Refuters.DataSubset(est, data, o) })
        {
            Assert.True(r.Verdict == RefutationVerdict.Passed, $"{r.Refuter}: {r.Interpretation} (mean {r.NewEstimateMean}, sd {r.NewEstimateStdDev}, original {r.OriginalEstimate})");
        }
    }

    [Fact]
    public void Placebo_fails_when_the_treatment_is_a_deterministic_function_of_the_outcome()
    {
        (EffectData data, _, _) = Worlds.Confounded(3000, 23);
        Refutation r = Refuters.Placebo(new LeakyEstimator(), data, new RefutationOptions(30, 5));
        Assert.Equal(RefutationVerdict.Failed, r.Verdict);
        Assert.True(Math.Abs(r.NewEstimateMean) > 1);
        Assert.Contains("far from zero", r.Interpretation);
    }

    [Fact]
    public void Fast_gram_reuse_placebo_matches_the_refit_placebo_in_distribution_and_is_reproducible()
    {
        (EffectData data, _, _) = Worlds.Confounded(4000, 24);
        var est = new RegressionEstimator(new EffectOptions { Estimands = [Estimand.Ate, Estimand.Att] });
        foreach (Estimand e in new[] { Estimand.Ate, Estimand.Att })
        {
            var o = new RefutationOptions(300, 6, Estimand: e);
            Refutation fast = Refuters.Placebo(est, data, o);
            Refutation slow = Refuters.Placebo(new Opaque(est), data, o);
            Assert.InRange(fast.NewEstimateStdDev / slow.NewEstimateStdDev, 0.85, 1.15);
            Assert.True(Math.Abs(fast.NewEstimateMean) < 4 * fast.NewEstimateStdDev / Math.Sqrt(300));
            Assert.Equal(fast, Refuters.Placebo(est, data, o));
        }
    }

    [Fact]
    public void Too_few_simulations_are_inconclusive_and_missing_estimands_are_rejected()
    {
        (EffectData data, _, _) = Worlds.Confounded(1000, 25);
        var est = new RegressionEstimator(new EffectOptions { Estimands = [Estimand.Ate] });
        Assert.Equal(RefutationVerdict.Inconclusive, Refuters.Placebo(est, data, new RefutationOptions(5)).Verdict);
        Assert.Throws<ArgumentException>(() => Refuters.Placebo(est, data, new RefutationOptions(Estimand: Estimand.Att)));
    }
}
