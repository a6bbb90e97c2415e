using System.Text.RegularExpressions;
using CausalCart.Features.Study;
using CausalCart.Features.Tests.Study;
using CausalCart.Features.UnitTables;

namespace CausalCart.Features.Tests.UnitTables;

public sealed partial class StudySqlCompilerTests
{
    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();

    private static readonly string[] CountStems = ["views", "clicks", "carts", "favs", "buys", "searches", "remove_from_carts"];

    [Fact]
    public void Column_names_follow_the_documented_scheme()
    {
        var compiled = StudySqlCompiler.Compile(StudySpec.Parse(Specs.WinterCoupon));

        var expected = new List<string> { "user", "t0", "treatment", "outcome" };
        foreach (var lookback in new[] { "1d", "7d", "30d", "60d" })
        {
            expected.AddRange(CountStems.Select(s => $"{s}_{lookback}"));
        }

        expected.AddRange(["days_since_last_event", "days_since_last_event_missing", "days_since_last_buy", "days_since_last_buy_missing"]);
        expected.AddRange(["view_price_mean_60d", "view_price_max_60d", "view_price_missing_60d", "spend_60d"]);
        expected.AddRange(["top_category_share_60d", "top_category_share_missing_60d"]);
        Assert.Equal(expected, compiled.Columns.Select(c => c.Name));
        Assert.Equal(
            [StudyColumnRole.Key, StudyColumnRole.TimeZero, StudyColumnRole.Treatment, StudyColumnRole.Outcome],
            compiled.Columns.Take(4).Select(c => c.Role));
        Assert.All(compiled.Columns.Skip(4), c => Assert.Equal(StudyColumnRole.Covariate, c.Role));
        Assert.All(compiled.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
    }

    [Fact]
    public void User_item_columns_include_the_item_key_and_item_category_affinity_and_sessions()
    {
        var spec = StudySpec.Parse(Specs.ViewCartBuy) with
        {
            Covariates = new CovariateSpec { Lookbacks = [TimeSpan.FromMinutes(90), TimeSpan.FromDays(14)], Families = [CovariateFamily.CategoryAffinity, CovariateFamily.Sessions] },
        };

        var names = StudySqlCompiler.Compile(spec).Columns.Select(c => c.Name);

        Assert.Equal(
            ["user", "item", "t0", "treatment", "outcome", "item_category_share_14d", "item_category_events_14d", "item_category_share_missing_14d", "sessions_90m", "sessions_14d"],
            names);
    }

    [Fact]
    public void Spec_values_travel_as_parameters_never_in_the_text()
    {
        var spec = StudySpec.Parse(Specs.WinterCoupon) with { Treatment = new CampaignTreatment("o'brien; DROP TABLE events", "arm'x") };

        var compiled = StudySqlCompiler.Compile(spec);

        Assert.DoesNotContain("brien", compiled.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("arm'x", compiled.Sql, StringComparison.Ordinal);
        Assert.Contains(compiled.Parameters, p => p.Name == "treatment_campaign" && (string)p.Value == "o'brien; DROP TABLE events");
        Assert.Contains("'o''brien; DROP TABLE events'", compiled.InlineSql(), StringComparison.Ordinal);
        Assert.Contains(compiled.Parameters, p => p.Name == "time_zero_at_us" && (long)p.Value == 1_705_104_000_000_000);
        Assert.Contains(compiled.Parameters, p => p.Name == "outcome_end_us" && (long)p.Value == 7 * 86_400_000_000L);
    }

    [Fact]
    public void Every_parameter_is_used_and_every_use_is_compiled()
    {
        foreach (var spec in new[] { StudySpec.Parse(Specs.WinterCoupon), StudySpec.Parse(Specs.ViewCartBuy) })
        {
            var compiled = StudySqlCompiler.Compile(spec);
            var used = Parameter().Matches(compiled.Sql).Select(m => m.Groups[1].Value).ToHashSet();

            Assert.Equal(used.Order(), compiled.Parameters.Select(p => p.Name).Order());
            Assert.DoesNotContain("$", compiled.InlineSql(), StringComparison.Ordinal);
            var positional = compiled.PositionalSql();
            Assert.Equal(
                Enumerable.Range(1, compiled.Parameters.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Parameter().Matches(positional.Replace("$", "$p", StringComparison.Ordinal)).Select(m => m.Groups[1].Value[1..]).Distinct().Order(StringComparer.Ordinal).OrderBy(int.Parse));
        }
    }

    [Fact]
    public void Covariate_ctes_read_only_the_history_cte_and_history_stops_before_the_cutoff()
    {
        var sql = StudySqlCompiler.Compile(StudySpec.Parse(Specs.WinterCoupon) with
        {
            Covariates = new CovariateSpec
            {
                Lookbacks = [TimeSpan.FromDays(7)],
                Families = [CovariateFamily.ActionCounts, CovariateFamily.Recency, CovariateFamily.PriceStats, CovariateFamily.CategoryAffinity, CovariateFamily.Sessions],
            },
        }).Sql;

        var ctes = Regex.Matches(sql, @"(f_\w+) AS \(\n(.*?)\n\),?\n", RegexOptions.Singleline);
        Assert.Equal(
            ["f_action_counts", "f_recency", "f_price_stats", "f_category_counts", "f_category_affinity", "f_sessions"],
            ctes.Select(m => m.Groups[1].Value));
        foreach (Match cte in ctes)
        {
            Assert.DoesNotMatch(@"(FROM|JOIN) (events|exposures|units)\b", cte.Groups[2].Value);
            Assert.Matches(@"FROM (history h|f_category_counts c)", cte.Groups[2].Value);
        }

        Assert.Contains("WHERE e.ts < u.cutoff AND", sql, StringComparison.Ordinal);
        Assert.Contains("u.t0 - to_microseconds($gap_us) AS cutoff", sql.Replace("z.t0", "u.t0", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_window_after_grace_starts_when_the_grace_period_ends()
    {
        var compiled = StudySqlCompiler.Compile(StudySpec.Parse(Specs.ViewCartBuy));

        Assert.Contains(compiled.Parameters, p => p.Name == "outcome_start_us" && (long)p.Value == 600_000_000);
        Assert.Contains(compiled.Parameters, p => p.Name == "outcome_end_us" && (long)p.Value == 4_200_000_000);
        Assert.Contains(compiled.Parameters, p => p.Name == "treatment_within_us" && (long)p.Value == 600_000_000);
        Assert.Contains("1 if buy events of the item in [t0 + 10m, t0 + 70m)", compiled.Columns.Single(c => c.Name == "outcome").Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiling_validates_the_spec_first()
    {
        var spec = StudySpec.Parse(Specs.WinterCoupon) with { Covariates = new CovariateSpec { Lookbacks = [TimeSpan.FromDays(-1)], Families = [CovariateFamily.ActionCounts] } };

        var ex = Assert.Throws<StudySpecException>(() => StudySqlCompiler.Compile(spec));

        Assert.Equal("covariates.lookbacks[0]", Assert.Single(ex.Problems).Path);
    }

    [Fact]
    public void No_families_means_no_history_and_only_the_design_columns()
    {
        var spec = StudySpec.Parse(Specs.WinterCoupon) with { Covariates = new CovariateSpec() };

        var compiled = StudySqlCompiler.Compile(spec);

        Assert.Equal(["user", "t0", "treatment", "outcome"], compiled.Columns.Select(c => c.Name));
        Assert.DoesNotContain("history AS (", compiled.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("f_", compiled.Sql, StringComparison.Ordinal);
    }
}
