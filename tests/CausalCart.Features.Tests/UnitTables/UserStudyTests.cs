using CausalCart.Core.Events;
using CausalCart.Features.Study;
using CausalCart.Features.UnitTables;

namespace CausalCart.Features.Tests.UnitTables;

/// <summary>A user-level study with a fixed time zero over a small hand-made store whose every value is worked out by hand.</summary>
public sealed class UserStudyTests : IDisposable
{
    private static readonly DateTime T0 = ShopData.T0;
    private readonly TestShop _shop = new();

    public UserStudyTests()
    {
        ShopData.SeedUsers(_shop);
    }

    public void Dispose() => _shop.Dispose();

    private static StudySpec Spec(string extra = "", string outcome = "{ action: buy, within: 7d }", string treatment = "{ campaign: winter_coupon }", string eligibility = "eligibility: { active_within: 30d }") =>
        StudySpec.Parse($"""
            study: winter-coupon
            data: {"{ store: shop.duckdb }"}
            unit: user
            time_zero: {"{ at: 2024-01-13T00:00:00Z }"}
            {eligibility}
            treatment: {treatment}
            outcome: {outcome}
            covariates: {"{ lookbacks: [1d, 7d, 30d, 60d], families: [action_counts, recency, price_stats, category_affinity, sessions] }"}
            {extra}
            """);

    private double Value(StudyTable t, string user, string column)
    {
        var users = t.Table.Numeric("user").Values;
        var row = users.IndexOf(_shop.UserId(user));
        Assert.True(row >= 0, $"user {user} is not in the table");
        return t.Table.Numeric(column).Values[row];
    }

    [Fact]
    public void Eligible_users_are_those_with_an_event_in_the_active_window()
    {
        var t = _shop.Build(Spec());

        var expected = new[] { "a", "b", "e" }.Select(u => (double)_shop.UserId(u)).Order().ToArray();
        Assert.Equal(expected, t.Table.Numeric("user").Values.ToArray());
        Assert.Equal(3, t.Description.RowCount);
    }

    [Fact]
    public void Without_an_activity_window_every_user_with_history_is_eligible()
    {
        var t = _shop.Build(Spec(eligibility: string.Empty));

        var expected = new[] { "a", "b", "c", "e" }.Select(u => (double)_shop.UserId(u)).Order().ToArray();
        Assert.Equal(expected, t.Table.Numeric("user").Values.ToArray());
    }

    [Fact]
    public void Action_counts_per_lookback()
    {
        var t = _shop.Build(Spec());

        Assert.Equal(1, Value(t, "a", "views_1d"));
        Assert.Equal(2, Value(t, "a", "views_7d"));
        Assert.Equal(0, Value(t, "a", "clicks_1d"));
        Assert.Equal(1, Value(t, "a", "clicks_7d"));
        Assert.Equal(0, Value(t, "a", "buys_7d"));
        Assert.Equal(1, Value(t, "a", "buys_30d"));
        Assert.Equal(2, Value(t, "a", "buys_60d"));
        Assert.Equal(1, Value(t, "a", "searches_1d"));
        Assert.Equal(0, Value(t, "a", "carts_60d"));
        Assert.Equal(1, Value(t, "e", "views_7d"));
        Assert.Equal(2, Value(t, "e", "views_30d"));
        Assert.Equal(1, Value(t, "b", "views_30d"));
        Assert.Equal(0, Value(t, "b", "views_7d"));
    }

    [Fact]
    public void Recency_in_days_with_cap_and_missing_indicator()
    {
        var t = _shop.Build(Spec());

        Assert.Equal(1.0 / 24, Value(t, "a", "days_since_last_event"), 12);
        Assert.Equal(0, Value(t, "a", "days_since_last_event_missing"));
        Assert.Equal(10, Value(t, "a", "days_since_last_buy"), 12);
        Assert.Equal(0, Value(t, "a", "days_since_last_buy_missing"));
        Assert.Equal(20, Value(t, "b", "days_since_last_event"), 12);
        Assert.Equal(365, Value(t, "b", "days_since_last_buy"));
        Assert.Equal(1, Value(t, "b", "days_since_last_buy_missing"));
    }

