using CausalCart.Causal.Dml;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests;

/// <summary>AIPW with random-forest nuisances (the spine's <c>nuisance: forest</c>) on the step world a GLM cannot fit.</summary>
public sealed class AipwForestNuisanceTests
{
    [Fact]
    public void Forest_nuisances_cover_where_glm_nuisances_are_biased()
    {
        EffectData data = AipwFlexibleNuisanceTests.StepWorld(4_000, 11);
        var options = new EffectOptions { Estimands = [Estimand.Ate], Seed = 3 };
        EffectEstimate glm = new AipwEstimator(options).Estimate(data).Estimates[0];
        EstimationResult forest = new AipwEstimator(options, FlexibleNuisances.RandomForest(3)).Estimate(data);
        EffectEstimate rf = forest.Estimates[0];

        Assert.Equal(EffectMethod.Aipw, forest.Method);
        Assert.True(rf.CiLower <= 1 && 1 <= rf.CiUpper, $"forest AIPW {rf.Estimate:F3} [{rf.CiLower:F3}, {rf.CiUpper:F3}] should cover 1; GLM {glm.Estimate:F3} ± {glm.StdError:F3}");
        Assert.True(Math.Abs(glm.Estimate - 1) > 3 * glm.StdError, $"GLM AIPW {glm.Estimate:F3} ± {glm.StdError:F3} was expected to miss 1");
        Assert.True(Math.Abs(rf.Estimate - 1) < Math.Abs(glm.Estimate - 1) / 2, $"forest {rf.Estimate:F3} vs GLM {glm.Estimate:F3}");
        Assert.NotNull(forest.Overlap);
    }

    [Fact]
    public void Forest_nuisances_are_deterministic_for_a_seed()
    {
        EffectData data = AipwFlexibleNuisanceTests.StepWorld(1_000, 5);
        var options = new EffectOptions { Seed = 9 };
        var a = new AipwEstimator(options, FlexibleNuisances.RandomForest(9)).Estimate(data);
        var b = new AipwEstimator(options, FlexibleNuisances.RandomForest(9)).Estimate(data);
        Assert.Equal(a.Estimates.Select(e => e.Estimate), b.Estimates.Select(e => e.Estimate));
        Assert.Equal(a.Estimates.Select(e => e.StdError), b.Estimates.Select(e => e.StdError));
    }
}
