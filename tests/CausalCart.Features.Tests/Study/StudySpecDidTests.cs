using CausalCart.Core.Events;
using CausalCart.Features.Study;

namespace CausalCart.Features.Tests.Study;

/// <summary>The <c>did:</c> block: a difference-in-differences study in place of the target-trial keys.</summary>
public sealed class StudySpecDidTests
{
    private const string Rollout = """
        study: loyalty-rollout
        data: { store: shop.duckdb }
        unit: user
        did:
          rollout: loyalty
          arm: on
          start: 2024-01-01T00:00:00Z
          period: 7d
          periods: 8
          outcome: { action: buy, value: count }
        seed: 4
        """;

    private static StudySpecProblem Problem(string yaml, string path)
    {
        var ex = Assert.Throws<StudySpecException>(() => StudySpec.Parse(yaml, "test.yaml"));
        return Assert.Single(ex.Problems, p => p.Path == path);
    }

    [Fact]
    public void The_did_block_is_read_without_the_target_trial_keys()
    {
        var spec = StudySpec.Parse(Rollout);

        var did = Assert.IsType<DidStudySpec>(spec.Did);
        Assert.Equal("loyalty", did.Rollout);
        Assert.Equal("on", did.Arm);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), did.Start);
        Assert.Equal(TimeSpan.FromDays(7), did.Period);
        Assert.Equal(8, did.Periods);
        Assert.Equal(new DateTime(2024, 2, 26, 0, 0, 0, DateTimeKind.Utc), did.End);
        Assert.Equal((CanonicalAction.Buy, OutcomeValue.Count), (did.OutcomeAction, did.OutcomeValue));
        Assert.Equal(4, spec.Seed);
        Assert.Equal(DidControl.NeverTreated, did.Control);
        Assert.Equal(DidControl.NotYetTreated, StudySpec.Parse(Rollout.Replace("  periods: 8\n", "  periods: 8\n  control: not_yet\n", StringComparison.Ordinal)).Did!.Control);
        Assert.Equal((DidBase.Varying, 0), (did.BasePeriod, did.Anticipation));
        var announced = StudySpec.Parse(Rollout.Replace("  periods: 8\n", "  periods: 8\n  base_period: universal\n  anticipation: 1\n", StringComparison.Ordinal)).Did!;
        Assert.Equal((DidBase.Universal, 1), (announced.BasePeriod, announced.Anticipation));
        Assert.Empty(spec.FindProblems());
        Assert.Empty(did.CovariateActions);
        Assert.Equal(DidEstimationMethod.DoublyRobust, did.Estimation);
    }

    [Fact]
    public void Covariates_count_actions_before_the_start_and_name_their_columns()
    {
        var did = StudySpec.Parse(Rollout.Replace("  periods: 8\n", "  periods: 8\n  covariates: { actions: [view, buy], lookback: 28d }\n  estimation: ipw\n", StringComparison.Ordinal)).Did!;

        Assert.Equal([CanonicalAction.View, CanonicalAction.Buy], did.CovariateActions);
        Assert.Equal(TimeSpan.FromDays(28), did.CovariateLookback);
        Assert.Equal(["view_before", "buy_before"], did.CovariateColumns);
        Assert.Equal(DidEstimationMethod.Ipw, did.Estimation);
    }

    [Theory]
    [InlineData("treatment: { campaign: c }", "treatment")]
    [InlineData("time_zero: { at: 2024-01-01T00:00:00Z }", "time_zero")]
    [InlineData("estimators: [aipw]", "estimators")]
    [InlineData("instrument: { campaign: e }", "instrument")]
    public void Target_trial_keys_are_refused_beside_did_with_their_line(string line, string path)
    {
        var p = Problem(Rollout + "\n" + line + "\n", path);

        Assert.Contains("does not go with 'did'", p.Message, StringComparison.Ordinal);
        Assert.Equal(12, p.Line);
    }

    [Theory]
    [InlineData("  periods: 8\n", "  periods: 1\n", "did.periods", "out of range")]
    [InlineData("  periods: 8\n", "  periods: eight\n", "did.periods", "not a whole number")]
    [InlineData("  period: 7d\n", "  period: 0s\n", "did.period", "must be positive")]
    [InlineData("  period: 7d\n", "", "did.period", "is required")]
    [InlineData("  rollout: loyalty\n", "", "did.rollout", "is required")]
    [InlineData("  start: 2024-01-01T00:00:00Z\n", "  start: soon\n", "did.start", "not a timestamp")]
    [InlineData("  outcome: { action: buy, value: count }\n", "  outcome: { action: buy, value: profit }\n", "did.outcome.value", "not a known outcome value")]
    [InlineData("  outcome: { action: buy, value: count }\n", "  outcome: { value: count }\n", "did.outcome.action", "is required")]
    [InlineData("  arm: on\n", "  arm: on\n  cohorts: 3\n", "did.cohorts", "not a known key")]
    [InlineData("unit: user\n", "unit: user_item\n", "unit", "must be user")]
    [InlineData("  periods: 8\n", "  periods: 8\n  control: later\n", "did.control", "Valid: never, not_yet")]
    [InlineData("  periods: 8\n", "  periods: 8\n  base_period: fixed\n", "did.base_period", "Valid: varying, universal")]
    [InlineData("  periods: 8\n", "  periods: 8\n  anticipation: -1\n", "did.anticipation", "not a whole number")]
    [InlineData("  periods: 8\n", "  periods: 8\n  anticipation: 7\n", "did.anticipation", "out of range: 0 to 6")]
    [InlineData("  periods: 8\n", "  periods: 8\n  estimation: ols\n", "did.estimation", "Valid: dr, reg, ipw")]
    [InlineData("  periods: 8\n", "  periods: 8\n  covariates: { actions: [view] }\n", "did.covariates.lookback", "is required")]
    [InlineData("  periods: 8\n", "  periods: 8\n  covariates: { actions: [view], lookback: 0s }\n", "did.covariates.lookback", "positive whole number of seconds")]
    [InlineData("  periods: 8\n", "  periods: 8\n  covariates: { actions: [view], lookback: 30000d }\n", "did.covariates.lookback", "reaches back before 1970")]
    [InlineData("  periods: 8\n", "  periods: 8\n  covariates: { lookback: 28d }\n", "did.covariates.actions", "is required")]
    [InlineData("  periods: 8\n", "  periods: 8\n  covariates: { actions: [], lookback: 28d }\n", "did.covariates.actions", "is empty")]
    [InlineData("  periods: 8\n", "  periods: 8\n  covariates: { actions: [view], lookback: 28d, window: 3 }\n", "did.covariates.window", "not a known key")]
    public void Bad_did_entries_are_reported_with_their_key(string from, string to, string path, string message)
    {
        var yaml = Rollout.Replace(from, to, StringComparison.Ordinal);

        Assert.Contains(message, Problem(yaml, path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_data_for_a_rollout_needs_the_exposure_log()
    {
        var yaml = Rollout.Replace("data: { store: shop.duckdb }", "data: { events: events.csv }", StringComparison.Ordinal);

        Assert.Contains("exposure log", Problem(yaml, "data.exposures").Message, StringComparison.Ordinal);
    }
}
