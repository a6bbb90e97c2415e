using CausalCart.Core.Events;
using CausalCart.Features.Study;
using CausalCart.Features.UnitTables;

namespace CausalCart.Features.Tests.UnitTables;

/// <summary>The user × period panel of a difference-in-differences study, worked out by hand on a small store.</summary>
public sealed class DidPanelBuilderTests : IDisposable
{
    private static readonly DateTime S = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestShop _shop = new();

    public DidPanelBuilderTests()
    {
        _shop.Add(
            // a: buys in periods 1 (twice, priced 5 and 7) and 3; first rolled out to in period 2.
            new Ev("a", "i1", CanonicalAction.Buy, S.AddHours(1), 5),
            new Ev("a", "i1", CanonicalAction.Buy, S.AddDays(6), 7),
            new Ev("a", "i2", CanonicalAction.Buy, S.AddDays(14), 11),
            // b: never rolled out to; a buy exactly at the end of the panel (outside) and a view inside.
            new Ev("b", "i1", CanonicalAction.View, S.AddDays(8)),
            new Ev("b", "i1", CanonicalAction.Buy, S.AddDays(21)),
            // c: rolled out to before the start (always treated); a buy exactly at the start of period 2.
            new Ev("c", "i3", CanonicalAction.Buy, S.AddDays(7), 2),
            // d: active only before the panel: not a unit.
            new Ev("d", "i3", CanonicalAction.View, S.AddDays(-1)),
            // e: rolled out to after the panel ends: never treated within it.
            new Ev("e", "i3", CanonicalAction.View, S.AddDays(20)));
        _shop.Expose(
            new Exposure("a", S.AddDays(9), "loyalty", "on"),
            new Exposure("a", S.AddDays(16), "loyalty", "on"),
            new Exposure("b", S.AddDays(3), "loyalty", "off"),        // another arm: with arm 'on', b stays never treated
            new Exposure("c", S.AddDays(-2), "loyalty", "on"),
            new Exposure("e", S.AddDays(21), "loyalty", "on"),
            new Exposure("d", S.AddDays(1), "newsletter", "all"));
    }

    public void Dispose() => _shop.Dispose();

    private static StudySpec Spec(string value = "count", string arm = "on") => StudySpec.Parse($"""
        study: rollout
        data: {"{ store: shop.duckdb }"}
        unit: user
        did: {"{"} rollout: loyalty, {(arm.Length == 0 ? string.Empty : $"arm: {arm}, ")}start: 2024-01-01T00:00:00Z, period: 7d, periods: 3, outcome: {"{"} action: buy, value: {value} {"}"} {"}"}
        """);

    private (double[] Period, double[] Outcome, double[] Cohort) Rows(Core.Tables.UnitTable panel, string user)
    {
        var id = _shop.UserId(user);
        var rows = Enumerable.Range(0, panel.RowCount).Where(r => panel.Numeric(DidPanelBuilder.UserColumn).Values[r] == id).ToArray();
        return (
            [.. rows.Select(r => panel.Numeric(DidPanelBuilder.PeriodColumn).Values[r])],
            [.. rows.Select(r => panel.Numeric(DidPanelBuilder.OutcomeColumn).Values[r])],
            [.. rows.Select(r => panel.Numeric(DidPanelBuilder.FirstTreatedColumn).Values[r])]);
    }

    private void AssertRows(Core.Tables.UnitTable panel, string user, double[] outcome, double[] cohort)
    {
        var rows = Rows(panel, user);
        Assert.Equal([1.0, 2, 3], rows.Period);
        Assert.Equal(outcome, rows.Outcome);
        Assert.Equal(cohort, rows.Cohort);
    }

