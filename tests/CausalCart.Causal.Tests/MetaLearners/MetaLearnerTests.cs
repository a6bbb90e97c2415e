using CausalCart.Causal.Dml;
using CausalCart.Causal.MetaLearners;
using CausalCart.Causal.Tests.Dml;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests.MetaLearners;

public class MetaLearnerTests
{
    private static double CateRmse(MetaLearnerResult r, EffectData data) =>
        Math.Sqrt(Enumerable.Range(0, data.Count).Average(i => Math.Pow(r.Cate[i] - (2 + data.Covariates[i, 0]), 2)));

    [Theory]
    [InlineData(MetaLearnerKind.T, EffectMethod.TLearner)]
    [InlineData(MetaLearnerKind.X, EffectMethod.XLearner)]
    [InlineData(MetaLearnerKind.R, EffectMethod.RLearner)]
    public void Learners_with_linear_bases_recover_a_linear_cate(MetaLearnerKind kind, EffectMethod method)
    {
        (EffectData data, double ate, _) = Worlds.Confounded(4000, seed: 51);
        MetaLearnerResult r = new MetaLearner(kind, new MetaLearnerOptions { Seed = 1 }).Fit(data);
        Assert.Equal(method, r.Method);
        Assert.True(Math.Abs(r.Ate - ate) < 0.15, $"{kind} ATE {r.Ate}");
        Assert.True(CateRmse(r, data) < 0.2, $"{kind} CATE RMSE {CateRmse(r, data)}");
        Assert.Null(r.AteInference);
    }

    [Fact]
    public void S_learner_recovers_a_constant_effect()
    {
        (EffectData data, double ate, _) = Worlds.Confounded(3000, seed: 52, effectSlope: 0);
        MetaLearnerResult r = new MetaLearner(MetaLearnerKind.S).Fit(data);
        Assert.True(Math.Abs(r.Ate - ate) < 0.12, $"S ATE {r.Ate}");
        Assert.All(r.Cate, c => Assert.Equal(r.Ate, c, 1e-9)); // a linear S-learner has one effect for all
    }

    [Fact]
    public void Bootstrap_interval_is_deterministic_and_covers_the_truth()
    {
        (EffectData data, double ate, _) = Worlds.Confounded(1500, seed: 53);
        var learner = new MetaLearner(MetaLearnerKind.T, new MetaLearnerOptions { BootstrapReplicates = 40, Seed = 3 });
        EffectEstimate a = learner.Fit(data).AteInference!;
        EffectEstimate b = learner.Fit(data).AteInference!;
        Assert.Equal(a.StdError, b.StdError);
        Assert.True(a.Covers(ate), $"{a.Estimate} ± {a.StdError}");
        Assert.InRange(a.StdError, 0.02, 0.15);
    }

    [Fact]
    public void R_learner_bootstrap_fits_the_nuisances_once_and_resamples_the_final_stage()
    {
        (EffectData data, double ate, _) = Worlds.Confounded(2000, seed: 55);
        int outcomeFits = 0, propensityFits = 0, effectFits = 0;
        var learners = new NuisanceLearners
        {
            Outcome = () => { outcomeFits++; return NuisanceLearners.Linear.Outcome(); },
            Propensity = () => { propensityFits++; return NuisanceLearners.Linear.Propensity(); },
            Effect = () => { effectFits++; return NuisanceLearners.Linear.Effect(); },
        };
        var options = new MetaLearnerOptions { Learners = learners, BootstrapReplicates = 30, Seed = 4, Folds = 5 };
        MetaLearnerResult fit = new MetaLearner(MetaLearnerKind.R, options).Fit(data);
        Assert.Equal(5, outcomeFits); // one per fold, not per replicate
        Assert.Equal(5, propensityFits);
        Assert.Equal(31, effectFits); // the estimate and 30 replicates
        EffectEstimate r = fit.AteInference!;
        Assert.Equal(0, r.Diagnostics["bootstrapRefitsNuisances"]);
        Assert.True(r.Covers(ate), $"{r.Estimate} ± {r.StdError}");

        // With linear bases the R-learner is LinearDML's final stage, whose influence-function SE (which includes the
        // spread of θ(X_i)) is the reference: the bootstrap of the final stage agrees within its Monte-Carlo error.
        var linear = new LinearDml(new EffectOptions { Seed = 4, Folds = 5 }).Fit(data).Ate;
        Assert.Equal(linear.Estimate, r.Estimate, 1e-9);
        Assert.InRange(r.StdError / linear.StdError, 0.75, 1.25);
    }

    [Fact]
    public void S_t_and_x_bootstraps_refit_every_model()
    {
        (EffectData data, _, _) = Worlds.Confounded(800, seed: 56);
        int outcomeFits = 0;
        var learners = new NuisanceLearners { Outcome = () => { outcomeFits++; return NuisanceLearners.Linear.Outcome(); } };
        EffectEstimate t = new MetaLearner(MetaLearnerKind.T, new MetaLearnerOptions { Learners = learners, BootstrapReplicates = 20, Seed = 1 })
            .Fit(data).AteInference!;
        Assert.Equal(2 * 21, outcomeFits); // two arm models for the estimate and for each replicate
        Assert.Equal(1, t.Diagnostics["bootstrapRefitsNuisances"]);
    }

    [Fact]
    public void Quadratic_bases_plug_into_the_x_learner()
    {
        EffectData data = DmlWorlds.Quadratic(4000, seed: 54);
        var options = new MetaLearnerOptions
        {
            Learners = new NuisanceLearners { Outcome = () => new QuadraticRegressor(), Propensity = () => new QuadraticClassifier() },
        };
        MetaLearnerResult flexible = new MetaLearner(MetaLearnerKind.X, options).Fit(data);
        MetaLearnerResult linear = new MetaLearner(MetaLearnerKind.X).Fit(data);
        Assert.True(Math.Abs(flexible.Ate - 2) < 0.15, $"quadratic X ATE {flexible.Ate}");
        Assert.True(CateRmse(flexible, data) < CateRmse(linear, data));
    }

    [Fact]
    public void Invalid_options_name_the_option()
    {
        (EffectData data, _, _) = Worlds.Confounded(200, seed: 1);
        Assert.Contains("BootstrapReplicates", Assert.Throws<ArgumentException>(() => new MetaLearner(MetaLearnerKind.S, new MetaLearnerOptions { BootstrapReplicates = 5 }).Fit(data)).Message);
        Assert.Contains("PropensityClip", Assert.Throws<ArgumentException>(() => new MetaLearner(MetaLearnerKind.R, new MetaLearnerOptions { PropensityClip = 0 }).Fit(data)).Message);
    }
}
