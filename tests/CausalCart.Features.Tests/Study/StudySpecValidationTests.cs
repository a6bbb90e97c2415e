using CausalCart.Core.Events;
using CausalCart.Features.Study;

namespace CausalCart.Features.Tests.Study;

public sealed class StudySpecValidationTests
{
    private const string Base = """
        study: s
        data: { store: shop.duckdb }
        unit: user
        time_zero: { at: 2024-01-13T00:00:00Z }
        treatment: { campaign: c }
        outcome: { action: buy, within: 7d }
        """;

    private static StudySpecException Fails(string yaml) => Assert.Throws<StudySpecException>(() => StudySpec.Parse(yaml, "test.yaml"));

    private static StudySpecProblem Problem(string yaml, string path)
    {
        var ex = Fails(yaml);
        return Assert.Single(ex.Problems, p => p.Path == path);
    }

    /// <summary>Replaces one top-level line of <see cref="Base"/> (by key), or appends when the key is absent.</summary>
    private static string With(string key, string? line)
    {
        var lines = Base.Split('\n').Where(l => !l.StartsWith(key + ":", StringComparison.Ordinal)).ToList();
        if (line is not null)
        {
            lines.Add(line);
        }

        return string.Join('\n', lines);
    }

    [Fact]
    public void The_base_spec_is_valid()
    {
        Assert.NotNull(StudySpec.Parse(Base));
    }

    [Fact]
    public void Unknown_top_level_key_lists_the_valid_keys_with_its_line()
    {
        var p = Problem(Base + "\noutcomes: { action: buy }", "outcomes");

        Assert.Contains("not a known key", p.Message, StringComparison.Ordinal);
        Assert.Contains("study, data, unit, time_zero, eligibility, treatment, outcome, covariates, estimators, nuisance, refuters, seed", p.Message, StringComparison.Ordinal);
        Assert.Equal(7, p.Line);
    }

    [Fact]
    public void Unknown_nested_key_names_its_path_and_lists_the_valid_keys()
    {
        var p = Problem(With("outcome", "outcome: { action: buy, within: 7d, windw: 1d }"), "outcome.windw");

        Assert.Contains("action, within, value, after_grace, start", p.Message, StringComparison.Ordinal);
        Assert.Equal(6, p.Line);
    }

