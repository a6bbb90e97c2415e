using CausalCart.Causal.Sensitivity;

namespace CausalCart.Causal.Tests.Sensitivity;

public sealed class EValueTests
{
    [Fact]
    public void VanderWeele_Ding_breastfeeding_example()
    {
        // RR = 3.9 (95% CI 1.8–8.7): E-values 7.26 and 3.0 (VanderWeele & Ding 2017, §"Example").
        var e = EValue.ForRiskRatio(3.9, 1.8, 8.7);
        Assert.Equal(7.26, e.Point, 2);
        Assert.Equal(3.0, e.Limit!.Value, 2);
        Assert.Contains("7.26 times", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Protective_ratio_is_inverted_and_interval_through_one_gives_one()
    {
        var e = EValue.ForRiskRatio(0.8, 0.6, 1.1);
        Assert.Equal(1.25 + Math.Sqrt(1.25 * 0.25), e.Point, 12);
        Assert.Equal(1.0, e.Limit);
        Assert.Contains("already includes no effect", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Common_outcome_odds_ratio_uses_the_square_root()
    {
        Assert.Equal(EValue.OfRatio(2.0), EValue.ForOddsRatio(4.0, rareOutcome: false).Point, 12);
        Assert.Equal(EValue.OfRatio(4.0), EValue.ForOddsRatio(4.0, rareOutcome: true).Point, 12);
    }

    [Fact]
    public void Standardised_difference_uses_exp_091_d()
    {
        var e = EValue.ForDifference(difference: 5, standardError: 1, outcomeSd: 10);
        Assert.Equal(EValue.OfRatio(Math.Exp(0.91 * 0.5)), e.Point, 12);
        Assert.Equal(EValue.OfRatio(Math.Exp((0.91 * 0.5) - (1.78 * 0.1))), e.Limit!.Value, 12);
    }

    [Fact]
    public void Hazard_ratio_common_outcome_and_bad_input()
    {
        double hr = 2;
        double rr = (1 - Math.Pow(0.5, Math.Sqrt(hr))) / (1 - Math.Pow(0.5, Math.Sqrt(1 / hr)));
        Assert.Equal(EValue.OfRatio(rr), EValue.ForHazardRatio(hr, rareOutcome: false).Point, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => EValue.ForRiskRatio(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EValue.ForRiskRatio(2, 2.5, 3));
        Assert.Equal(1.0, EValue.ForRiskRatio(1).Point);
    }
}
