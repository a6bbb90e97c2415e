using CausalCart.Causal;
using CausalCart.Core.Results;
using CausalCart.Core.Serialization;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests;

public class EstimatorKnownTruthTests
{
    public static TheoryData<string> Adjusting => new() { "regression", "ipw", "aipw" };

    internal static IEffectEstimator Make(string name, EffectOptions? o = null) => name switch
    {
        "naive" => new NaiveEstimator(o),
        "regression" => new RegressionEstimator(o),
        "ipw" => new IpwEstimator(o),
        _ => new AipwEstimator(o),
    };

    [Theory]
    [MemberData(nameof(Adjusting))]
    public void Adjusting_estimators_recover_ate_and_att_where_naive_is_biased(string name)
    {
        (EffectData data, double ate, double att) = Worlds.Confounded(20_000, 1);
        EffectEstimate naive = new NaiveEstimator().Estimate(data).For(Estimand.Ate);
        Assert.True(Math.Abs(naive.Estimate - ate) > 10 * naive.StdError, $"naive {naive.Estimate} should be biased away from {ate}");

        EstimationResult r = Make(name).Estimate(data);
        EffectEstimate eAte = r.For(Estimand.Ate), eAtt = r.For(Estimand.Att);
        Assert.True(Math.Abs(eAte.Estimate - ate) < 4 * eAte.StdError, $"{name} ATE {eAte.Estimate} ± {eAte.StdError}, truth {ate}");
        Assert.True(Math.Abs(eAtt.Estimate - att) < 4 * eAtt.StdError, $"{name} ATT {eAtt.Estimate} ± {eAtt.StdError}, truth {att}");
        Assert.InRange(eAte.StdError, 0.005, 0.1);
        Assert.Equal(EffectMethod.Naive, naive.Method);
        Assert.Equal(20_000, eAte.N);
    }

    [Fact]
    public void Att_and_ate_differ_where_effects_are_heterogeneous_and_each_interval_covers_its_own_truth()
    {
        (EffectData data, double ate, double att) = Worlds.Confounded(20_000, 2, effectSlope: 2);
        Assert.True(att - ate > 0.4, $"ATT {att} vs ATE {ate}");
        EstimationResult r = new AipwEstimator().Estimate(data);
        Assert.True(r.For(Estimand.Ate).Covers(ate) || Math.Abs(r.For(Estimand.Ate).Estimate - ate) < 3 * r.For(Estimand.Ate).StdError);
        Assert.True(Math.Abs(r.For(Estimand.Att).Estimate - att) < 3.5 * r.For(Estimand.Att).StdError);
        Assert.False(r.For(Estimand.Ate).Covers(att));
        Assert.False(r.For(Estimand.Att).Covers(ate));
    }

    [Fact]
    public void Binary_outcomes_use_logistic_models_and_recover_the_risk_difference()
    {
        (EffectData data, double ate) = Worlds.BinaryConfounded(20_000, 3);
        foreach (string name in new[] { "regression", "aipw", "ipw" })
        {
            EffectEstimate e = Make(name, new EffectOptions { Estimands = [Estimand.Ate] }).Estimate(data).For(Estimand.Ate);
            Assert.True(Math.Abs(e.Estimate - ate) < 4 * e.StdError, $"{name}: {e.Estimate} ± {e.StdError} vs {ate}");
            if (name != "ipw")
            {
                Assert.Equal(1, e.Diagnostics["logisticOutcome"]);
            }
        }

        Association a = new NaiveEstimator().Estimate(data).Association;
        Assert.True(a.OutcomeIsBinary);
        Assert.Equal(a.MeanTreated / a.MeanControl, a.Lift!.Value, 12);
    }

