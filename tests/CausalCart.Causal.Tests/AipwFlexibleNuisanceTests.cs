using CausalCart.Causal.Dml;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests;

/// <summary>AIPW with gradient-boosted nuisances (the spine's <c>nuisance: gbdt</c>) on a world a GLM cannot fit.</summary>
public sealed class AipwFlexibleNuisanceTests
{
    /// <summary>
    /// Propensity and outcome are step functions of x0 (a band) and x1 (a threshold): logistic and linear models in x
    /// are both wrong, so GLM-AIPW is biased; boosted trees recover both and AIPW covers the true ATE of 1.
    /// </summary>
    internal static EffectData StepWorld(int n, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 3);
        var y = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x0 = (rng.NextDouble() * 4) - 2, x1 = (rng.NextDouble() * 4) - 2, x2 = rng.NextNormal();
            x[i, 0] = x0;
            x[i, 1] = x1;
            x[i, 2] = x2;
            bool band = Math.Abs(x0) < 0.7;
            double e = band ? (x1 > 0 ? 0.9 : 0.6) : 0.1;
            t[i] = rng.NextDouble() < e ? 1 : 0;
            double mu0 = (band ? 3 : 0) + (x1 > 0.5 ? 1.5 : 0) + (0.3 * x2);
            y[i] = mu0 + t[i] + rng.NextNormal();
        }

        return new EffectData(y, t, x);
    }

    [Fact]
    public void Boosted_nuisances_cover_where_glm_nuisances_are_biased()
    {
        EffectData data = StepWorld(12_000, 11);
        var options = new EffectOptions { Estimands = [Estimand.Ate], Seed = 3 };
        EffectEstimate glm = new AipwEstimator(options).Estimate(data).Estimates[0];
        EstimationResult boosted = new AipwEstimator(options, FlexibleNuisances.GradientBoosting(3)).Estimate(data);
        EffectEstimate gb = boosted.Estimates[0];

        Assert.Equal(EffectMethod.Aipw, boosted.Method);
        Assert.Equal(EffectMethod.Aipw, gb.Method);
        Assert.True(gb.CiLower <= 1 && 1 <= gb.CiUpper, $"boosted AIPW {gb.Estimate:F3} [{gb.CiLower:F3}, {gb.CiUpper:F3}] should cover 1; GLM {glm.Estimate:F3} ± {glm.StdError:F3}");
        Assert.True(Math.Abs(glm.Estimate - 1) > 3 * glm.StdError, $"GLM AIPW {glm.Estimate:F3} ± {glm.StdError:F3} was expected to miss 1");
        Assert.True(Math.Abs(gb.Estimate - 1) < Math.Abs(glm.Estimate - 1) / 2, $"boosted {gb.Estimate:F3} vs GLM {glm.Estimate:F3}");
        Assert.NotNull(boosted.Overlap);
    }

    [Fact]
    public void Boosted_nuisances_are_deterministic_for_a_seed()
    {
        EffectData data = StepWorld(1_500, 5);
        var options = new EffectOptions { Seed = 9 };
        var a = new AipwEstimator(options, FlexibleNuisances.GradientBoosting(9)).Estimate(data);
        var b = new AipwEstimator(options, FlexibleNuisances.GradientBoosting(9)).Estimate(data);
        Assert.Equal(a.Estimates.Select(e => e.Estimate), b.Estimates.Select(e => e.Estimate));
        Assert.Equal(a.Estimates.Select(e => e.StdError), b.Estimates.Select(e => e.StdError));
    }
}
