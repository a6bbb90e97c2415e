using CausalCart.Core.Events;
using CausalCart.Core.Results;
using CausalCart.Features.Study;

namespace CausalCart.Features.Tests.Study;

/// <summary>The <c>instrument:</c> key and the instrumental-variable names in <c>estimators:</c>.</summary>
public sealed class StudySpecInstrumentTests
{
    private const string Base = """
        study: s
        data: { store: shop.duckdb }
        unit: user
        time_zero: { at: 2024-01-13T00:00:00Z }
        treatment: { campaign: coupon, arm: claimed }
        outcome: { action: buy, within: 7d, start: 1d }
        """;

    private static StudySpecProblem Problem(string yaml, string path)
    {
        var ex = Assert.Throws<StudySpecException>(() => StudySpec.Parse(yaml, "test.yaml"));
        return Assert.Single(ex.Problems, p => p.Path == path);
    }

    [Fact]
    public void A_campaign_instrument_and_iv_estimators_are_read_beside_the_others()
    {
        var spec = StudySpec.Parse(Base + "\ninstrument: { campaign: email_wave, arm: email }\nestimators: [naive, 2sls, aipw, dr_late, pliv, wald]\n");

        var z = Assert.IsType<CampaignTreatment>(spec.Instrument);
        Assert.Equal(("email_wave", "email", TimeSpan.FromDays(1)), (z.Campaign, z.Arm, z.Within));
        Assert.Equal([EffectMethod.Naive, EffectMethod.Aipw], spec.Estimators);
        Assert.Equal([IvMethod.TwoStageLeastSquares, IvMethod.DrLate, IvMethod.PartiallyLinearIv, IvMethod.Wald], spec.IvEstimators);
    }

    [Fact]
    public void An_action_instrument_needs_its_window_and_only_iv_estimators_are_enough()
    {
        var spec = StudySpec.Parse(Base + "\ninstrument: { action: click, within: 1h }\nestimators: [2sls]\n");

        Assert.Equal(new ActionTreatment(CanonicalAction.Click, TimeSpan.FromHours(1)), spec.Instrument);
        Assert.Empty(spec.Estimators);
        Assert.Equal([IvMethod.TwoStageLeastSquares], spec.IvEstimators);

        var p = Problem(Base + "\ninstrument: { action: click }\n", "instrument.within");
        Assert.Contains("as the instrument", p.Message, StringComparison.Ordinal);
        Assert.Equal(7, p.Line);
    }

    [Fact]
    public void Without_an_instrument_none_is_read_and_no_iv_method_runs()
    {
        var spec = StudySpec.Parse(Base);

        Assert.Null(spec.Instrument);
        Assert.Empty(spec.IvEstimators);
    }

    [Fact]
    public void An_iv_estimator_without_an_instrument_is_refused_at_its_list_entry_and_line()
    {
        var p = Problem(Base + "\nestimators: [naive, aipw, 2sls]\n", "estimators[2]");

        Assert.Contains("'2sls' is an instrumental-variable method and needs an instrument", p.Message, StringComparison.Ordinal);
        Assert.Equal(7, p.Line);
    }

