using CausalCart.Core.Events;
using CausalCart.Core.Results;
using CausalCart.Features.Study;

namespace CausalCart.Features.Tests.Study;

public sealed class StudySpecParseTests
{
    [Theory]
    [InlineData("gbdt", NuisanceLearner.Gbdt)]
    [InlineData("forest", NuisanceLearner.Forest)]
    [InlineData("stack", NuisanceLearner.Stack)]
    public void Flexible_nuisance_names_read_into_the_record(string name, NuisanceLearner expected)
    {
        var spec = StudySpec.Parse(Specs.WinterCoupon.Replace("nuisance: logistic", "nuisance: " + name, StringComparison.Ordinal));
        Assert.Equal(expected, spec.Nuisance);
    }

    [Fact]
    public void The_brief_campaign_study_reads_into_the_record()
    {
        var spec = StudySpec.Parse(Specs.WinterCoupon);

        Assert.Equal("winter-coupon", spec.Name);
        Assert.Equal("shop.duckdb", spec.Data.Store);
        Assert.Null(spec.Data.Events);
        Assert.Equal(StudyUnit.User, spec.Unit);
        var t0 = Assert.IsType<FixedTimeZero>(spec.TimeZero);
        Assert.Equal(new DateTime(2024, 1, 13, 0, 0, 0, DateTimeKind.Utc), t0.AtUtc);
        Assert.Equal(DateTimeKind.Utc, t0.AtUtc.Kind);
        Assert.Equal(TimeSpan.FromDays(30), spec.Eligibility.ActiveWithin);
        var treatment = Assert.IsType<CampaignTreatment>(spec.Treatment);
        Assert.Equal("winter_coupon", treatment.Campaign);
        Assert.Null(treatment.Arm);
        Assert.Equal(TimeSpan.FromDays(1), treatment.Within);
        Assert.Equal(new OutcomeSpec(CanonicalAction.Buy, TimeSpan.FromDays(7)), spec.Outcome);
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromDays(60)], spec.Covariates.Lookbacks);
        Assert.Equal(
            [CovariateFamily.ActionCounts, CovariateFamily.Recency, CovariateFamily.PriceStats, CovariateFamily.CategoryAffinity],
            spec.Covariates.Families);
        Assert.Equal([EffectMethod.Naive, EffectMethod.Regression, EffectMethod.Ipw, EffectMethod.Aipw], spec.Estimators);
        Assert.Equal(NuisanceLearner.Logistic, spec.Nuisance);
        Assert.Null(spec.Refuters); // absent: the analysis runs its standard three
        Assert.Equal(1, spec.Seed);
    }

    [Fact]
    public void The_user_item_design_reads_first_action_grace_and_after_grace_outcome()
    {
        var spec = StudySpec.Parse(Specs.ViewCartBuy);

        Assert.Equal(StudyUnit.UserItem, spec.Unit);
        var t0 = Assert.IsType<FirstActionTimeZero>(spec.TimeZero);
        Assert.Equal(CanonicalAction.View, t0.Action);
        Assert.Equal(new StudyPeriod(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc)), t0.Period);
        var treatment = Assert.IsType<ActionTreatment>(spec.Treatment);
        Assert.Equal(CanonicalAction.Cart, treatment.Action);
        Assert.Equal(TimeSpan.FromMinutes(10), treatment.Within);
        Assert.True(spec.Outcome.AfterGrace);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.Outcome.StartOffset(spec.Treatment));
        Assert.Equal([Refuter.Placebo, Refuter.RandomCommonCause, Refuter.DataSubset], spec.Refuters);
        Assert.Equal(0, spec.Seed);
        Assert.Equal(NuisanceLearner.Logistic, spec.Nuisance);
    }

    [Fact]
    public void Campaign_time_zero_arm_values_and_raw_data_read()
    {
        var spec = StudySpec.Parse("""
            study: coupon
            data: { events: events.csv, format: retailrocket, exposures: exposures.csv }
            unit: user
            time_zero: { campaign: winter_coupon }
            treatment: { campaign: winter_coupon, arm: coupon, within: 2d }
            outcome: { action: buy, within: 2w, value: revenue }
            nuisance: linear
            """);

        Assert.Equal(new CampaignTimeZero("winter_coupon"), spec.TimeZero);
        Assert.Equal(new CampaignTreatment("winter_coupon", "coupon", TimeSpan.FromDays(2)), spec.Treatment);
        Assert.Equal(OutcomeValue.Revenue, spec.Outcome.Value);
        Assert.Equal(TimeSpan.FromDays(14), spec.Outcome.Within);
        Assert.Equal(EventLogFormat.RetailRocket, spec.Data.Format);
        Assert.Equal("events.csv", spec.Data.Events);
        Assert.Equal("exposures.csv", spec.Data.Exposures);
        Assert.Equal(NuisanceLearner.Linear, spec.Nuisance);
        Assert.Same(CovariateSpec.Default, spec.Covariates);
        Assert.Equal(CovariateSpec.DefaultRecencyCap, spec.Covariates.RecencyCap);
    }

    [Fact]
    public void Block_style_yaml_reads_like_flow_style()
    {
        var spec = StudySpec.Parse("""
            study: block
            data:
              store: shop.duckdb
            unit: user
            time_zero:
              at: "2024-01-13 06:30:00+02:00"
            treatment:
              campaign: c
            outcome:
              action: cart
              within: 12h
              value: count
            covariates:
              lookbacks:
                - 1h
                - 1d
              families: [sessions, price_stats]
              gap: 30m
              recency_cap: 90d
            """);

        Assert.Equal(new DateTime(2024, 1, 13, 4, 30, 0, DateTimeKind.Utc), ((FixedTimeZero)spec.TimeZero).AtUtc);
        Assert.Equal(OutcomeValue.Count, spec.Outcome.Value);
        Assert.Equal(TimeSpan.FromMinutes(30), spec.Covariates.Gap);
        Assert.Equal(TimeSpan.FromDays(90), spec.Covariates.RecencyCap);
        Assert.Equal([CovariateFamily.Sessions, CovariateFamily.PriceStats], spec.Covariates.Families);
    }

    [Fact]
    public void Load_resolves_data_paths_against_the_spec_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "causalcart-features-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "study.yaml");
            File.WriteAllText(file, Specs.WinterCoupon);

            var spec = StudySpec.Load(file);

            Assert.Equal(Path.Combine(folder, "shop.duckdb"), spec.Data.Store);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_spec_built_in_code_validates_like_one_read_from_yaml()
    {
        var spec = new StudySpec
        {
            Name = "code",
            Data = DataSource.FromStore("shop.duckdb"),
            Unit = StudyUnit.UserItem,
            TimeZero = new FirstActionTimeZero(CanonicalAction.View),
            Treatment = new ActionTreatment(CanonicalAction.Cart, TimeSpan.FromMinutes(10)),
            Outcome = new OutcomeSpec(CanonicalAction.Buy, TimeSpan.FromHours(1)) { AfterGrace = true },
        };

        Assert.Same(spec, spec.Validate());
        Assert.Empty(spec.FindProblems());
    }

    [Fact]
    public void TryParse_returns_the_problems_instead_of_throwing()
    {
        Assert.False(StudySpec.TryParse("study: x", out var spec, out var problems));
        Assert.Null(spec);
        Assert.Contains(problems, p => p.Path == "data");
        Assert.True(StudySpec.TryParse(Specs.WinterCoupon, out spec, out problems));
        Assert.NotNull(spec);
        Assert.Empty(problems);
    }
}