    [Fact]
    public void Recency_cap_hides_older_events()
    {
        var capped = _shop.Build(StudySpec.Parse("""
            study: capped
            data: { store: shop.duckdb }
            unit: user
            time_zero: { at: 2024-01-13T00:00:00Z }
            treatment: { campaign: winter_coupon }
            outcome: { action: buy, within: 7d }
            covariates: { lookbacks: [1d], families: [recency], recency_cap: 5d }
            """));

        Assert.Equal(["user", "t0", "treatment", "outcome", "days_since_last_event", "days_since_last_event_missing", "days_since_last_buy", "days_since_last_buy_missing"],
            capped.Table.Columns.Select(c => c.Name));
        Assert.Equal(5, Value(capped, "a", "days_since_last_buy"));          // the last buy was 10 days before
        Assert.Equal(1, Value(capped, "a", "days_since_last_buy_missing"));
        Assert.Equal(1.0 / 24, Value(capped, "a", "days_since_last_event"), 12);
        Assert.Equal(5, Value(capped, "b", "days_since_last_event"));         // 20 days before
        Assert.Equal(1, Value(capped, "b", "days_since_last_event_missing"));
    }

    [Fact]
    public void Price_stats_over_the_longest_lookback()
    {
        var t = _shop.Build(Spec());

        Assert.Equal(20, Value(t, "a", "view_price_mean_60d"));
        Assert.Equal(30, Value(t, "a", "view_price_max_60d"));
        Assert.Equal(0, Value(t, "a", "view_price_missing_60d"));
        Assert.Equal(150, Value(t, "a", "spend_60d"));
        Assert.Equal(0, Value(t, "b", "view_price_mean_60d"));
        Assert.Equal(1, Value(t, "b", "view_price_missing_60d"));
        Assert.Equal(0, Value(t, "b", "spend_60d"));
    }

    [Fact]
    public void Category_affinity_is_the_share_in_the_top_category()
    {
        var t = _shop.Build(Spec());

        Assert.Equal(0.6, Value(t, "a", "top_category_share_60d"), 12);   // c1: 2 views + 1 buy of 5 categorised
        Assert.Equal(0, Value(t, "a", "top_category_share_missing_60d"));
        Assert.Equal(1, Value(t, "e", "top_category_share_60d"));
        Assert.Equal(0, Value(t, "b", "top_category_share_60d"));
        Assert.Equal(1, Value(t, "b", "top_category_share_missing_60d"));
    }

    [Fact]
    public void Sessions_per_lookback_count_distinct_sessions()
    {
        var t = _shop.Build(Spec());

        Assert.Equal(1, Value(t, "a", "sessions_1d"));
        Assert.Equal(2, Value(t, "a", "sessions_7d"));
        Assert.Equal(3, Value(t, "a", "sessions_30d"));
        Assert.Equal(4, Value(t, "a", "sessions_60d"));
        Assert.Equal(1, Value(t, "b", "sessions_30d"));   // a session made by the store's sessionizer
    }

    [Theory]
    [InlineData("{ action: buy, within: 7d }", 1, 0)]
    [InlineData("{ action: buy, within: 7d, value: any }", 1, 0)]
    [InlineData("{ action: buy, within: 7d, value: count }", 2, 0)]
    [InlineData("{ action: buy, within: 7d, value: revenue }", 9, 0)]
    [InlineData("{ action: buy, within: 7d, value: revenue, start: 1d }", 107, 0)]   // [t0 + 1d, t0 + 8d)
    [InlineData("{ action: view, within: 1d, value: count }", 0, 0)]
    public void The_three_outcome_types_over_the_half_open_window(string outcome, double a, double b)
    {
        var t = _shop.Build(Spec(outcome: outcome));

        Assert.Equal(a, Value(t, "a", "outcome"));
        Assert.Equal(b, Value(t, "b", "outcome"));
    }

    [Fact]
    public void Treated_means_exposed_in_the_first_day_after_time_zero()
    {
        var t = _shop.Build(Spec());

        Assert.Equal(1, Value(t, "a", "treatment"));
        Assert.Equal(0, Value(t, "b", "treatment"));   // exposed exactly at t0 + 1d
        Assert.Equal(1, Value(t, "e", "treatment"));   // the control-arm exposure counts when no arm is named
        Assert.Equal(2, t.Description.TreatedCount);
        Assert.Equal(1, t.Description.ControlCount);
    }

