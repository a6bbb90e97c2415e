using CausalCart.Causal.Dml;
using CausalCart.Causal.Iv;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Iv;

/// <summary>DR-LATE (IV-IRM) against known truths and bad input.</summary>
public class DrLateTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Recovers_the_late_and_the_complier_share(bool oneSided)
    {
        double truth = NonComplianceWorld.TrueLate(oneSided);
        double share = NonComplianceWorld.TrueComplierShare(oneSided);
        var s = NonComplianceWorld.Draw(20_000, 12, oneSided);
        var r = new DrLate(new EffectOptions { Seed = 4 }).Estimate(s.Data);
        Assert.True(r.Late.Covers(truth), $"LATE {r.Late.Estimate} [{r.Late.CiLower}, {r.Late.CiUpper}], truth {truth}");
        Assert.True(r.ComplierShare.Covers(share), $"share {r.ComplierShare.Estimate} [{r.ComplierShare.CiLower}, {r.ComplierShare.CiUpper}], truth {share}");
        Assert.InRange(r.Late.StdError, 0.01, 0.1);
        Assert.Equal(oneSided, r.NoAlwaysTakers);
        Assert.False(r.NoNeverTakers);
        Assert.False(r.IsWeak);
        // LATE = ITT / complier share, split by split; with one split exactly.
        Assert.Equal(r.IntentToTreat.Estimate / r.ComplierShare.Estimate, r.Late.Estimate, 1e-12);
    }

    [Fact]
    public void Boosted_nuisances_recover_the_late_when_the_instrument_depends_on_the_covariates()
    {
        double truth = NonComplianceWorld.TrueLate(oneSided: false);
        var s = NonComplianceWorld.Draw(6000, 18, oneSided: false, instrumentDependsOnX: true);
        var r = new DrLate(new EffectOptions { Seed = 5 }, new DmlOptions { Learners = FlexibleNuisances.GradientBoosting(5) }).Estimate(s.Data);
        var wald = WaldLate.Estimate(s.Y, s.D, s.Z);
        Assert.True(r.Late.Covers(truth), $"LATE {r.Late.Estimate} [{r.Late.CiLower}, {r.Late.CiUpper}], truth {truth}");
        Assert.False(wald.CiLower <= truth && truth <= wald.CiUpper, $"Wald {wald.Estimate} should be biased here");
    }

    [Fact]
    public void Agrees_with_the_wald_estimator_when_the_covariates_are_pure_noise()
    {
        var s = NonComplianceWorld.Draw(5000, 13, oneSided: false);
        var rng = new SeededRandom(1UL);
        var noise = new Matrix(5000, 2);
        rng.FillNormal(noise.Data);
        var dr = new DrLate(new EffectOptions { Seed = 1 }).Estimate(new IvData(s.Y, s.D, s.Z, noise));
        var wald = WaldLate.Estimate(s.Y, s.D, s.Z);
        Assert.InRange(Math.Abs(dr.Late.Estimate - wald.Estimate), 0, 0.1 * wald.StdError);
        Assert.InRange(dr.Late.StdError / wald.StdError, 0.97, 1.03);
        Assert.InRange(Math.Abs(dr.ComplierShare.Estimate - wald.ComplierShare), 0, 0.1 * wald.ComplierShareStdError);
    }

    [Fact]
    public void Full_take_up_under_encouragement_sets_the_treated_arm_nuisance_to_one()
    {
        var s = NonComplianceWorld.Draw(3000, 14, oneSided: true);
        double[] d = s.D.Select((v, i) => s.Z[i] == 1 ? 1.0 : v).ToArray(); // no never-takers, no always-takers: D = Z
        var r = new DrLate(new EffectOptions { Seed = 1 }).Estimate(new IvData(s.Y, d, s.Z, s.X));
        Assert.True(r.NoNeverTakers);
        Assert.True(r.NoAlwaysTakers);
        Assert.Equal(1.0, r.ComplierShare.Estimate, 1e-12);
        Assert.Equal(r.IntentToTreat.Estimate, r.Late.Estimate, 1e-12);
    }

    [Fact]
    public void A_single_always_taker_does_not_break_the_treatment_models()
    {
        var s = NonComplianceWorld.Draw(2000, 19, oneSided: true);
        double[] d = (double[])s.D.Clone();
        int[] zeroArm = Enumerable.Range(0, 2000).Where(i => s.Z[i] == 0).Take(1).ToArray();
        foreach (int i in zeroArm)
        {
            d[i] = 1; // one always-taker: the training set of its fold has none
        }

        var r = new DrLate(new EffectOptions { Seed = 1 }).Estimate(new IvData(s.Y, d, s.Z, s.X));
        Assert.False(r.NoAlwaysTakers);
        Assert.True(r.Late.Covers(NonComplianceWorld.TrueLate(oneSided: true)), $"LATE {r.Late.Estimate} [{r.Late.CiLower}, {r.Late.CiUpper}]");
    }

    [Fact]
    public void Repeated_splits_are_deterministic_and_the_median_lies_within_the_splits()
    {
        var s = NonComplianceWorld.Draw(1500, 15, oneSided: false);
        var est = new DrLate(new EffectOptions { Seed = 2 }, new DmlOptions { Repetitions = 3 });
        var a = est.Estimate(s.Data);
        Assert.Equal(a, est.Estimate(s.Data) with { Warnings = a.Warnings });
        Assert.InRange(a.Late.Estimate, a.SplitMin, a.SplitMax);
    }

    [Fact]
    public void A_useless_instrument_is_flagged_weak()
    {
        var s = NonComplianceWorld.Draw(2000, 16, oneSided: false);
        var rng = new SeededRandom(3UL);
        double[] noise = Enumerable.Range(0, 2000).Select(_ => rng.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray();
        var r = new DrLate().Estimate(new IvData(s.Y, s.D, noise, s.X));
        Assert.True(r.IsWeak);
        Assert.Contains(r.Warnings, w => w.Contains("Weak instrument", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_a_non_binary_instrument_or_treatment_naming_the_row()
    {
        var s = NonComplianceWorld.Draw(200, 17, oneSided: false);
        double[] z = (double[])s.Z.Clone();
        z[5] = 0.5;
        var ez = Assert.Throws<ArgumentException>(() => new DrLate().Estimate(new IvData(s.Y, s.D, z, s.X)));
        Assert.Contains("Instrument must be 0 or 1", ez.Message);
        Assert.Contains("row 5", ez.Message);
        Assert.Contains("PartiallyLinearIv", ez.Message);
        double[] d = (double[])s.D.Clone();
        d[9] = 2;
        var ed = Assert.Throws<ArgumentException>(() => new DrLate().Estimate(new IvData(s.Y, d, s.Z, s.X)));
        Assert.Contains("row 9", ed.Message);
        Assert.Throws<ArgumentException>(() => new DrLate(new EffectOptions { PropensityClip = 0.6 }).Estimate(s.Data));
    }
}
