using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests;

public sealed class CateAteEstimatorTests
{
    [Theory]
    [InlineData(EffectMethod.LinearDml)]
    [InlineData(EffectMethod.DrLearner)]
    [InlineData(EffectMethod.TLearner)]
    [InlineData(EffectMethod.XLearner)]
    public void Each_cate_estimator_recovers_the_ate_with_an_interval(EffectMethod method)
    {
        var (data, ate, _) = Worlds.Confounded(4000, 21);
        var result = new CateAteEstimator(method, new EffectOptions { Seed = 3, Estimands = [Estimand.Ate] }, bootstrapReplicates: 40).Estimate(data);
        Assert.Equal(method, result.Method);
        var e = Assert.Single(result.Estimates);
        Assert.Equal(method, e.Method);
        Assert.Equal(Estimand.Ate, e.Estimand);
        Assert.True(e.StdError > 0);
        Assert.True(Math.Abs(e.Estimate - ate) < 4 * e.StdError, $"{method}: {e.Estimate:F3} ± {e.StdError:F3} vs {ate:F3}");
        Assert.Equal(data.NTreated, result.Association.NTreated);
    }

    [Fact]
    public void The_att_alone_other_methods_and_tiny_bootstraps_are_refused()
    {
        var (data, _, _) = Worlds.Confounded(500, 2);
        var att = Assert.Throws<ArgumentException>(() => new CateAteEstimator(EffectMethod.DrLearner, new EffectOptions { Estimands = [Estimand.Att] }).Estimate(data));
        Assert.Contains("use AIPW or DML IRM for the ATT", att.Message, StringComparison.Ordinal);
        var aipw = Assert.Throws<ArgumentException>(() => new CateAteEstimator(EffectMethod.Aipw));
        Assert.Contains("not a CATE estimator", aipw.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CateAteEstimator(EffectMethod.SLearner, bootstrapReplicates: 5));
    }

    [Fact]
    public void Results_are_deterministic_for_a_seed()
    {
        var (data, _, _) = Worlds.Confounded(800, 4);
        var options = new EffectOptions { Seed = 9, Estimands = [Estimand.Ate] };
        var a = new CateAteEstimator(EffectMethod.RLearner, options, bootstrapReplicates: 20).Estimate(data).Estimates[0];
        var b = new CateAteEstimator(EffectMethod.RLearner, options, bootstrapReplicates: 20).Estimate(data).Estimates[0];
        Assert.Equal(a.Estimate, b.Estimate);
        Assert.Equal(a.StdError, b.StdError);
    }
}