    [Fact]
    public void Naming_an_arm_treats_only_that_arm()
    {
        var t = _shop.Build(Spec(treatment: "{ campaign: winter_coupon, arm: coupon }"));

        Assert.Equal(1, Value(t, "a", "treatment"));
        Assert.Equal(0, Value(t, "e", "treatment"));
    }

    [Fact]
    public void A_longer_treatment_window_reaches_later_exposures()
    {
        var t = _shop.Build(Spec(treatment: "{ campaign: winter_coupon, within: 2d }"));

        Assert.Equal(1, Value(t, "b", "treatment"));
    }

    [Fact]
    public void Campaign_time_zero_is_the_first_exposure_for_every_unit()
    {
        var spec = Spec() with { TimeZero = new CampaignTimeZero("winter_coupon") };

        var t = _shop.Build(spec);

        var first = T0.AddHours(-1);
        Assert.Equal(first, t.Description.SharedTimeZero);
        Assert.All(t.Table.Numeric("t0").Values.ToArray(), v => Assert.Equal((first - DateTime.UnixEpoch).Ticks / 10, (long)v));
        Assert.Equal(1, Value(t, "a", "treatment"));   // t0 - 1h + 3h
        Assert.Equal(1, Value(t, "e", "treatment"));   // the first exposure itself is at t0
        Assert.Equal(0, Value(t, "a", "views_1d"));    // the view 1h before the fixed t0 is now exactly at time zero
    }

    [Fact]
    public void A_gap_hides_the_last_stretch_before_time_zero()
    {
        var spec = Spec() with { Covariates = new CovariateSpec { Lookbacks = [TimeSpan.FromDays(1)], Families = [CovariateFamily.ActionCounts], Gap = TimeSpan.FromHours(1) } };

        var t = _shop.Build(spec);

        Assert.Equal(0, Value(t, "a", "views_1d"));     // the view at t0 - 1h sits at the cutoff, excluded
        Assert.Equal(1, Value(t, "a", "searches_1d"));  // t0 - 5h is inside [t0 - 25h, t0 - 1h)
    }

    [Fact]
    public void Unknown_campaign_and_arm_are_named_with_what_the_store_has()
    {
        var campaign = Assert.Throws<InvalidOperationException>(() => _shop.Build(Spec(treatment: "{ campaign: summer }")));
        var arm = Assert.Throws<InvalidOperationException>(() => _shop.Build(Spec(treatment: "{ campaign: winter_coupon, arm: bogof }")));

        Assert.Contains("'summer'", campaign.Message, StringComparison.Ordinal);
        Assert.Contains("autumn_sale, winter_coupon", campaign.Message, StringComparison.Ordinal);
        Assert.Contains("'bogof'", arm.Message, StringComparison.Ordinal);
        Assert.Contains("control, coupon", arm.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_gives_roles_counts_and_the_query()
    {
        var t = _shop.Build(Spec());
        var d = t.Description;

        Assert.Equal("winter-coupon", d.Study);
        Assert.Equal(["user"], d.Keys);
        Assert.Equal(t.Table.Columns.Select(c => c.Name), d.Columns.Select(c => c.Name));
        Assert.Equal(StudyColumnRole.TimeZero, d.Columns.Single(c => c.Name == "t0").Role);
        Assert.Equal(StudyColumnRole.Treatment, d.Columns.Single(c => c.Name == "treatment").Role);
        Assert.Equal(StudyColumnRole.Outcome, d.Columns.Single(c => c.Name == "outcome").Role);
        Assert.Equal(t.Table.Columns.Count - 4, d.Covariates.Count);
        Assert.Equal(T0, d.SharedTimeZero);
        Assert.Contains("WITH", d.Sql, StringComparison.Ordinal);
        Assert.Contains("clicks_1d", d.ConstantCovariates);          // nobody clicked in the last day
        Assert.DoesNotContain("views_7d", d.ConstantCovariates);
        Assert.All(t.Table.Columns, c => Assert.Equal(0, ((CausalCart.Core.Tables.NumericColumn)c).MissingCount));
    }

    [Fact]
    public void An_invalid_spec_is_refused_before_any_query()
    {
        var spec = Spec() with { Seed = -1 };

        Assert.Throws<StudySpecException>(() => _shop.Build(spec));
    }
}
