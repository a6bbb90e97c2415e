using CausalCart.Causal.Dml;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests;

/// <summary>AIPW with stacked outcome models (the spine's <c>nuisance: stack</c>) on the step world a GLM cannot fit.</summary>
public sealed class AipwStackedNuisanceTests
{
    [Fact]
    public void Stacked_nuisances_cover_where_glm_nuisances_are_biased()
    {
        EffectData data = AipwFlexibleNuisanceTests.StepWorld(4_000, 11);
        var options = new EffectOptions { Estimands = [Estimand.Ate], Seed = 3 };
        EffectEstimate glm = new AipwEstimator(options).Estimate(data).Estimates[0];
        EstimationResult stacked = new AipwEstimator(options, FlexibleNuisances.Stacked(3)).Estimate(data);
        EffectEstimate st = stacked.Estimates[0];

        Assert.Equal(EffectMethod.Aipw, stacked.Method);
        Assert.True(st.CiLower <= 1 && 1 <= st.CiUpper, $"stacked AIPW {st.Estimate:F3} [{st.CiLower:F3}, {st.CiUpper:F3}] should cover 1; GLM {glm.Estimate:F3} ± {glm.StdError:F3}");
        Assert.True(Math.Abs(st.Estimate - 1) < Math.Abs(glm.Estimate - 1) / 2, $"stacked {st.Estimate:F3} vs GLM {glm.Estimate:F3}");
    }
}