    [Fact]
    public void Each_user_active_in_the_panel_gets_every_period_with_counts_and_a_cohort()
    {
        var panel = DidPanelBuilder.Build(_shop.Store, Spec());

        Assert.Equal(["user", "period", "outcome", "first_treated"], panel.Columns.Select(c => c.Name));
        Assert.Equal(4 * 3, panel.RowCount); // a, b, c, e; d is active only before the start
        AssertRows(panel, "a", [2, 0, 1], [2, 2, 2]);
        AssertRows(panel, "b", [0, 0, 0], [0, 0, 0]); // the buy at the end is outside; arm 'off' is not treatment
        AssertRows(panel, "c", [0, 1, 0], [1, 1, 1]); // rolled out before the start: cohort 1
        Assert.Equal([0.0, 0, 0], Rows(panel, "e").Cohort);                      // rolled out after the end
    }

    [Fact]
    public void Covariates_count_each_users_actions_in_the_lookback_before_the_start()
    {
        var spec = StudySpec.Parse($"""
            study: rollout
            data: {"{ store: shop.duckdb }"}
            unit: user
            did: {"{"} rollout: loyalty, arm: on, start: 2024-01-01T00:00:00Z, period: 7d, periods: 3, outcome: {"{"} action: buy, value: count {"}"}, covariates: {"{"} actions: [view, buy], lookback: 2d {"}"} {"}"}
            """);
        _shop.Add(
            new Ev("a", "i1", CanonicalAction.View, S.AddDays(-1)),             // inside the look-back
            new Ev("a", "i1", CanonicalAction.View, S.AddHours(-1)),
            new Ev("a", "i1", CanonicalAction.Buy, S.AddDays(-2)),              // exactly at the look-back's start: inside
            new Ev("b", "i1", CanonicalAction.Buy, S.AddDays(-3)),              // before the look-back
            new Ev("e", "i1", CanonicalAction.View, S));                        // at the start: in the panel, not before it

        var panel = DidPanelBuilder.Build(_shop.Store, spec);

        Assert.Equal(["user", "period", "outcome", "first_treated", "view_before", "buy_before"], panel.Columns.Select(c => c.Name));
        double[] Column(string user, string name) =>
            [.. Enumerable.Range(0, panel.RowCount).Where(r => panel.Numeric(DidPanelBuilder.UserColumn).Values[r] == _shop.UserId(user)).Select(r => panel.Numeric(name).Values[r])];
        Assert.Equal([2.0, 2, 2], Column("a", "view_before"));   // the same in every period
        Assert.Equal([1.0, 1, 1], Column("a", "buy_before"));
        Assert.Equal([0.0, 0, 0], Column("b", "buy_before"));
        Assert.Equal([0.0, 0, 0], Column("e", "view_before"));
        Assert.Equal([0.0, 0, 0], Column("c", "view_before"));
        AssertRows(panel, "a", [2, 0, 1], [2, 2, 2]);            // outcomes and cohorts as without covariates
    }

    [Fact]
    public void Revenue_any_and_any_arm_follow_the_spec()
    {
        Assert.Equal([12.0, 0, 11], Rows(DidPanelBuilder.Build(_shop.Store, Spec("revenue")), "a").Outcome);
        Assert.Equal([1.0, 0, 1], Rows(DidPanelBuilder.Build(_shop.Store, Spec("any")), "a").Outcome);
        Assert.Equal([1.0, 1, 1], Rows(DidPanelBuilder.Build(_shop.Store, Spec(arm: string.Empty)), "b").Cohort);
    }

    [Fact]
    public void An_unknown_rollout_or_arm_is_named_with_what_the_store_has()
    {
        var campaign = Assert.Throws<InvalidOperationException>(() => DidPanelBuilder.Build(_shop.Store, Spec() with { Did = Spec().Did! with { Rollout = "vip" } }));
        var arm = Assert.Throws<InvalidOperationException>(() => DidPanelBuilder.Build(_shop.Store, Spec(arm: "half")));

        Assert.Contains("'vip'", campaign.Message, StringComparison.Ordinal);
        Assert.Contains("loyalty, newsletter", campaign.Message, StringComparison.Ordinal);
        Assert.Contains("Arms: off, on", arm.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_trial_spec_is_refused_and_the_did_spec_cannot_be_compiled_as_one()
    {
        Assert.Throws<ArgumentException>(() => StudySqlCompiler.Compile(Spec()));
    }
}
