using CausalCart.Causal.Matching;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Matching;

public class SubclassificationTests
{
    [Fact]
    public void Quantile_cuts_split_the_sorted_scores_into_equal_blocks()
    {
        // Score-ordered units; two strata of four: low {0..3}, high {4..7}.
        double[] score = [0.1, 0.15, 0.2, 0.25, 0.6, 0.65, 0.7, 0.75];
        double[] t = [1, 0, 1, 0, 1, 1, 0, 0];
        int[] s = SubclassificationEstimator.Stratify(score, t, new SubclassificationOptions { Strata = 2 }, out int count, out int merged);
        Assert.Equal(2, count);
        Assert.Equal(0, merged);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], s);
    }

    [Fact]
    public void Strata_lacking_an_arm_are_merged_with_a_neighbour()
    {
        // Quantile blocks of two: {0,1} has no control, so it merges upward into {0..3} (two of each); {4,5} has one
        // of each and merges with its smaller neighbour {6,7} rather than the larger {0..3}.
        double[] score = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
        double[] t = [1, 1, 0, 0, 1, 0, 1, 0];
        int[] s = SubclassificationEstimator.Stratify(score, t, new SubclassificationOptions { Strata = 4, MinPerArm = 2 }, out int count, out int merged);
        Assert.Equal(2, count);
        Assert.Equal(2, merged);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], s);
    }

    [Fact]
    public void Tied_scores_are_never_split()
    {
        double[] score = [0.2, 0.2, 0.2, 0.2, 0.2, 0.7, 0.7, 0.7, 0.7, 0.7];
        double[] t = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
        int[] s = SubclassificationEstimator.Stratify(score, t, new SubclassificationOptions { Strata = 5 }, out int count, out _);
        Assert.Equal(2, count);
        Assert.All(s.Take(5), v => Assert.Equal(0, v));
        Assert.All(s.Skip(5), v => Assert.Equal(1, v));
    }

    [Fact]
    public void Binary_covariate_strata_reproduce_the_hand_computed_ate_att_and_se()
    {
        // x ∈ {0, 1} with different treatment shares: the propensity has two values, so the strata are the x cells.
        double[] x = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
        double[] t = [1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0];
        double[] y = [3, 5, 1, 2, 1, 2, 10, 12, 11, 9, 10, 8, 6, 4];
        var data = new EffectData(y, t, new Matrix(x.Length, 1, (double[])x.Clone()), ["x"]);
        var est = new SubclassificationEstimator(new EffectOptions { Estimands = [Estimand.Ate, Estimand.Att] }, new SubclassificationOptions { Strata = 5 });
        SubclassificationResult r = est.Subclassify(data);
        Assert.Equal(2, r.Strata.Count);

        // Cell x=0: ȳ1 = 4, ȳ0 = 1.5 → 2.5; s1² = 2, s0² = 1/3. Cell x=1: ȳ1 = 10, ȳ0 = 5 → 5; s1² = 2, s0² = 2.
        double v0 = (2.0 / 2) + (1.0 / 3 / 4), v1 = (2.0 / 6) + (2.0 / 2);
        double ate = (6.0 / 14 * 2.5) + (8.0 / 14 * 5);
        double att = (2.0 / 8 * 2.5) + (6.0 / 8 * 5);
        EffectEstimate a = r.Estimation.For(Estimand.Ate);
        EffectEstimate b = r.Estimation.For(Estimand.Att);
        Assert.Equal(ate, a.Estimate, 10);
        Assert.Equal(att, b.Estimate, 10);
        Assert.Equal(Math.Sqrt((Math.Pow(6.0 / 14, 2) * v0) + (Math.Pow(8.0 / 14, 2) * v1)), a.StdError, 10);
        Assert.Equal(Math.Sqrt((Math.Pow(2.0 / 8, 2) * v0) + (Math.Pow(6.0 / 8, 2) * v1)), b.StdError, 10);
        Assert.Equal(EffectMethod.Subclassification, a.Method);

        // Within each x cell the covariate is constant, so the stratified balance is exact.
        Assert.All(r.Strata, s => Assert.Equal(0, s.MaxAbsStandardizedDifference, 12));
        Assert.All(r.Balance, bt => Assert.Equal(0, bt.MaxAbsSmdAfter, 10));
        Assert.True(r.Balance[0].MaxAbsSmdBefore > 0.5);
    }

    [Fact]
    public void Ten_strata_recover_the_ate_and_att_of_a_confounded_world_and_improve_balance()
    {
        (EffectData data, double ate, double att) = Worlds.Confounded(4000, 21);
        var est = new SubclassificationEstimator(null, new SubclassificationOptions { Strata = 10 });
        SubclassificationResult r = est.Subclassify(data);
        EffectEstimate a = r.Estimation.For(Estimand.Ate);
        EffectEstimate b = r.Estimation.For(Estimand.Att);

        // Residual within-stratum confounding is small beside the naive bias; allow it on top of the interval.
        double naive = r.Estimation.Association.Difference;
        Assert.True(Math.Abs(naive - ate) > 0.5, $"the world should be confounded (naive {naive})");
        Assert.True(Math.Abs(a.Estimate - ate) < (2.5 * a.StdError) + 0.1, $"ATE {a.Estimate} ± {a.StdError}, truth {ate}");
        Assert.True(Math.Abs(b.Estimate - att) < (2.5 * b.StdError) + 0.1, $"ATT {b.Estimate} ± {b.StdError}, truth {att}");
        Assert.True(r.Balance[0].MaxAbsSmdAfter < 0.1, r.Balance[0].Message);
        Assert.True(r.Balance[0].MaxAbsSmdBefore > 0.3);
        Assert.Equal(10, r.Strata.Count);
    }

    [Fact]
    public void The_default_number_of_strata_grows_like_the_square_root_of_n()
    {
        Assert.Equal([5, 5, 8, 20, 126], new[] { 10, 156, 400, 2500, 100_000 }.Select(SubclassificationOptions.AutomaticStrata));
        Assert.Equal(7, new SubclassificationOptions { Strata = 7 }.StrataFor(100_000));

        // On a confounded world of 2,500 units the default cuts 20 strata, and the residual bias is smaller than with 5.
        (EffectData data, double ate, _) = Worlds.Confounded(2500, 8);
        var automatic = new SubclassificationEstimator().Subclassify(data);
        Assert.Equal(20, automatic.Strata.Count);
        var five = new SubclassificationEstimator(null, new SubclassificationOptions { Strata = 5 }).Estimate(data).For(Estimand.Ate);
        Assert.True(Math.Abs(automatic.Estimation.For(Estimand.Ate).Estimate - ate) < Math.Abs(five.Estimate - ate),
            $"20 strata {automatic.Estimation.For(Estimand.Ate).Estimate:F4} vs 5 strata {five.Estimate:F4}, truth {ate:F4}");
    }

    [Fact]
    public void Five_strata_are_deterministic_and_need_no_seed()
    {
        (EffectData data, _, _) = Worlds.Confounded(600, 3);
        var a = new SubclassificationEstimator().Estimate(data).For(Estimand.Ate);
        var b = new SubclassificationEstimator(new EffectOptions { Seed = 99 }).Estimate(data).For(Estimand.Ate);
        Assert.Equal(a.Estimate, b.Estimate);
        Assert.Equal(a.StdError, b.StdError);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_message_naming_the_problem()
    {
        Assert.Contains("Strata", Assert.Throws<ArgumentException>(() => new SubclassificationOptions { Strata = 0 }.Validate()).Message);
        Assert.Contains("MinPerArm", Assert.Throws<ArgumentException>(() => new SubclassificationOptions { MinPerArm = 1 }.Validate()).Message);

        double[] x = [0, 1, 2, 3, 4, 5];
        double[] t = [1, 1, 0, 0, 0, 0];
        double[] y = [1, 2, 3, 4, 5, 6];
        var few = new EffectData(y, t, new Matrix(6, 1, (double[])x.Clone()), ["x"]);
        var needThree = new SubclassificationEstimator(null, new SubclassificationOptions { MinPerArm = 3 });
        Assert.Contains("overlap", Assert.Throws<ArgumentException>(() => needThree.Estimate(few)).Message);

        var weighted = new EffectData(y, [1, 1, 1, 0, 0, 0], new Matrix(6, 1, (double[])x.Clone()), ["x"], weights: [1, 2, 1, 1, 1, 1]);
        Assert.Contains("sample weights", Assert.Throws<ArgumentException>(() => new SubclassificationEstimator().Estimate(weighted)).Message);
    }
}
