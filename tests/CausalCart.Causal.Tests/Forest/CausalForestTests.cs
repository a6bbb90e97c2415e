using CausalCart.Causal.Forest;
using CausalCart.Core.Results;
using CausalCart.Learners;
using CausalCart.Numerics;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.Forest;

/// <summary>Known-truth checks of the causal forest (fast, small N, fixed seeds).</summary>
public class CausalForestTests(ITestOutputHelper output)
{
    private static readonly CausalForestOptions Small = new() { Trees = 60, NuisanceTrees = 40 };

    [Fact]
    public void Recovers_a_heterogeneous_effect_and_its_average()
    {
        (EffectData data, double[] tau) = ForestWorlds.Linear(3000, 5, 1);
        CausalForestResult r = new CausalForestEstimator(new EffectOptions { Seed = 2 }, Small).Fit(data);
        double corr = ForestWorlds.Correlation(r.Cate, tau);
        double rmse = ForestWorlds.Rmse(r.Cate, tau);
        EffectEstimate ate = r.Estimation.For(Estimand.Ate);
        double trueAte = tau.Average();
        output.WriteLine($"corr {corr:F3}, RMSE {rmse:F3}, ATE {ate.Estimate:F3} ± {ate.StdError:F3} (truth {trueAte:F3}), mean SE {r.CateStdError.Average():F3}");
        Assert.True(corr > 0.8, $"corr(τ̂, τ) = {corr}");
        Assert.True(rmse < 0.45, $"RMSE {rmse}");
        Assert.Equal(EffectMethod.CausalForest, ate.Method);
        Assert.True(ate.Covers(trueAte), $"ATE {ate.Estimate} [{ate.CiLower}, {ate.CiUpper}] vs {trueAte}");
        Assert.InRange(ate.StdError, 0.02, 0.2);
        double attTruth = Enumerable.Range(0, data.Count).Where(i => data.Treatment[i] == 1).Average(i => tau[i]);
        Assert.True(r.Estimation.For(Estimand.Att).Covers(attTruth), $"ATT {r.Estimation.For(Estimand.Att)} vs {attTruth}");
        Assert.Equal(0, r.VariableImportance.ToList().IndexOf(r.VariableImportance.Max()));
        Assert.Equal(1, r.VariableImportance.Sum(), 9);
    }

    /// <summary>
    /// Regression: with adaptive (non-honest) nuisance forests the ATE in this world was 6.4 standard errors low at
    /// N = 100,000 (bench/causal/forest/RESULTS.md); GRF's honest nuisance forests bring it within 1.1 SE.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Default_forest_nuisances_leave_the_ate_within_three_standard_errors_at_n_100k()
    {
        (EffectData data, double[] tau) = ForestWorlds.EconMlLike(100_000, 2);
        CausalForestResult r = new CausalForestEstimator(new EffectOptions { Seed = 1 }, new CausalForestOptions { MaxDegreeOfParallelism = 2 }).Fit(data);
        EffectEstimate ate = r.Estimation.For(Estimand.Ate);
        double z = (ate.Estimate - tau.Average()) / ate.StdError;
        output.WriteLine($"ATE {ate.Estimate:F4} ± {ate.StdError:F4} (truth {tau.Average():F4}), z = {z:F2}, CATE RMSE {ForestWorlds.Rmse(r.Cate, tau):F4}");
        Assert.InRange(z, -3.0, 3.0);
        Assert.True(ForestWorlds.Rmse(r.Cate, tau) < 0.15, $"CATE RMSE {ForestWorlds.Rmse(r.Cate, tau)}");
    }

    [Fact]
    public void Cate_intervals_cover_a_constant_effect_at_roughly_the_nominal_rate()
    {
        // τ(x) = 1 everywhere: every unit's 95% interval should contain 1 about 95% of the time.
        (EffectData data, double[] tau) = ForestWorlds.Linear(2000, 4, 3, heterogeneous: false);
        CausalForestResult r = new CausalForestEstimator(new EffectOptions { Seed = 4 }, Small).Fit(data);
        double coverage = Enumerable.Range(0, data.Count).Count(i => r.CateLower[i] <= tau[i] && tau[i] <= r.CateUpper[i]) / (double)data.Count;
        output.WriteLine($"pointwise coverage {coverage:F3}, mean SE {r.CateStdError.Average():F3}");
        Assert.InRange(coverage, 0.85, 1.0);
        Assert.All(r.CateStdError, se => Assert.True(se > 0 && double.IsFinite(se)));
        Assert.True(r.Estimation.For(Estimand.Ate).Covers(1));
    }

    [Fact]
    public void Cate_intervals_cover_a_heterogeneous_effect_for_most_units()
    {
        (EffectData data, double[] tau) = ForestWorlds.Linear(3000, 4, 5);
        CausalForestResult r = new CausalForestEstimator(new EffectOptions { Seed = 6 }, Small).Fit(data);
        double coverage = Enumerable.Range(0, data.Count).Count(i => r.CateLower[i] <= tau[i] && tau[i] <= r.CateUpper[i]) / (double)data.Count;
        output.WriteLine($"pointwise coverage {coverage:F3}");
        Assert.InRange(coverage, 0.75, 1.0);
    }