    [Fact]
    public void An_iv_estimator_without_an_instrument_is_refused_in_a_spec_built_in_code()
    {
        var spec = StudySpec.Parse(Base) with { IvEstimators = [IvMethod.Wald] };

        var p = Assert.Single(spec.FindProblems());
        Assert.Equal("estimators", p.Path);
        Assert.Contains("'wald' is an instrumental-variable method", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_instrument_is_reported_once_not_again_as_a_missing_one()
    {
        var ex = Assert.Throws<StudySpecException>(() => StudySpec.Parse(Base + "\ninstrument: { action: wink, within: 1h }\nestimators: [2sls]\n"));

        var p = Assert.Single(ex.Problems);
        Assert.Equal("instrument.action", p.Path);
    }

    [Theory]
    [InlineData("instrument: { campaign: coupon }", "instrument.campaign")]                 // any arm of the treatment's campaign
    [InlineData("instrument: { campaign: coupon, arm: claimed }", "instrument.campaign")]   // the treated arm itself
    public void An_instrument_that_is_the_treatment_is_refused(string line, string path)
    {
        var p = Problem(Base + "\n" + line + "\n", path);

        Assert.Contains("is the treatment itself", p.Message, StringComparison.Ordinal);
        Assert.Equal(7, p.Line);
    }

    [Fact]
    public void Another_arm_of_the_treatments_campaign_is_a_valid_instrument()
    {
        var spec = StudySpec.Parse(Base + "\ninstrument: { campaign: coupon, arm: reminded }\n");

        Assert.Equal("reminded", Assert.IsType<CampaignTreatment>(spec.Instrument).Arm);
    }

    [Fact]
    public void An_action_instrument_equal_to_an_action_treatment_is_refused()
    {
        var yaml = Base.Replace("treatment: { campaign: coupon, arm: claimed }", "treatment: { action: cart, within: 1h }", StringComparison.Ordinal)
            + "\ninstrument: { action: cart, within: 1h }\n";

        Assert.Contains("is the treatment itself", Problem(yaml, "instrument.action").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instrument_measured_after_the_outcome_window_opens_is_refused()
    {
        var p = Problem(Base + "\ninstrument: { campaign: email_wave, within: 2d }\n", "instrument.within");

        Assert.Contains("could be measured after the outcome", p.Message, StringComparison.Ordinal);
        Assert.Contains("2d", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_campaign_instrument_may_start_with_the_outcome_at_time_zero()
    {
        var yaml = Base.Replace("outcome: { action: buy, within: 7d, start: 1d }", "outcome: { action: buy, within: 7d }", StringComparison.Ordinal)
            .Replace("treatment: { campaign: coupon, arm: claimed }", "treatment: { campaign: coupon }", StringComparison.Ordinal)
            + "\ninstrument: { campaign: email_wave }\n";

        Assert.NotNull(StudySpec.Parse(yaml).Instrument);
        Assert.Equal("instrument.within", Problem(yaml.Replace("{ campaign: email_wave }", "{ action: click, within: 1h }", StringComparison.Ordinal), "instrument.within").Path);
    }

    [Fact]
    public void The_time_zero_action_cannot_be_the_instrument()
    {
        var yaml = """
            study: s
            data: { store: shop.duckdb }
            unit: user_item
            time_zero: { first: view }
            treatment: { action: cart, within: 10m }
            outcome: { action: buy, within: 1h, after_grace: true }
            instrument: { action: view, within: 5m }
            """;

        Assert.Contains("also the time-zero action", Problem(yaml, "instrument.action").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_campaign_instrument_needs_a_user_unit_and_raw_data_needs_exposures()
    {
        var pairs = """
            study: s
            data: { store: shop.duckdb }
            unit: user_item
            time_zero: { first: view }
            treatment: { action: cart, within: 10m }
            outcome: { action: buy, within: 1h, after_grace: true }
            instrument: { campaign: email_wave }
            """;
        Assert.Contains("unit user only", Problem(pairs, "instrument.campaign").Message, StringComparison.Ordinal);

        var raw = Base.Replace("data: { store: shop.duckdb }", "data: { events: e.csv }", StringComparison.Ordinal)
            .Replace("treatment: { campaign: coupon, arm: claimed }", "treatment: { action: cart, within: 1h }", StringComparison.Ordinal)
            + "\ninstrument: { campaign: email_wave }\n";
        Assert.Contains("exposure log", Problem(raw, "data.exposures").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("instrument: { campaign: email_wave, colour: red }", "instrument.colour", "not a known key")]
    [InlineData("instrument: { action: click, arm: a, within: 1h }", "instrument.arm", "only goes with 'campaign'")]
    [InlineData("instrument: { campaign: e, action: click }", "instrument", "exactly one of campaign, action")]
    [InlineData("instrument: { action: wink, within: 1h }", "instrument.action", "not a known action")]
    [InlineData("estimators: [naive, 3sls]", "estimators[1]", "2sls, wald, pliv, dr_late")]
    [InlineData("instrument: { campaign: e }\nestimators: [2sls, 2SLS]", "estimators[1]", "'2sls' appears twice")]
    public void Bad_instrument_entries_are_reported_with_their_key(string entry, string path, string message)
    {
        Assert.Contains(message, Problem(Base + "\n" + entry + "\n", path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_iv_estimator_name_round_trips()
    {
        foreach (string name in EstimatorNames.ValidIv.Split(", "))
        {
            Assert.True(EstimatorNames.TryParseIv(name, out var method), name);
            Assert.Equal(name, EstimatorNames.Name(method));
            Assert.False(EstimatorNames.TryParse(name, out _), name);
        }

        Assert.Equal("2sls, wald, pliv, dr_late", EstimatorNames.ValidIv);
    }
}
