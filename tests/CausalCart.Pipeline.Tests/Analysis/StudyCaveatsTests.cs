using CausalCart.Features.Study;
using CausalCart.Pipeline.Analysis;

namespace CausalCart.Pipeline.Tests.Analysis;

public sealed class StudyCaveatsTests
{
    private static readonly DateTime LogStart = new(2017, 11, 26, 1, 0, 0, DateTimeKind.Utc);

    private const string CartBuy = """
        study: cart-buy
        data: { store: x.duckdb }
        unit: user_item
        time_zero: { first: view, period: { from: 2017-11-26T01:00:00Z, to: 2017-11-26T02:00:00Z } }
        treatment: { action: cart, within: 10m }
        outcome: { action: buy, within: 1h, after_grace: true }
        covariates: { lookbacks: [10m, 1h], families: [action_counts] }
        """;

    private const string Campaign = """
        study: coupon
        data: { store: x.duckdb }
        unit: user
        time_zero: { at: 2024-03-13T00:00:00Z }
        eligibility: { active_within: 30d }
        treatment: { campaign: winter_coupon }
        outcome: { action: buy, within: 7d }
        covariates: { lookbacks: [7d, 30d], families: [action_counts] }
        """;

    private static double Micros(DateTime t) => (t - DateTime.UnixEpoch).Ticks / 10.0;

    [Fact]
    public void A_two_hour_log_with_an_action_treatment_gets_every_caveat_that_applies()
    {
        var spec = StudySpec.Parse(CartBuy);
        double[] t0 = [Micros(LogStart.AddMinutes(5)), Micros(LogStart.AddMinutes(50)), Micros(LogStart.AddMinutes(70))];
        var caveats = StudyCaveats.Find(spec, t0, LogStart, LogStart.AddHours(2).AddMinutes(10));

        Assert.Contains(caveats, c => c.StartsWith("For 2 of 3 units (66.7%) the longest look-back (1 hour)", StringComparison.Ordinal));
        Assert.Contains(caveats, c => c.StartsWith("The log holds at most 1.17 hours of history", StringComparison.Ordinal));
        Assert.Contains(caveats, c => c.StartsWith("For 1 of 3 units (33.3%) the outcome window ends after", StringComparison.Ordinal));
        Assert.Contains(caveats, c => c.Contains("spans only 2.17 hours", StringComparison.Ordinal));
        Assert.Contains(caveats, c => c.StartsWith("The treatment is the shopper's own action (cart)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_campaign_with_enough_history_and_follow_up_has_no_caveats()
    {
        var spec = StudySpec.Parse(Campaign);
        var t0 = new DateTime(2024, 3, 13, 0, 0, 0, DateTimeKind.Utc);
        var caveats = StudyCaveats.Find(spec, [Micros(t0), Micros(t0)], t0.AddDays(-60), t0.AddDays(14));
        Assert.Empty(caveats);
    }

    [Fact]
    public void Outcome_windows_past_the_log_end_are_counted_as_censored()
    {
        var spec = StudySpec.Parse(Campaign);
        var t0 = new DateTime(2024, 3, 13, 0, 0, 0, DateTimeKind.Utc);
        var caveats = StudyCaveats.Find(spec, [Micros(t0)], t0.AddDays(-60), t0.AddDays(3));
        Assert.Equal(["For all units the outcome window ends after the log's last event (2024-03-16 00:00 UTC): their outcome is cut off and counts only what the log holds."], caveats);
    }

    [Fact]
    public void No_units_or_an_empty_log_give_no_caveats()
    {
        var spec = StudySpec.Parse(CartBuy);
        Assert.Empty(StudyCaveats.Find(spec, [], LogStart, LogStart.AddHours(2)));
        Assert.Empty(StudyCaveats.Find(spec, [Micros(LogStart)], null, null));
    }
}