    [Fact]
    public void Predictions_at_new_rows_follow_the_effect_and_use_the_effect_modifier_columns()
    {
        (EffectData data, _) = ForestWorlds.Linear(2000, 4, 7);
        var fo = Small with { EffectModifiers = ["x0", "x2"] };
        CausalForestResult r = new CausalForestEstimator(new EffectOptions { Seed = 1 }, fo).Fit(data);
        Assert.Equal(["x0", "x2"], r.Model.EffectModifiers);
        var grid = new Matrix(2, 2, [0.1, 0.5, 0.9, 0.5]);
        var cate = new double[2];
        var se = new double[2];
        r.Model.PredictEffect(grid, cate, se);
        Assert.True(cate[1] - cate[0] > 0.8, $"τ̂(0.9) − τ̂(0.1) = {cate[1] - cate[0]} (truth 1.6)");
        Assert.All(se, v => Assert.True(v > 0));
        Assert.Contains("2 effect modifiers", Assert.Throws<ArgumentException>(() => r.Model.PredictEffect(new Matrix(1, 4), new double[1], new double[1])).Message);
        Assert.Contains("row 0", Assert.Throws<ArgumentException>(() => r.Model.PredictEffect(new Matrix(1, 2, [double.NaN, 0]), new double[1], new double[1])).Message);
    }

    [Fact]
    public void Cross_fitted_nuisance_learners_can_replace_the_nuisance_forests()
    {
        (EffectData data, double[] tau) = ForestWorlds.Linear(2000, 4, 8);
        var fo = Small with { OutcomeLearner = new LinearRegression(), PropensityLearner = new LogisticRegression() };
        CausalForestResult r = new CausalForestEstimator(new EffectOptions { Seed = 1 }, fo).Fit(data);
        Assert.Equal(1, r.Estimation.For(Estimand.Ate).Diagnostics["crossFittedNuisance"]);
        Assert.True(ForestWorlds.Correlation(r.Cate, tau) > 0.7);
        Assert.True(r.Estimation.For(Estimand.Ate).Covers(tau.Average()));
    }

    [Fact]
    public void Results_are_identical_whatever_the_thread_count_and_options_stay_untouched()
    {
        (EffectData data, _) = ForestWorlds.Linear(800, 4, 9);
        var fo = new CausalForestOptions { Trees = 20, NuisanceTrees = 10, MaxDegreeOfParallelism = 1 };
        var eo = new EffectOptions { Seed = 3 };
        CausalForestResult one = new CausalForestEstimator(eo, fo).Fit(data);
        CausalForestResult three = new CausalForestEstimator(eo, fo with { MaxDegreeOfParallelism = 3 }).Fit(data);
        CausalForestResult all = new CausalForestEstimator(eo, fo with { MaxDegreeOfParallelism = -1 }).Fit(data);
        Assert.Equal(one.Cate, three.Cate);
        Assert.Equal(one.CateStdError, all.CateStdError);
        Assert.Equal(one.Estimation.For(Estimand.Ate).Estimate, all.Estimation.For(Estimand.Ate).Estimate);
        Assert.Equal(new CausalForestOptions { Trees = 20, NuisanceTrees = 10, MaxDegreeOfParallelism = 1 }, fo);
        Assert.Equal(new EffectOptions { Seed = 3 }.Seed, eo.Seed);
        CausalForestResult other = new CausalForestEstimator(new EffectOptions { Seed = 4 }, fo).Fit(data);
        Assert.NotEqual(one.Cate, other.Cate);
    }

    [Fact]
    public void Invalid_options_and_names_give_argument_exceptions_that_name_them()
    {
        (EffectData data, _) = ForestWorlds.Linear(300, 4, 10);
        CausalForestResult Fit(CausalForestOptions o) => new CausalForestEstimator(null, o).Fit(data);
        Assert.Contains("'age'", Assert.Throws<ArgumentException>(() => Fit(new() { EffectModifiers = ["x0", "age"] })).Message);
        Assert.Contains("x0, x1, x2, x3", Assert.Throws<ArgumentException>(() => Fit(new() { EffectModifiers = ["age"] })).Message);
        Assert.Contains("Trees", Assert.Throws<ArgumentException>(() => Fit(new() { Trees = 7 })).Message);
        Assert.Contains("SampleFraction", Assert.Throws<ArgumentException>(() => Fit(new() { SampleFraction = 0.7 })).Message);
        Assert.Contains("CiGroupSize", Assert.Throws<ArgumentException>(() => Fit(new() { CiGroupSize = 1 })).Message);
        Assert.Contains("Mtry 5", Assert.Throws<ArgumentException>(() => Fit(new() { Mtry = 5 })).Message);
        Assert.Contains("MinNodeSize", Assert.Throws<ArgumentException>(() => Fit(new() { MinNodeSize = 0 })).Message);
        Assert.Contains("EffectModifiers", Assert.Throws<ArgumentException>(() => Fit(new() { EffectModifiers = [] })).Message);
        var noCovariates = new EffectData(data.Outcome, data.Treatment, new CausalCart.Numerics.Matrix(300, 0));
        Assert.Contains("covariate", Assert.Throws<ArgumentException>(() => new CausalForestEstimator().Fit(noCovariates)).Message);
    }

    [Fact]
    public void Little_bags_debiasing_stays_positive_and_matches_the_plain_difference_when_clear()
    {
        // Clear signal: between ≫ noise, so the truncated-normal correction is negligible.
        Assert.Equal(0.9, LittleBagsProbe.Debias(1.0, 0.1, 10_000), 3);
        // Noise larger than the between-bag variance: the estimate is negative, the posterior mean is small but positive.
        double v = LittleBagsProbe.Debias(0.1, 0.2, 50);
        Assert.True(v > 0 && v < 0.1, $"{v}");
        Assert.True(LittleBagsProbe.Debias(1e-6, 10, 50) > 0);
    }
}
