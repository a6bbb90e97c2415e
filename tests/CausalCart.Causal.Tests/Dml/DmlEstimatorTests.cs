using CausalCart.Causal.Dml;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Dml;

public class DmlEstimatorTests
{
    private static readonly EffectOptions AteOnly = new() { Estimands = [Estimand.Ate], Seed = 3 };

    [Fact]
    public void Plr_recovers_a_constant_effect_and_its_interval_covers()
    {
        (EffectData data, double ate, _) = Worlds.Confounded(3000, seed: 11, effectSlope: 0);
        EffectEstimate e = new DmlPlrEstimator(AteOnly).Estimate(data).For(Estimand.Ate);
        Assert.Equal(EffectMethod.DmlPlr, e.Method);
        Assert.True(Math.Abs(e.Estimate - ate) < 0.15, $"PLR {e.Estimate} vs {ate}");
        Assert.True(e.Covers(ate), $"PLR [{e.CiLower}, {e.CiUpper}] misses {ate}");
        Assert.InRange(e.StdError, 0.01, 0.1);
    }

    [Fact]
    public void Plr_refuses_the_att_and_names_the_alternative()
    {
        (EffectData data, _, _) = Worlds.Confounded(200, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => new DmlPlrEstimator(new EffectOptions()).Estimate(data));
        Assert.Contains("DmlIrmEstimator", ex.Message);
    }

    [Fact]
    public void Irm_recovers_ate_and_att_with_covering_intervals()
    {
        (EffectData data, double ate, double att) = Worlds.Confounded(4000, seed: 5);
        EstimationResult r = new DmlIrmEstimator(new EffectOptions { Seed = 2 }, new DmlOptions { Repetitions = 3 }).Estimate(data);
        EffectEstimate a = r.For(Estimand.Ate), t = r.For(Estimand.Att);
        Assert.True(Math.Abs(a.Estimate - ate) < 0.15, $"IRM ATE {a.Estimate}");
        Assert.True(a.Covers(ate));
        Assert.True(Math.Abs(t.Estimate - att) < 0.2, $"IRM ATT {t.Estimate} vs {att}");
        Assert.True(t.Covers(att));
        Assert.Equal(3, a.Diagnostics["repetitions"]);
        Assert.NotNull(r.Overlap);
    }

    [Fact]
    public void Irm_with_one_split_and_default_learners_matches_the_aipw_estimator()
    {
        (EffectData data, _, _) = Worlds.Confounded(1500, seed: 8);
        var options = new EffectOptions { Seed = 4 };
        EstimationResult aipw = new AipwEstimator(options).Estimate(data);
        EstimationResult irm = new DmlIrmEstimator(options).Estimate(data);
        foreach (Estimand estimand in new[] { Estimand.Ate, Estimand.Att })
        {
            Assert.Equal(aipw.For(estimand).Estimate, irm.For(estimand).Estimate, 1e-6);
            Assert.Equal(aipw.For(estimand).StdError, irm.For(estimand).StdError, 1e-6);
        }
    }

    [Fact]
    public void Repeated_splits_are_deterministic_and_the_median_lies_within_the_split_range()
    {
        (EffectData data, _, _) = Worlds.Confounded(800, seed: 21);
        var dml = new DmlOptions { Repetitions = 4 };
        EffectEstimate a = new DmlIrmEstimator(AteOnly, dml).Estimate(data).For(Estimand.Ate);
        EffectEstimate b = new DmlIrmEstimator(AteOnly, dml).Estimate(data).For(Estimand.Ate);
        Assert.Equal(a.Estimate, b.Estimate);
        Assert.Equal(a.StdError, b.StdError);
        Assert.InRange(a.Estimate, a.Diagnostics["splitMin"], a.Diagnostics["splitMax"]);
        Assert.True(a.Diagnostics["splitMax"] > a.Diagnostics["splitMin"], "different splits should give different estimates");
        EffectEstimate one = new DmlIrmEstimator(AteOnly).Estimate(data).For(Estimand.Ate);
        Assert.True(a.StdError >= one.StdError * 0.8, "the split-adjusted variance is not much smaller than one split's");
    }

