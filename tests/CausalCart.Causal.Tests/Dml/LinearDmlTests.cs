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
    public void Final_stages_do_not_depend_on_the_units_of_the_modifiers()
    {
        // x2 in "micro-dollars" around 5e10 (a 0/1 flag beside an amount): the same model in other units. The final stage's
        // normal matrix then has diagonal entries 20 orders of magnitude apart and was refused as "not identified".
        (EffectData data, _, _) = Worlds.Confounded(3000, seed: 33);
        var x = new Numerics.Matrix(data.Count, data.Covariates.Cols, data.Covariates.Data.ToArray());
        for (int i = 0; i < data.Count; i++)
        {
            x[i, 1] = 5e10 + (1e9 * x[i, 1]);
        }

        var scaled = data.WithCovariates(x, data.CovariateNames);
        var options = new EffectOptions { Seed = 1 };
        LinearDmlResult a = new LinearDml(options).Fit(data), b = new LinearDml(options).Fit(scaled);
        Assert.Equal(a.Ate.Estimate, b.Ate.Estimate, 1e-6);
        Assert.Equal(a.Ate.StdError, b.Ate.StdError, 1e-6);
        Assert.Equal(a.Coefficients[2].Estimate / 1e9, b.Coefficients[2].Estimate, 1e-14);
        DrLearnerResult c = new DrLearner(options).Fit(data), e = new DrLearner(options).Fit(scaled);
        Assert.Equal(c.Ate.Estimate, e.Ate.Estimate, 1e-6);
    }

    [Fact]
    public void A_modifier_without_variation_is_reported_by_name_of_the_stage()
    {
        (EffectData d, _, _) = Worlds.Confounded(400, seed: 2);
        var x = d.Covariates.AppendColumn(Enumerable.Repeat(5.0, d.Count).ToArray());
        var data = d.WithCovariates(x, ["x1", "x2", "x3", "constant"]);
        var ex = Assert.Throws<ArgumentException>(() => new LinearDml(null, new DmlOptions { EffectModifiers = ["x1", "constant"] }).Fit(data));
        Assert.Contains("final stage", ex.Message);
        Assert.Contains("'constant' is (nearly) a linear combination", ex.Message);
    }
}
