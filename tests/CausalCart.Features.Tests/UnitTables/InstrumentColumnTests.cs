using CausalCart.Core.Events;
using CausalCart.Features.Study;
using CausalCart.Features.UnitTables;

namespace CausalCart.Features.Tests.UnitTables;

/// <summary>The unit table's <c>instrument</c> column: measured like the treatment over [t0, t0 + within), values worked out by hand.</summary>
public sealed class InstrumentColumnTests : IDisposable
{
    private static readonly DateTime T0 = ShopData.T0;
    private readonly TestShop _shop = new();

    public InstrumentColumnTests()
    {
        ShopData.SeedUsers(_shop);
        _shop.Expose(
            new Exposure("a", T0.AddMinutes(30), "email_wave", "email"),
            new Exposure("b", T0.AddDays(1), "email_wave", "email"),      // at t0 + 1d: outside [t0, t0 + 1d)
            new Exposure("e", T0.AddHours(-1), "email_wave", "email"),    // before t0: not the instrument
            new Exposure("e", T0.AddHours(2), "email_wave", "holdout"));
        _shop.Add(new Ev("b", "i4", CanonicalAction.Click, T0.AddMinutes(30)));
    }

    public void Dispose() => _shop.Dispose();

    private static StudySpec Spec(string instrument, string outcome = "{ action: buy, within: 7d }") => StudySpec.Parse($"""
        study: email-iv
        data: {"{ store: shop.duckdb }"}
        unit: user
        time_zero: {"{ at: 2024-01-13T00:00:00Z }"}
        eligibility: {"{ active_within: 30d }"}
        treatment: {"{ campaign: winter_coupon, arm: coupon }"}
        outcome: {outcome}
        covariates: {"{ lookbacks: [7d, 30d], families: [action_counts, recency] }"}
        {(instrument.Length == 0 ? string.Empty : "instrument: " + instrument)}
        """);

    private double Value(StudyTable t, string user, string column)
    {
        var row = t.Table.Numeric("user").Values.IndexOf(_shop.UserId(user));
        Assert.True(row >= 0, $"user {user} is not in the table");
        return t.Table.Numeric(column).Values[row];
    }

    [Fact]
    public void A_campaign_arm_instrument_is_one_for_exposures_in_the_first_day_after_time_zero()
    {
        var t = _shop.Build(Spec("{ campaign: email_wave, arm: email }"));

        Assert.Equal(1, Value(t, "a", "instrument"));
        Assert.Equal(0, Value(t, "b", "instrument"));   // exactly at t0 + 1d
        Assert.Equal(0, Value(t, "e", "instrument"));   // the email before t0 does not count, the holdout arm is not 'email'
        Assert.Equal(1, Value(t, "a", "treatment"));    // the treatment is measured as before
        Assert.Equal(0, Value(t, "e", "treatment"));
    }

    [Fact]
    public void The_instrument_window_starts_exactly_at_time_zero()
    {
        _shop.Expose(
            new Exposure("b", T0, "sms_wave", "sms"),
            new Exposure("e", T0.AddTicks(-10), "sms_wave", "sms"));   // 1 µs before time zero

        var t = _shop.Build(Spec("{ campaign: sms_wave }"));

        Assert.Equal(1, Value(t, "b", "instrument"));
        Assert.Equal(0, Value(t, "e", "instrument"));
    }

    [Fact]
    public void Without_an_arm_any_arm_counts_and_a_longer_window_reaches_later_exposures()
    {
        var anyArm = _shop.Build(Spec("{ campaign: email_wave }"));
        var longer = _shop.Build(Spec("{ campaign: email_wave, arm: email, within: 2d }"));

        Assert.Equal(1, Value(anyArm, "e", "instrument"));
        Assert.Equal(1, Value(longer, "b", "instrument"));
    }

    [Fact]
    public void An_action_instrument_counts_the_action_in_its_window()
    {
        var t = _shop.Build(Spec("{ action: click, within: 1h }", outcome: "{ action: buy, within: 7d, start: 1d }"));

        Assert.Equal(1, Value(t, "b", "instrument"));
        Assert.Equal(0, Value(t, "a", "instrument"));   // a's click lies three days before time zero
        Assert.Equal(0, Value(t, "e", "instrument"));
    }

    [Fact]
    public void The_instrument_column_follows_the_outcome_and_moves_no_covariate()
    {
        var with = _shop.Build(Spec("{ campaign: email_wave, arm: email }"));
        var without = _shop.Build(Spec(string.Empty));

        var names = with.Description.Columns.Select(c => c.Name).ToList();
        Assert.Equal(["user", "t0", "treatment", "outcome", "instrument"], names.Take(5));
        Assert.Equal(StudyColumnRole.Instrument, with.Description.Columns[4].Role);
        Assert.Contains("email_wave", with.Description.Columns[4].Description, StringComparison.Ordinal);
        Assert.DoesNotContain("instrument", without.Description.Columns.Select(c => c.Name));
        Assert.DoesNotContain("instrument", with.Description.Covariates);
        Assert.Equal(without.Description.Covariates, with.Description.Covariates);
        foreach (var covariate in without.Description.Covariates)
        {
            Assert.Equal(without.Table.Numeric(covariate).Values.ToArray(), with.Table.Numeric(covariate).Values.ToArray());
        }
    }

    [Fact]
    public void The_compiled_query_binds_the_instrument_as_parameters()
    {
        var compiled = StudySqlCompiler.Compile(Spec("{ campaign: email_wave, arm: email }"));

        Assert.Contains(compiled.Parameters, p => p.Name == "instrument_campaign" && (string)p.Value == "email_wave");
        Assert.Contains(compiled.Parameters, p => p.Name == "instrument_arm" && (string)p.Value == "email");
        Assert.Contains("encouraged AS (", compiled.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("'email_wave'", compiled.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_instrument_campaign_or_arm_is_named_with_what_the_store_has()
    {
        var campaign = Assert.Throws<InvalidOperationException>(() => _shop.Build(Spec("{ campaign: sms_wave }")));
        var arm = Assert.Throws<InvalidOperationException>(() => _shop.Build(Spec("{ campaign: email_wave, arm: sms }")));

        Assert.Contains("'sms_wave'", campaign.Message, StringComparison.Ordinal);
        Assert.Contains("email_wave", campaign.Message, StringComparison.Ordinal);
        Assert.Contains("email, holdout", arm.Message, StringComparison.Ordinal);
    }
}
