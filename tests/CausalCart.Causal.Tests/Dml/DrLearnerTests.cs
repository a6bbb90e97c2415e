using CausalCart.Causal.Dml;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Dml;

public class DrLearnerTests
{
    [Fact]
    public void Dr_learner_recovers_ate_and_cate_and_gives_linear_coefficient_inference()
    {
        (EffectData data, double ate, _) = Worlds.Confounded(4000, seed: 41);
        DrLearnerResult r = new DrLearner(new EffectOptions { Seed = 1 }).Fit(data);
        Assert.True(r.Ate.Covers(ate), $"{r.Ate.Estimate} ± {r.Ate.StdError}");
        Assert.Equal(EffectMethod.DrLearner, r.Ate.Method);
        Assert.True(r.LinearProjection[1].Covers(1), $"{r.LinearProjection[1]}");
        double rmse = Math.Sqrt(Enumerable.Range(0, data.Count).Average(i => Math.Pow(r.Cate[i] - (2 + data.Covariates[i, 0]), 2)));
        Assert.True(rmse < 0.25, $"CATE RMSE {rmse}");
        var probe = new Matrix(1, 3);
        probe[0, 0] = -1;
        Assert.True(Math.Abs(r.Predict(probe)[0] - 1) < 0.3);
    }

    [Fact]
    public void Dr_learner_is_deterministic_for_a_seed()
    {
        (EffectData data, _, _) = Worlds.Confounded(600, seed: 42);
        var learner = new DrLearner(new EffectOptions { Seed = 9 }, new DmlOptions { Repetitions = 2 });
        DrLearnerResult a = learner.Fit(data), b = learner.Fit(data);
        Assert.Equal(a.Ate, b.Ate with { Diagnostics = a.Ate.Diagnostics, Warnings = a.Ate.Warnings });
        Assert.Equal(a.Cate, b.Cate);
    }
}