    [Theory]
    [InlineData("study")]
    [InlineData("data")]
    [InlineData("unit")]
    [InlineData("time_zero")]
    [InlineData("treatment")]
    [InlineData("outcome")]
    public void Missing_required_key_is_named(string key)
    {
        var p = Problem(With(key, null), key);

        Assert.Contains("required", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_nested_keys_are_named()
    {
        var ex = Fails(With("outcome", "outcome: { value: count }"));

        Assert.Contains(ex.Problems, p => p.Path == "outcome.action" && p.Message.Contains("required", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "outcome.within" && p.Message.Contains("required", StringComparison.Ordinal));
    }

    [Fact]
    public void An_action_treatment_needs_its_grace_period()
    {
        var p = Problem(With("treatment", "treatment: { action: cart }"), "treatment.within");

        Assert.Contains("required", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outcome", "outcome: { action: buy, within: 0s }", "outcome.within")]
    [InlineData("outcome", "outcome: { action: buy, within: -7d }", "outcome.within")]
    [InlineData("treatment", "treatment: { campaign: c, within: 0m }", "treatment.within")]
    [InlineData("eligibility", "eligibility: { active_within: -30d }", "eligibility.active_within")]
    [InlineData("covariates", "covariates: { lookbacks: [7d], families: [recency], recency_cap: 0d }", "covariates.recency_cap")]
    public void Zero_and_negative_windows_are_impossible(string key, string line, string path)
    {
        var p = Problem(With(key, line), path);

        Assert.Contains("positive", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outcome_window_before_time_zero_is_refused()
    {
        var p = Problem(With("outcome", "outcome: { action: buy, within: 7d, start: -1d }"), "outcome.start");

        Assert.Contains("before time zero", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grace_period_longer_than_the_outcome_start_is_refused()
    {
        var yaml = With("treatment", "treatment: { action: cart, within: 10m }");

        var p = Problem(yaml, "treatment.within");

        Assert.Contains("longer than the outcome window's start", p.Message, StringComparison.Ordinal);
        Assert.Contains("after_grace", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_outcome_start_inside_the_grace_period_is_refused_and_one_after_it_accepted()
    {
        var yaml = With("treatment", "treatment: { action: cart, within: 10m }");

        Problem(With("outcome", "outcome: { action: buy, within: 1h, start: 5m }").Replace("treatment: { campaign: c }", "treatment: { action: cart, within: 10m }", StringComparison.Ordinal), "treatment.within");
        var ok = StudySpec.Parse(yaml.Replace("outcome: { action: buy, within: 7d }", "outcome: { action: buy, within: 1h, start: 10m }", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromMinutes(10), ok.Outcome.StartOffset(ok.Treatment));
    }

    [Fact]
    public void Start_and_after_grace_together_conflict()
    {
        Problem(With("outcome", "outcome: { action: buy, within: 1h, start: 1h, after_grace: true }"), "outcome.after_grace");
    }

    [Theory]
    [InlineData("outcome", "outcome: { action: purchase, within: 7d }", "outcome.action", "view, click, cart, fav, buy, search, remove_from_cart")]
    [InlineData("unit", "unit: session", "unit", "user, user_item")]
    [InlineData("estimators", "estimators: [naive, dml]", "estimators[1]", "naive, regression, ipw, aipw, dml_plr, dml_irm, causal_forest, matching")]
    [InlineData("covariates", "covariates: { lookbacks: [7d], families: [action_counts, clicks] }", "covariates.families[1]", "action_counts, recency, price_stats, category_affinity, sessions")]
    [InlineData("nuisance", "nuisance: xgboost", "nuisance", "logistic, linear, gbdt, forest")]
    [InlineData("nuisance", "nuisance: random_forest", "nuisance", "logistic, linear, gbdt, forest")]
    [InlineData("refuters", "refuters: [jackknife]", "refuters[0]", "placebo, random_common_cause, subset")]
    [InlineData("outcome", "outcome: { action: buy, within: 7d, value: mean }", "outcome.value", "any, count, revenue")]
    [InlineData("time_zero", "time_zero: { first: click_through }", "time_zero.first", "view, click")]
    [InlineData("data", "data: { events: e.csv, format: amazon }", "data.format", "generic, taobao, retailrocket, rees46, yoochoose")]
    public void Unknown_names_are_refused_with_the_valid_ones_listed(string key, string line, string path, string valid)
    {
        var p = Problem(With(key, line), path);

        Assert.Contains(valid, p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_names_are_refused()
    {
        Problem(With("estimators", "estimators: [aipw, ipw, aipw]"), "estimators[2]");
        Problem(With("covariates", "covariates: { lookbacks: [7d, 1w], families: [recency] }"), "covariates.lookbacks[1]");
    }

    [Theory]
    [InlineData("covariates: { lookbacks: [-7d], families: [action_counts] }", "covariates.lookbacks[0]")]
    [InlineData("covariates: { lookbacks: [7d], families: [action_counts], gap: -1h }", "covariates.gap")]
    public void A_covariate_option_that_would_read_at_or_after_time_zero_is_refused(string line, string path)
    {
        var p = Problem(With("covariates", line), path);

        Assert.Contains("at or after time zero", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Families_that_need_a_lookback_refuse_an_empty_list()
    {
        var p = Problem(With("covariates", "covariates: { lookbacks: [], families: [recency, sessions] }"), "covariates.lookbacks");

        Assert.Contains("sessions", p.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("recency", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed: -1")]
    [InlineData("seed: 2147483648")]
    [InlineData("seed: 99999999999999999999999")]
    [InlineData("seed: 1.5")]
    [InlineData("seed: one")]
    public void Seeds_out_of_range_are_refused(string line)
    {
        var p = Problem(With("seed", line), "seed");

        Assert.Contains("2147483647", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_seed_is_accepted()
    {
        Assert.Equal(int.MaxValue, StudySpec.Parse(With("seed", "seed: 2147483647")).Seed);
    }

    [Theory]
    [InlineData("data: { format: generic }", "neither")]
    [InlineData("data: { store: a.duckdb, events: e.csv }", "both")]
    public void Data_needs_exactly_one_of_store_and_events(string line, string word)
    {
        var p = Problem(With("data", line), "data");

        Assert.Contains(word, p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_data_for_a_campaign_design_needs_an_exposure_log()
    {
        Problem(With("data", "data: { events: e.csv }"), "data.exposures");
        Assert.NotNull(StudySpec.Parse(With("data", "data: { events: e.csv, exposures: x.csv }")));
    }

    [Fact]
    public void The_user_item_unit_needs_a_first_action_time_zero_and_an_action_treatment()
    {
        var ex = Fails(With("unit", "unit: user_item"));

        Assert.Contains(ex.Problems, p => p.Path == "time_zero" && p.Message.Contains("first", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "treatment.campaign" && p.Message.Contains("user only", StringComparison.Ordinal));
    }

    [Fact]
    public void Treating_with_the_time_zero_action_is_refused()
    {
        var yaml = Specs.ViewCartBuy.Replace("action: cart", "action: view", StringComparison.Ordinal);

        var p = Problem(yaml, "treatment.action");

        Assert.Contains("every unit would be treated", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("time_zero: { at: 2024-01-13, campaign: c }", "time_zero")]
    [InlineData("time_zero: { }", "time_zero")]
    [InlineData("time_zero: { at: 2024-01-13, period: { from: 2024-01-01 } }", "time_zero.period")]
    [InlineData("time_zero: { at: yesterday }", "time_zero.at")]
    [InlineData("time_zero: { first: view, period: { from: 2024-02-01, to: 2024-01-01 } }", "time_zero.period")]
    public void Time_zero_needs_exactly_one_readable_definition(string line, string path)
    {
        var yaml = With("time_zero", line).Replace("treatment: { campaign: c }", "treatment: { action: cart, within: 1h }", StringComparison.Ordinal)
            .Replace("outcome: { action: buy, within: 7d }", "outcome: { action: buy, within: 7d, after_grace: true }", StringComparison.Ordinal);

        Problem(yaml, path);
    }

    [Fact]
    public void An_arm_goes_only_with_a_campaign()
    {
        var yaml = With("treatment", "treatment: { action: cart, within: 1h, arm: coupon }")
            .Replace("outcome: { action: buy, within: 7d }", "outcome: { action: buy, within: 7d, after_grace: true }", StringComparison.Ordinal);

        Problem(yaml, "treatment.arm");
    }

    [Fact]
    public void Values_of_the_wrong_shape_are_refused()
    {
        var ex = Fails(Base.Replace("unit: user", "unit: [user]", StringComparison.Ordinal) + "\nestimators: aipw\nrefuters: { placebo: 1 }");

        Assert.Contains(ex.Problems, p => p.Path == "unit" && p.Message.Contains("single value", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "estimators" && p.Message.Contains("list", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "refuters" && p.Message.Contains("list", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_its_line()
    {
        var p = Problem("study: s\nunit: user\ndata: store: a\n", "(yaml)");

        Assert.Equal(3, p.Line);
        Assert.Contains("not valid YAML", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_flow_mapping_is_reported_as_invalid_yaml()
    {
        var p = Problem("study: s\ndata: { store: a\nunit: user", "(yaml)");

        Assert.Contains("not valid YAML", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_refused()
    {
        Problem("- a\n- b", "(spec)");
        Problem(string.Empty, "(spec)");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_paths_and_lines()
    {
        const string yaml = """
            study: bad
            data: { }
            unit: user
            time_zero: { at: 2024-01-13T00:00:00Z }
            treatment: { action: cart, within: 10m }
            outcome: { action: buy, within: -1h, colour: red }
            covariates: { lookbacks: [7d, -1d], families: [action_counts, vibes] }
            estimators: [aipw, dml]
            nuisance: xgboost
            seed: -5
            """;

        var ex = Fails(yaml);
        var byPath = ex.Problems.ToDictionary(p => p.Path);

        Assert.Equal(2, byPath["data"].Line);
        Assert.Equal(6, byPath["outcome.within"].Line);
        Assert.Equal(6, byPath["outcome.colour"].Line);
        Assert.Equal(7, byPath["covariates.lookbacks[1]"].Line);
        Assert.Equal(7, byPath["covariates.families[1]"].Line);
        Assert.Equal(8, byPath["estimators[1]"].Line);
        Assert.Equal(9, byPath["nuisance"].Line);
        Assert.Equal(10, byPath["seed"].Line);
        Assert.Equal(5, byPath["treatment.within"].Line); // the 10m grace period against an outcome from time zero
        Assert.Equal(9, ex.Problems.Count);
        foreach (var p in ex.Problems)
        {
            Assert.Contains(p.ToString(), ex.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith("The study spec 'test.yaml' has 9 problems:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("outcome.within (line 6, column", ex.Message, StringComparison.Ordinal);
        Assert.Equal("test.yaml", ex.SpecName);
    }

    [Fact]
    public void A_spec_built_in_code_reports_every_problem_by_path()
    {
        var spec = new StudySpec
        {
            Name = "bad name!",
            Data = new DataSource(),
            Unit = (StudyUnit)7,
            TimeZero = null!,
            Treatment = new ActionTreatment(CanonicalAction.Cart, TimeSpan.Zero),
            Outcome = new OutcomeSpec(CanonicalAction.Buy, TimeSpan.FromDays(1)) { Start = TimeSpan.FromHours(-1) },
            Covariates = new CovariateSpec { Lookbacks = [TimeSpan.FromDays(-1)], Families = [CovariateFamily.ActionCounts], Gap = TimeSpan.FromSeconds(-1) },
            Estimators = [],
            Nuisance = (NuisanceLearner)9,
            Seed = -1,
        };

        var ex = Assert.Throws<StudySpecException>(spec.Validate);
        var paths = ex.Problems.Select(p => p.Path).ToHashSet();

        Assert.Equal(
            new HashSet<string> { "study", "data", "unit", "time_zero", "treatment.within", "outcome.start", "covariates.lookbacks[0]", "covariates.gap", "estimators", "nuisance", "seed" },
            paths);
        Assert.All(ex.Problems, p => Assert.Null(p.Line));
    }
}
