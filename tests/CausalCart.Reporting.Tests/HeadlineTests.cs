using CausalCart.Core.Results;

namespace CausalCart.Reporting.Tests;

public sealed class HeadlineTests
{
    [Fact]
    public void The_headline_comes_from_the_AIPW_ATE_whatever_the_order()
    {
        AnalysisResult r = SampleResults.Coupon();
        EffectEstimate chosen = Headline.ChooseEstimate(r with { Estimates = r.Estimates.Reverse().ToList() })!;
        Assert.Equal(EffectMethod.Aipw, chosen.Method);
        Assert.Equal(Estimand.Ate, chosen.Estimand);
    }

    [Fact]
    public void Without_AIPW_regression_is_preferred_to_IPW_and_naive_never_headlines()
    {
        AnalysisResult r = SampleResults.Coupon();
        Assert.Equal(EffectMethod.Regression, Headline.ChooseEstimate(r with { Estimates = r.Estimates.Where(e => e.Method != EffectMethod.Aipw).ToList() })!.Method);
        Assert.Equal(EffectMethod.Ipw, Headline.ChooseEstimate(r with { Estimates = r.Estimates.Where(e => e.Method is EffectMethod.Ipw or EffectMethod.Naive).ToList() })!.Method);
        Assert.Null(Headline.ChooseEstimate(r with { Estimates = r.Estimates.Where(e => e.Method == EffectMethod.Naive).ToList() }));
    }

    [Fact]
    public void The_headline_states_the_effect_and_its_interval() =>
        Assert.Equal(
            "The November coupon raised the chance of a purchase within 7 days by 3.1 percentage points (95% CI 2.2 to 4.0).",
            Headline.Sentence(SampleResults.Coupon()));

    [Fact]
    public void A_negative_effect_is_a_lowering()
    {
        AnalysisResult r = SampleResults.Coupon();
        r = r with { Estimates = [SampleResults.Estimate(EffectMethod.Aipw, Estimand.Ate, -0.012, 0.002)] };
        Assert.Equal(
            "The November coupon lowered the chance of a purchase within 7 days by 1.2 percentage points (95% CI −1.6 to −0.8).",
            Headline.Sentence(r));
    }

    [Fact]
    public void An_interval_including_zero_is_called_consistent_with_no_effect()
    {
        AnalysisResult r = SampleResults.Coupon();
        r = r with { Estimates = [SampleResults.Estimate(EffectMethod.Aipw, Estimand.Ate, 0.004, 0.0045)] };
        Assert.Equal(
            "The November coupon raised the chance of a purchase within 7 days by 0.4 percentage points (95% CI −0.5 to 1.3), but the interval includes zero, so the data are also consistent with no effect.",
            Headline.Sentence(r));
    }

    [Fact]
    public void An_ATT_headline_says_it_is_about_the_treated()
    {
        AnalysisResult r = SampleResults.Coupon();
        r = r with { Estimates = r.Estimates.Where(e => e.Estimand == Estimand.Att).ToList() };
        Assert.StartsWith("The November coupon raised the chance of a purchase within 7 days among treated users by 3.4 percentage points", Headline.Sentence(r), StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_binary_outcome_is_phrased_per_unit_in_outcome_units() =>
        Assert.Equal(
            "The November coupon raised revenue within 7 days by 1.2 per user on average (95% CI 0.4 to 2.0).",
            Headline.Sentence(SampleResults.Revenue()));

    [Fact]
    public void Insufficient_overlap_gives_no_effect_in_the_headline()
    {
        string sentence = Headline.Sentence(SampleResults.InsufficientOverlap());
        Assert.StartsWith("No trustworthy causal estimate: treated and untreated users are too different to compare", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("percentage points", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_adjusted_estimate_the_headline_says_so()
    {
        AnalysisResult r = SampleResults.InsufficientOverlap() with { Overlap = SampleResults.Coupon().Overlap };
        Assert.Equal("No causal effect of the November coupon was estimated; only the raw association is shown below.", Headline.Sentence(r));
    }

    [Fact]
    public void A_failed_refutation_of_the_headline_method_is_flagged_in_the_headline() =>
        Assert.EndsWith("A refutation test of this estimate failed: do not act on it until that is explained.",
            Headline.Sentence(SampleResults.FailedRefutation()), StringComparison.Ordinal);

    [Fact]
    public void Weak_overlap_is_flagged_in_the_headline()
    {
        AnalysisResult r = SampleResults.Coupon();
        r = r with { Overlap = r.Overlap! with { Verdict = OverlapVerdict.Weak } };
        Assert.EndsWith("(95% CI 2.2 to 4.0). Overlap is weak, so this estimate leans on a few users.", Headline.Sentence(r), StringComparison.Ordinal);
    }
}