    [Fact]
    public void Pluggable_quadratic_learners_remove_the_bias_a_linear_nuisance_leaves()
    {
        EffectData data = DmlWorlds.Quadratic(4000, seed: 2);
        var quadratic = new DmlOptions { Learners = new NuisanceLearners { Outcome = () => new QuadraticRegressor(), Propensity = () => new QuadraticClassifier() } };
        EffectEstimate linear = new DmlIrmEstimator(AteOnly).Estimate(data).For(Estimand.Ate);
        EffectEstimate flexible = new DmlIrmEstimator(AteOnly, quadratic).Estimate(data).For(Estimand.Ate);
        Assert.True(Math.Abs(flexible.Estimate - 2) < 0.15, $"quadratic IRM {flexible.Estimate}");
        Assert.True(flexible.Covers(2));
        Assert.True(Math.Abs(linear.Estimate - 2) > Math.Abs(flexible.Estimate - 2), $"linear {linear.Estimate} flexible {flexible.Estimate}");
    }

    [Fact]
    public void Grouped_data_get_grouped_folds_and_cluster_robust_errors()
    {
        (EffectData flat, _, _) = Worlds.Confounded(1200, seed: 9);
        int[] groups = Enumerable.Range(0, flat.Count).Select(i => i / 4).ToArray();
        var data = new EffectData(flat.Outcome, flat.Treatment, flat.Covariates, flat.CovariateNames, groups);
        EffectEstimate e = new DmlIrmEstimator(AteOnly).Estimate(data).For(Estimand.Ate);
        Assert.Equal(300, e.Diagnostics["clusters"]);
        Assert.True(e.Covers(2));
    }

    [Fact]
    public void Too_few_units_per_fold_is_a_clear_error()
    {
        var x = new Matrix(12, 1);
        var y = new double[12];
        double[] t = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        for (int i = 0; i < 12; i++)
        {
            x[i, 0] = i;
            y[i] = i % 3;
        }

        var data = new EffectData(y, t, x);
        var ex = Assert.Throws<ArgumentException>(() => new DmlIrmEstimator(new EffectOptions { Folds = 5 }).Estimate(data));
        Assert.Contains("fewer than MinUnitsPerFold", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => new DmlIrmEstimator(new EffectOptions { Folds = 5 }, new DmlOptions { MinUnitsPerFold = 3 }).Estimate(data));
        Assert.Contains("too few for 5 cross-fitting folds", ex2.Message);
    }

    [Fact]
    public void Invalid_options_name_the_option()
    {
        (EffectData data, _, _) = Worlds.Confounded(100, seed: 1);
        Assert.Contains("Repetitions", Assert.Throws<ArgumentException>(() => new DmlIrmEstimator(null, new DmlOptions { Repetitions = 0 }).Estimate(data)).Message);
        Assert.Contains("x9", Assert.Throws<ArgumentException>(() => new LinearDml(null, new DmlOptions { EffectModifiers = ["x9"] }).Fit(data)).Message);
        Assert.Contains("factories", Assert.Throws<ArgumentException>(() => new DrLearner(null, new DmlOptions { Learners = new NuisanceLearners { Outcome = null! } }).Fit(data)).Message);
    }

    [Fact]
    public void Options_are_untouched_by_estimation()
    {
        (EffectData data, _, _) = Worlds.Confounded(300, seed: 1);
        var options = new EffectOptions { Seed = 7 };
        var dml = new DmlOptions { Repetitions = 2 };
        var before = (options with { }, dml with { });
        _ = new DmlIrmEstimator(options, dml).Estimate(data);
        Assert.Equal(before.Item1, options);
        Assert.Equal(before.Item2, dml);
    }
}