    [Fact]
    public void Aipw_is_consistent_with_a_correct_propensity_and_a_wrong_outcome_model()
    {
        // Y depends on exp(x₁) (nonlinear); the linear outcome models are wrong, the logistic propensity in x₁ is right.
        var rng = new SeededRandom(4);
        const int n = 40_000;
        var x = new Matrix(n, 1);
        var y = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal();
            x[i, 0] = x1;
            t[i] = rng.NextDouble() < StableMath.Sigmoid(x1) ? 1 : 0;
            y[i] = Math.Exp(x1) + (2 * t[i]) + (t[i] * (x1 * x1)) + rng.NextNormal(); // ATE = 2 + E[x₁²] = 3
        }

        var data = new EffectData(y, t, x);
        var o = new EffectOptions { Estimands = [Estimand.Ate], OutcomeModel = OutcomeModelKind.Linear };
        EffectEstimate aipw = new AipwEstimator(o).Estimate(data).For(Estimand.Ate);
        EffectEstimate reg = new RegressionEstimator(o).Estimate(data).For(Estimand.Ate);
        Assert.True(Math.Abs(aipw.Estimate - 3) < 4 * aipw.StdError, $"AIPW {aipw.Estimate} ± {aipw.StdError}");
        Assert.True(Math.Abs(reg.Estimate - 3) > 4 * reg.StdError, $"the misspecified regression should be biased: {reg.Estimate} ± {reg.StdError}");
    }

    [Fact]
    public void Aipw_is_consistent_with_a_correct_outcome_model_and_a_wrong_propensity()
    {
        // Treatment depends on x₁² (the linear-logit propensity is wrong), the outcome is linear in x₁ and x₁² per arm.
        var rng = new SeededRandom(5);
        const int n = 40_000;
        var x = new Matrix(n, 2);
        var y = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal();
            x[i, 0] = x1;
            x[i, 1] = x1 * x1;
            t[i] = rng.NextDouble() < StableMath.Sigmoid(-1 + (1.2 * x1 * x1 * x1)) ? 1 : 0;
            y[i] = x1 + (2 * x1 * x1) + (t[i] * (1 + x1)) + rng.NextNormal(); // ATE = 1
        }

        // The propensity model sees only x₁ and x₁² linearly, but assignment depends on x₁³: misspecified.
        var data = new EffectData(y, t, x);
        var o = new EffectOptions { Estimands = [Estimand.Ate], PropensityClip = 0.001 };
        EffectEstimate aipw = new AipwEstimator(o).Estimate(data).For(Estimand.Ate);
        EffectEstimate ipw = new IpwEstimator(o).Estimate(data).For(Estimand.Ate);
        Assert.True(Math.Abs(aipw.Estimate - 1) < 4 * aipw.StdError, $"AIPW {aipw.Estimate} ± {aipw.StdError}");
        Assert.True(Math.Abs(ipw.Estimate - 1) > Math.Abs(aipw.Estimate - 1), $"IPW {ipw.Estimate} should be further off than AIPW {aipw.Estimate}");
    }

    [Fact]
    public void Aipw_95_percent_intervals_cover_the_truth_in_100_replications()
    {
        int covered = 0;
        var o = new EffectOptions { Estimands = [Estimand.Ate] };
        for (int rep = 0; rep < 100; rep++)
        {
            (EffectData data, double ate, _) = Worlds.Confounded(2000, 1000 + rep);
            if (new AipwEstimator(o with { Seed = rep }).Estimate(data).For(Estimand.Ate).Covers(ate))
            {
                covered++;
            }
        }

        Assert.InRange(covered / 100.0, 0.88, 0.99);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Every_adjusting_estimator_covers_at_nominal_rate_in_500_replications()
    {
        foreach (string name in new[] { "regression", "ipw", "aipw" })
        {
            int ate = 0, att = 0;
            for (int rep = 0; rep < 500; rep++)
            {
                (EffectData data, double trueAte, double trueAtt) = Worlds.Confounded(5000, 5000 + rep);
                EstimationResult r = Make(name, new EffectOptions { Seed = rep }).Estimate(data);
                ate += r.For(Estimand.Ate).Covers(trueAte) ? 1 : 0;
                att += r.For(Estimand.Att).Covers(trueAtt) ? 1 : 0;
            }

            Assert.InRange(ate / 500.0, 0.92, 0.98);
            Assert.InRange(att / 500.0, 0.91, 0.985);
        }
    }

    [Fact]
    public void Estimates_are_deterministic_and_serialise_with_the_house_json()
    {
        (EffectData data, _, _) = Worlds.Confounded(3000, 6);
        EstimationResult a = new AipwEstimator(new EffectOptions { Seed = 3 }).Estimate(data);
        EstimationResult b = new AipwEstimator(new EffectOptions { Seed = 3 }).Estimate(data);
        Assert.Equal(a.Estimates.Select(e => e.Estimate), b.Estimates.Select(e => e.Estimate));
        Assert.Equal(a.Estimates.Select(e => e.StdError), b.Estimates.Select(e => e.StdError));
        string json = CausalCartJson.Serialize(a.Estimates[0]);
        Assert.Contains("\"method\": \"aipw\"", json);
        Assert.Equal(a.Estimates[0].Estimate, CausalCartJson.Deserialize<EffectEstimate>(json).Estimate);
    }

    [Fact]
    public void Grouped_cross_fitting_and_sample_weights_are_accepted()
    {
        (EffectData d, double ate, _) = Worlds.Confounded(6000, 7);
        int[] groups = Enumerable.Range(0, d.Count).Select(i => i / 4).ToArray();
        double[] w = Enumerable.Range(0, d.Count).Select(i => 1.0 + (i % 3)).ToArray();
        var data = new EffectData(d.Outcome, d.Treatment, d.Covariates, d.CovariateNames, groups, w);
        foreach (string name in new[] { "naive", "regression", "ipw", "aipw" })
        {
            EffectEstimate e = Make(name).Estimate(data).For(Estimand.Ate);
            Assert.True(double.IsFinite(e.StdError) && e.StdError > 0);
            if (name != "naive")
            {
                Assert.True(Math.Abs(e.Estimate - ate) < 4 * e.StdError, $"{name}: {e.Estimate} ± {e.StdError}");
            }
        }
    }

    [Fact]
    public void A_constant_outcome_gives_a_zero_standard_error_not_nan()
    {
        (EffectData d, _, _) = Worlds.Confounded(1000, 8);
        var data = new EffectData(Enumerable.Repeat(3.0, 1000).ToArray(), d.Treatment, d.Covariates);
        foreach (string name in new[] { "naive", "regression", "ipw", "aipw" })
        {
            EffectEstimate e = Make(name, new EffectOptions { OutcomeModel = OutcomeModelKind.Linear }).Estimate(data).For(Estimand.Ate);
            Assert.Equal(0, e.Estimate, 9);
            Assert.False(double.IsNaN(e.StdError));
        }
    }

    [Fact]
    public void Invalid_data_and_options_are_rejected_with_clear_messages()
    {
        var x = new Matrix(4, 1, [1, 2, 3, 4]);
        Assert.Contains("row 2", Assert.Throws<ArgumentException>(() => new EffectData([1, 2, 3, 4], [0, 1, 2, 1], x)).Message);
        Assert.Throws<ArgumentException>(() => new EffectData([1, 2, double.NaN, 4], [0, 1, 0, 1], x));
        Assert.Throws<ArgumentException>(() => new EffectData([1, 2, 3], [0, 1, 0], x));
        Assert.Throws<ArgumentException>(() => new EffectData([1, 2, 3, 4], [0, 1, 1, 1], x));
        Assert.Throws<ArgumentException>(() => new EffectData([], [], new Matrix(0, 1)));
        var ok = new EffectData([1, 2, 3, 4], [0, 1, 0, 1], x);
        Assert.Throws<ArgumentException>(() => new NaiveEstimator(new EffectOptions { ConfidenceLevel = 1.5 }).Estimate(ok));
        Assert.Throws<ArgumentException>(() => new AipwEstimator(new EffectOptions { Folds = 1 }).Estimate(ok));
        Assert.Throws<ArgumentException>(() => new RegressionEstimator(new EffectOptions { OutcomeModel = OutcomeModelKind.Logistic }).Estimate(ok));
    }
}
