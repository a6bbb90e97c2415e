using CausalCart.Core.Results;

namespace CausalCart.Reporting.Tests;

public sealed class MerchantWordingTests
{
    [Theory]
    [InlineData(0.031, true, "3.1 percentage points")]
    [InlineData(-0.0082, true, "−0.82 percentage points")]
    [InlineData(0.4213, false, "0.42")]
    [InlineData(12.37, false, "12.4")]
    [InlineData(1234.5, false, "1,235")]
    [InlineData(0.0, true, "0.0 percentage points")]
    public void Effect_is_in_percentage_points_for_binary_outcomes_and_outcome_units_otherwise(double effect, bool binary, string expected) =>
        Assert.Equal(expected, MerchantWording.Effect(effect, binary));

    [Theory]
    [InlineData(0.022, 0.040, 0.95, true, "95% CI 2.2 to 4.0")]
    [InlineData(-0.005, 0.013, 0.90, true, "90% CI −0.5 to 1.3")]
    [InlineData(0.10, 0.74, 0.975, false, "97.5% CI 0.10 to 0.74")]
    public void Interval_shares_decimals_between_its_ends(double lower, double upper, double level, bool binary, string expected) =>
        Assert.Equal(expected, MerchantWording.Interval(lower, upper, level, binary));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void Interval_rejects_a_confidence_level_outside_zero_to_one(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MerchantWording.Interval(0, 1, level, outcomeIsBinary: true));

    [Fact]
    public void Estimate_with_interval_reads_like_the_headline() =>
        Assert.Equal("3.1 percentage points (95% CI 2.2 to 4.0)",
            MerchantWording.EstimateWithInterval(SampleResults.Estimate(EffectMethod.Aipw, Estimand.Ate, 0.031, 0.0046), outcomeIsBinary: true));

    [Theory]
    [InlineData(0.0004, "a difference this large would arise by chance in fewer than 1 in 1,000 placebo runs")]
    [InlineData(0.0, "a difference this large would arise by chance in fewer than 1 in 1,000 placebo runs")]
    [InlineData(0.004, "a difference this large would arise by chance in about 4 in 1,000 placebo runs")]
    [InlineData(0.12, "a difference this large would arise by chance in about 12 in 100 placebo runs")]
    [InlineData(0.62, "a difference this large would arise by chance in about 62 in 100 placebo runs")]
    [InlineData(0.999, "a difference this large would arise by chance in almost all placebo runs")]
    [InlineData(1.0, "a difference this large would arise by chance in almost all placebo runs")]
    public void PValue_says_how_often_chance_gives_a_difference_this_large(double p, string expected) =>
        Assert.Equal(expected, MerchantWording.PValue(p));

    [Fact]
    public void PValue_names_the_kind_of_run() =>
        Assert.EndsWith("in about 3 in 100 random-subset runs", MerchantWording.PValue(0.03, "random-subset runs"), StringComparison.Ordinal);

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void PValue_outside_zero_to_one_is_rejected(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MerchantWording.PValue(p));

    [Theory]
    [InlineData(-0.0004, 2, "0.00")]
    [InlineData(1234567.891, 2, "1,234,567.89")]
    [InlineData(-3.25, 1, "−3.3")]
    [InlineData(double.NaN, 2, "not available")]
    [InlineData(double.PositiveInfinity, 2, "∞")]
    [InlineData(double.NegativeInfinity, 2, "−∞")]
    public void Number_uses_separators_a_true_minus_and_never_minus_zero(double value, int decimals, string expected) =>
        Assert.Equal(expected, MerchantWording.Number(value, decimals));

    [Theory]
    [InlineData(0.084, "8.4%")]
    [InlineData(0.0035, "0.35%")]
    [InlineData(0.0, "0.0%")]
    [InlineData(1.0, "100.0%")]
    public void Percent_shows_small_shares_with_two_decimals(double share, string expected) =>
        Assert.Equal(expected, MerchantWording.Percent(share));

    [Fact]
    public void Lift_reads_as_ratio_and_relative_change()
    {
        Assert.Equal("2.63× (+163%)", MerchantWording.Lift(2.625));
        Assert.Equal("0.80× (−20%)", MerchantWording.Lift(0.8));
        Assert.Equal("not defined (the control mean is zero)", MerchantWording.Lift(null));
    }

