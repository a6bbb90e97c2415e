using CausalCart.Causal.Dml;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests.Dml;

public class LinearDmlTests
{
    [Fact]
    public void Linear_dml_recovers_the_effect_modifier_slope_with_covering_intervals()
    {
        // τ(x) = 2 + x₁: intercept 2, slope 1 on x1, 0 on x2, x3.
        (EffectData data, double ate, _) = Worlds.Confounded(4000, seed: 31);
        LinearDmlResult r = new LinearDml(new EffectOptions { Seed = 1 }, new DmlOptions { Repetitions = 2 }).Fit(data);
        Assert.Equal(["intercept", "x1", "x2", "x3"], r.Coefficients.Select(c => c.Term));
        Assert.True(r.Coefficients[0].Covers(2), $"{r.Coefficients[0]}");
        Assert.True(r.Coefficients[1].Covers(1), $"{r.Coefficients[1]}");
        Assert.True(r.Coefficients[2].Covers(0) && r.Coefficients[3].Covers(0));
        Assert.True(r.Coefficients[1].ExcludesZero);
        Assert.True(r.Ate.Covers(ate), $"{r.Ate.Estimate} ± {r.Ate.StdError}");
        Assert.Equal(EffectMethod.LinearDml, r.Ate.Method);
        (double effect, double se) = r.EffectAt([1.0, 0, 0]);
        Assert.True(Math.Abs(effect - 3) < 3 * se + 0.05, $"θ(1,0,0) = {effect} ± {se}");
        Assert.Equal(data.Count, r.Cate.Count);
        Assert.All(r.CateStdError, s => Assert.True(s > 0));
    }

    [Fact]
    public void Chosen_modifiers_restrict_the_final_stage_but_not_the_adjustment()
    {
        (EffectData data, _, _) = Worlds.Confounded(3000, seed: 32);
        LinearDmlResult r = new LinearDml(new EffectOptions { Seed = 1 }, new DmlOptions { EffectModifiers = ["x1"] }).Fit(data);
        Assert.Equal(2, r.Coefficients.Count);
        Assert.True(Math.Abs(r.Coefficients[1].Estimate - 1) < 0.15, $"{r.Coefficients[1]}");
        Assert.Throws<ArgumentException>(() => r.EffectAt([1.0, 2.0]));
    }

    [Fact]
    public void A_modifier_without_variation_is_reported_by_name_of_the_stage()
    {
        (EffectData d, _, _) = Worlds.Confounded(400, seed: 2);
        var x = d.Covariates.AppendColumn(Enumerable.Repeat(5.0, d.Count).ToArray());
        var data = d.WithCovariates(x, ["x1", "x2", "x3", "constant"]);
        var ex = Assert.Throws<ArgumentException>(() => new LinearDml(null, new DmlOptions { EffectModifiers = ["x1", "constant"] }).Fit(data));
        Assert.Contains("final stage", ex.Message);
    }
}
