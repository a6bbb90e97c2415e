namespace CausalCart.Cli.Tests;

/// <summary>The documented exit codes, each provoked by the input that should cause it.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public async Task Unknown_format_is_a_usage_error_that_lists_the_valid_ones()
    {
        using var dir = TestPaths.NewTempDir();
        var file = dir.File("e.csv");
        File.WriteAllText(file, "x\n");
        var run = await Cli.RunAsync("ingest", file, "--format", "amazon", "--store", dir.File("s.duckdb"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("taobao", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_input_and_unknown_command_are_usage_errors()
    {
        using var dir = TestPaths.NewTempDir();
        var missing = await Cli.RunAsync("ingest", dir.File("nope.csv"), "--store", dir.File("s.duckdb"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.csv", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await Cli.RunAsync("frobnicate")).ExitCode);
        Assert.Equal(2, (await Cli.RunAsync("estimate", "--data", dir.File("nope.csv"))).ExitCode);

        // An invalid option value: the message names the option, without .NET's "(Parameter '…')" suffix.
        var users = await Cli.RunAsync("simulate", "--users", "0", "--out", dir.File("world"));
        Assert.Equal(2, users.ExitCode);
        Assert.Contains("Users must be positive (got 0)", users.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", users.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spec_with_an_unknown_key_is_a_usage_error_naming_the_key()
    {
        using var dir = TestPaths.NewTempDir();
        var spec = dir.File("s.yaml");
        File.WriteAllText(spec, """
            study: s
            data: { store: shop.duckdb }
            unit: user
            time_zero: { at: 2024-01-13T00:00:00Z }
            treatment: { campaign: c }
            outcome: { action: buy, within: 7d, windw: 3d }
            """);
        var run = await Cli.RunAsync("analyze", spec);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("outcome.windw", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_overlap_is_refused_with_code_4_unless_allowed()
    {
        using var dir = TestPaths.NewTempDir();
        var data = dir.File("units.csv");
        var rng = new Random(3);
        var lines = new List<string> { "t,y,x,segment" };
        for (var i = 0; i < 400; i++)
        {
            var x = rng.NextDouble() * 10;
            var t = x > 5 ? 1 : 0; // treatment decided by x alone: no overlap at all
            lines.Add(FormattableString.Invariant($"{t},{(x + t + rng.NextDouble() > 6 ? 1 : 0)},{x:F3},{(i % 3 == 0 ? "a" : "b")}"));
        }

        File.WriteAllLines(data, lines);
        var refused = await Cli.RunAsync("estimate", "--data", data, "--treatment", "t", "--outcome", "y", "--controls", "x,segment", "--refuters", "none");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("overlap", refused.Stderr, StringComparison.OrdinalIgnoreCase);
        var allowed = await Cli.RunAsync("estimate", "--data", data, "--treatment", "t", "--outcome", "y", "--controls", "x,segment", "--refuters", "none", "--allow-poor-overlap", "--json");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains(allowed.JsonElement().GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("insufficient", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Estimate_on_a_csv_with_text_columns_needs_no_pre_encoding()
    {
        using var dir = TestPaths.NewTempDir();
        var data = dir.File("units.csv");
        var rng = new Random(11);
        var lines = new List<string> { "coupon,bought,age,segment" };
        for (var i = 0; i < 3000; i++)
        {
            var segment = (i % 3) switch { 0 => "new", 1 => "regular", _ => "loyal" };
            var age = 20 + rng.NextDouble() * 40;
            var p = segment == "loyal" ? 0.7 : 0.3;
            var t = rng.NextDouble() < p ? "yes" : "no";
            var y = rng.NextDouble() < (segment == "loyal" ? 0.5 : 0.2) + (t == "yes" ? 0.1 : 0) ? 1 : 0;
            lines.Add(FormattableString.Invariant($"{t},{y},{age:F1},{segment}"));
        }

        File.WriteAllLines(data, lines);
        var run = await Cli.RunAsync("estimate", "--data", data, "--treatment", "coupon", "--outcome", "bought", "--controls", "age,segment", "--estimand", "ate", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<CausalCart.Core.Results.AnalysisResult>();
        var aipw = result.Estimates.Single(e => e.Method == CausalCart.Core.Results.EffectMethod.Aipw);
        Assert.True(aipw.Covers(0.1), $"AIPW [{aipw.CiLower:F3}, {aipw.CiUpper:F3}] should cover the true 0.1");
        Assert.Contains(result.Design.Covariates, c => c.StartsWith("segment=", StringComparison.Ordinal));
        Assert.All(result.Estimates, e => Assert.Equal(CausalCart.Core.Results.Estimand.Ate, e.Estimand));

        // --nuisance forest: AIPW with random-forest propensity and outcome models still covers the truth.
        var forest = await Cli.RunAsync("estimate", "--data", data, "--treatment", "coupon", "--outcome", "bought", "--controls", "age,segment", "--estimand", "ate", "--methods", "aipw", "--nuisance", "forest", "--refuters", "none", "--json");
        Assert.True(forest.ExitCode == 0, forest.ToString());
        var rf = Assert.Single(forest.Json<CausalCart.Core.Results.AnalysisResult>().Estimates, e => e.Method == CausalCart.Core.Results.EffectMethod.Aipw);
        Assert.True(rf.Covers(0.1), $"forest AIPW [{rf.CiLower:F3}, {rf.CiUpper:F3}] should cover the true 0.1");
        Assert.NotEqual(aipw.Estimate, rf.Estimate);

        // --nuisance stack: AIPW with the cross-validated stack for the outcome models still covers the truth.
        var stack = await Cli.RunAsync("estimate", "--data", data, "--treatment", "coupon", "--outcome", "bought", "--controls", "age,segment", "--estimand", "ate", "--methods", "aipw", "--nuisance", "stack", "--refuters", "none", "--json");
        Assert.True(stack.ExitCode == 0, stack.ToString());
        var st = Assert.Single(stack.Json<CausalCart.Core.Results.AnalysisResult>().Estimates, e => e.Method == CausalCart.Core.Results.EffectMethod.Aipw);
        Assert.True(st.Covers(0.1), $"stacked AIPW [{st.CiLower:F3}, {st.CiUpper:F3}] should cover the true 0.1");

        // An unknown learner family is a usage error naming the valid ones.
        var unknown = await Cli.RunAsync("estimate", "--data", data, "--treatment", "coupon", "--outcome", "bought", "--nuisance", "xgboost");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("glm, gbdt, forest, stack", unknown.Stderr, StringComparison.Ordinal);
    }
}