    [Theory]
    [InlineData(150.0, 0)]
    [InlineData(3.1, 1)]
    [InlineData(0.42, 2)]
    [InlineData(0.042, 3)]
    [InlineData(0.0042, 4)]
    [InlineData(0.0, 1)]
    [InlineData(double.NaN, 1)]
    public void DecimalsFor_follows_the_magnitude(double scale, int expected) =>
        Assert.Equal(expected, MerchantWording.DecimalsFor(scale));

    [Fact]
    public void Overlap_verdicts_name_the_verdict_and_the_units()
    {
        Assert.StartsWith("Good overlap: treated and untreated users", MerchantWording.Overlap(OverlapVerdict.Good, "user"), StringComparison.Ordinal);
        Assert.StartsWith("Weak overlap: some sessions", MerchantWording.Overlap(OverlapVerdict.Weak, "sessions"), StringComparison.Ordinal);
        string insufficient = MerchantWording.Overlap(OverlapVerdict.Insufficient, "user");
        Assert.StartsWith("Insufficient overlap", insufficient, StringComparison.Ordinal);
        Assert.Contains("no causal effect can be estimated", insufficient, StringComparison.Ordinal);
        Assert.Equal("Insufficient", MerchantWording.OverlapLabel(OverlapVerdict.Insufficient));
    }

    [Fact]
    public void Balance_when_every_covariate_is_within_the_threshold()
    {
        string text = MerchantWording.Balance(SampleResults.Coupon().Balance!);
        Assert.Equal(
            "Before weighting, treated and untreated groups differed by up to 0.48 standard deviations (views_7d). After weighting, every covariate is within the 0.1 threshold (largest 0.05), so the groups are comparable on what was measured.",
            text);
    }

    [Fact]
    public void Balance_names_how_many_covariates_remain_imbalanced_and_the_worst()
    {
        BalanceDiagnostics balance = SampleResults.Coupon().Balance!;
        balance = balance with
        {
            Covariates = balance.Covariates.Select((c, i) => i switch
            {
                2 => c with { SmdAfter = -0.23 },
                5 => c with { SmdAfter = 0.14 },
                _ => c,
            }).ToList(),
        };
        string text = MerchantWording.Balance(balance);
        Assert.Contains("2 of 8 covariates still differ by more than 0.1 (largest 0.23: buys_30d)", text, StringComparison.Ordinal);
        Assert.Contains("adjustment is incomplete", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_without_covariates_says_it_could_not_be_checked() =>
        Assert.Equal("No covariates were adjusted for, so balance could not be checked.",
            MerchantWording.Balance(new BalanceDiagnostics([], 0.1, 0, 0, "")));

    [Fact]
    public void Confounding_share_when_the_adjusted_effect_is_smaller()
    {
        AnalysisResult r = SampleResults.Coupon();
        Assert.Equal(
            "The raw difference of 5.2 percentage points shrinks to 3.1 after adjustment: about 40% of the association came from who was treated (confounding), not from the treatment.",
            MerchantWording.Confounding(r.Association, Headline.ChooseEstimate(r)!));
    }

    [Fact]
    public void Confounding_when_adjustment_grows_reverses_or_removes_the_effect()
    {
        Association a = SampleResults.Coupon().Association;
        Assert.Contains("grows to 6.0 after adjustment: confounding hid part of the effect",
            MerchantWording.Confounding(a, SampleResults.Estimate(EffectMethod.Aipw, Estimand.Ate, 0.060, 0.004)), StringComparison.Ordinal);
        Assert.Contains("reverses to −1.0 after adjustment",
            MerchantWording.Confounding(a, SampleResults.Estimate(EffectMethod.Aipw, Estimand.Ate, -0.010, 0.004)), StringComparison.Ordinal);
        Assert.Contains("disappears after adjustment (0.0)",
            MerchantWording.Confounding(a, SampleResults.Estimate(EffectMethod.Aipw, Estimand.Ate, 0.0001, 0.004)), StringComparison.Ordinal);
        Assert.Contains("shows almost no difference (0.0 percentage points), but the adjusted estimate is 2.0",
            MerchantWording.Confounding(a with { Difference = 0.0002 }, SampleResults.Estimate(EffectMethod.Aipw, Estimand.Ate, 0.020, 0.004)), StringComparison.Ordinal);
    }

    [Fact]
    public void Confounding_in_outcome_units_for_a_non_binary_outcome()
    {
        AnalysisResult r = SampleResults.Revenue();
        Assert.Equal(
            "The raw difference of 4.4 shrinks to 1.2 after adjustment: about 71% of the association came from who was treated (confounding), not from the treatment.",
            MerchantWording.Confounding(r.Association, r.Estimates[0]));
    }
}
