using CausalCart.Core.Results;

namespace CausalCart.Cli.Tests;

/// <summary>
/// <c>analyze</c> with an <c>instrument:</c> and <c>estimate --instrument</c>, end to end on <see cref="EmailWaveWorld"/>: a
/// randomised e-mail wave, a coupon claim confounded by unmeasured intent. The association and AIPW (which adjusts only for the
/// logged history) miss the complier effect; the instrumental-variable estimates find it.
/// </summary>
public sealed class AnalyzeWithInstrumentTests
{
    private const string Spec = """
        study: email-wave-iv
        data: { events: events.csv, format: generic, exposures: exposures.csv }
        unit: user
        time_zero: { at: 2024-03-01T00:00:00Z }
        eligibility: { active_within: 30d }
        treatment: { campaign: coupon, arm: claimed }
        instrument: { campaign: email_wave, arm: email }
        outcome: { action: buy, within: 7d, start: 1d }
        covariates: { lookbacks: [7d, 14d], families: [action_counts, recency] }
        estimators: [naive, aipw, 2sls, wald, dr_late]
        refuters: []
        seed: 3
        """;

    [Fact]
    public async Task The_instrument_recovers_the_complier_effect_that_the_association_and_aipw_miss()
    {
        using var dir = TestPaths.NewTempDir();
        var world = EmailWaveWorld.Write(dir.Path, users: 5000, seed: 11);
        var spec = dir.File("study.yaml");
        File.WriteAllText(spec, Spec);

        var run = await Cli.RunAsync("analyze", spec, "--json", "--report", dir.File("report.html"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<AnalysisResult>();
        Assert.Equal(SchemaVersions.Analysis, result.SchemaVersion);
        Assert.Equal("1.3", result.SchemaVersion);
        var iv = Assert.IsType<IvAnalysisResult>(result.InstrumentalVariables);
        Assert.Equal(["2sls", "wald", "dr_late"], iv.Estimates.Select(e => e.Method).ToArray());
        Assert.Equal(5000, iv.Design.Units);
        Assert.True(iv.Design.InstrumentIsBinary && iv.Design.TreatmentIsBinary);
        Assert.Equal("the 'email_wave' campaign (arm 'email')", iv.Design.Instrument);
        Assert.DoesNotContain(iv.Design.Controls, c => c.Contains("instrument", StringComparison.Ordinal));
        Assert.Equal(result.Design.Covariates.Order(), iv.Design.Controls.Order());

        var late = world.Late;
        var aipw = Assert.Single(result.Estimates, e => e.Method == EffectMethod.Aipw && e.Estimand == Estimand.Ate);
        Assert.True(result.Association.Difference > late + 0.1, $"the association {result.Association.Difference:F3} should be confounded above the LATE {late:F3}");
        Assert.False(aipw.Covers(late), $"AIPW [{aipw.CiLower:F3}, {aipw.CiUpper:F3}] adjusts only for logged history and should miss the LATE {late:F3}");
        Assert.False(iv.Association.Covers(late), $"least squares {iv.Association.Estimate:F3} should miss the LATE {late:F3}");
        foreach (var e in iv.Estimates)
        {
            Assert.True(Math.Abs(e.Estimate - late) < 3 * e.StdError, $"{e.Method} {e.Estimate:F3} (se {e.StdError:F3}) should be within 3 SE of the LATE {late:F3}");
            Assert.True(e.FirstStageF > 100, $"{e.Method}: first-stage F {e.FirstStageF}");
        }

        var wald = Assert.Single(iv.Estimates, e => e.Method == "wald");
        Assert.InRange(wald.ComplierShare!.Value, world.ComplierShare - 0.05, world.ComplierShare + 0.05);

        var html = File.ReadAllText(dir.File("report.html"));
        Assert.Contains("<section id=\"instrumental-variables\">", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"iv-estimates\">", html, StringComparison.Ordinal);

        // The console summary and the Markdown report carry the same section.
        var text = await Cli.RunAsync("analyze", spec, "--report", dir.File("report.md"));
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Instrumental variables (the 'email_wave' campaign (arm 'email')):", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("dr_late", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("the two intervals do not overlap, so an unmeasured confounder may bias the adjusted estimate", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Instrumental variables", File.ReadAllText(dir.File("report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_with_an_instrument_runs_the_iv_methods_on_the_same_rows_and_never_controls_for_the_instrument()
    {
        using var dir = TestPaths.NewTempDir();
        var world = EmailWaveWorld.Write(dir.Path, users: 5000, seed: 11);
        var data = dir.File("units.csv");
        File.WriteAllText(data, world.UnitTableCsv);

        var run = await Cli.RunAsync("estimate", "--data", data, "--treatment", "claimed", "--outcome", "bought", "--instrument", "email",
            "--methods", "naive,aipw,2sls,dr_late", "--refuters", "none", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<AnalysisResult>();
        Assert.Equal(["views"], result.Design.Covariates);
        var iv = Assert.IsType<IvAnalysisResult>(result.InstrumentalVariables);
        Assert.Equal(["2sls", "dr_late"], iv.Estimates.Select(e => e.Method).ToArray());
        Assert.Equal(["views"], iv.Design.Controls);
        Assert.Equal("email", iv.Design.Instrument);
        Assert.All(iv.Estimates, e => Assert.True(Math.Abs(e.Estimate - world.Late) < 3 * e.StdError, $"{e.Method} {e.Estimate:F3} vs LATE {world.Late:F3}"));
        Assert.False(Assert.Single(result.Estimates, e => e.Method == EffectMethod.Aipw && e.Estimand == Estimand.Ate).Covers(world.Late));

        var only = await Cli.RunAsync("estimate", "--data", data, "--treatment", "claimed", "--outcome", "bought", "--instrument", "email", "--methods", "pliv", "--refuters", "none");
        Assert.True(only.ExitCode == 0, only.ToString());
        Assert.Contains("pliv", only.Stdout, StringComparison.Ordinal);
        Assert.Contains("Using email as an instrument", only.Stdout, StringComparison.Ordinal); // the headline, with no adjusted estimate
    }

    [Theory]
    [InlineData("--methods", "aipw,2sls", null, "'2sls' is an instrumental-variable method and needs an instrument column")]
    [InlineData("--instrument", "claimed", null, "is the treatment column")]
    [InlineData("--instrument", "email", "email", "is also named as a control")]
    [InlineData("--methods", "3sls", null, "with --instrument also 2sls, wald, pliv, dr_late")]
    public async Task Estimate_refuses_iv_misuse_with_exit_2(string option, string value, string? controls, string message)
    {
        using var dir = TestPaths.NewTempDir();
        var world = EmailWaveWorld.Write(dir.Path, users: 200, seed: 1);
        var data = dir.File("units.csv");
        File.WriteAllText(data, world.UnitTableCsv);
        List<string> args = ["estimate", "--data", data, "--treatment", "claimed", "--outcome", "bought", option, value];
        if (controls is not null)
        {
            args.AddRange(["--controls", "views," + controls]);
        }

        var run = await Cli.RunAsync([.. args]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_refuses_an_iv_method_without_an_instrument_naming_the_entry_and_line()
    {
        using var dir = TestPaths.NewTempDir();
        var spec = dir.File("study.yaml");
        File.WriteAllText(spec, Spec.Replace("instrument: { campaign: email_wave, arm: email }\n", string.Empty, StringComparison.Ordinal));

        var run = await Cli.RunAsync("analyze", spec);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("estimators[2] (line 9", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'2sls' is an instrumental-variable method and needs an instrument", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_refuses_an_instrument_that_is_the_treatment()
    {
        using var dir = TestPaths.NewTempDir();
        var spec = dir.File("study.yaml");
        File.WriteAllText(spec, Spec.Replace("instrument: { campaign: email_wave, arm: email }", "instrument: { campaign: coupon }", StringComparison.Ordinal));

        var run = await Cli.RunAsync("analyze", spec);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("instrument.campaign (line 7", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("is the treatment itself", run.Stderr, StringComparison.Ordinal);
    }
}
