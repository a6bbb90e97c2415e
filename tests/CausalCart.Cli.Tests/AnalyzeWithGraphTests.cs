using CausalCart.Core.Results;

namespace CausalCart.Cli.Tests;

/// <summary><c>causalcart analyze</c> with a study graph: the adjustment set drives the covariates, bad controls warn or refuse.</summary>
public sealed class AnalyzeWithGraphTests
{
    private const string Graph = """
        digraph G {
          buys_30d -> treatment; buys_30d -> outcome;
          days_since_last_buy -> treatment; days_since_last_buy -> outcome;
          views_7d -> outcome;
          treatment -> carts_1d -> outcome;
          treatment -> outcome;
        }
        """;

    [Fact]
    public async Task The_graph_chooses_the_covariates_and_each_policy_and_failure_has_its_exit_code()
    {
        using var dir = TestPaths.NewTempDir();
        var world = dir.File("world");
        Assert.Equal(0, (await Cli.RunAsync("simulate", "--users", "2000", "--seed", "3", "--out", world)).ExitCode);
        var store = dir.File("shop.duckdb");
        Assert.Equal(0, (await Cli.RunAsync("ingest", world, "--store", store)).ExitCode);
        File.WriteAllText(dir.File("causes.dot"), Graph);

        // Warn (default): carts_1d is a mediator in the analyst's graph and is left out; the O-set is used.
        var run = await Cli.RunAsync("analyze", Spec(dir, "warn.yaml", "graph: causes.dot"), "--json", "--refutation-simulations", "2", "--report", dir.File("r.md"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<AnalysisResult>();
        var id = Assert.IsType<GraphIdentification>(result.Identification);
        Assert.Equal(IdentificationKind.Adjustment, id.Strategy);
        Assert.Equal(["buys_30d", "days_since_last_buy", "views_7d"], id.AdjustmentSet!.Order());
        Assert.Equal(id.AdjustmentSet!.Order(), result.Design.Covariates.Order());
        var bad = Assert.Single(id.BadControls);
        Assert.Equal(("carts_1d", BadControlRole.Mediator), (bad.Name, bad.Role));
        Assert.Contains(result.Warnings, w => w.Contains("carts_1d is a mediator", StringComparison.Ordinal));
        Assert.Contains(id.LeftOut, c => c == "carts_1d");
        Assert.EndsWith("causes.dot", id.Source, StringComparison.Ordinal);
        Assert.Contains(result.Manifest.Inputs, i => i.Path.EndsWith("causes.dot", StringComparison.Ordinal));
        Assert.Contains("## Causal graph", File.ReadAllText(dir.File("r.md")), StringComparison.Ordinal);

        // Refuse: exit 2, naming the control.
        var refuse = await Cli.RunAsync("analyze", Spec(dir, "refuse.yaml", "graph: { file: causes.dot, bad_controls: refuse }"), "--refutation-simulations", "2");
        Assert.Equal(2, refuse.ExitCode);
        Assert.Contains("carts_1d", refuse.Stderr, StringComparison.Ordinal);

        // An unmeasured confounder of treatment and outcome: not identifiable by adjustment, exit 4.
        File.WriteAllText(dir.File("hidden.dot"), "digraph G { mood -> treatment; mood -> outcome; treatment -> outcome; buys_30d -> outcome; }");
        var hidden = await Cli.RunAsync("analyze", Spec(dir, "hidden.yaml", "graph: hidden.dot"), "--refutation-simulations", "2");
        Assert.Equal(4, hidden.ExitCode);
        Assert.Contains("mood", hidden.Stderr, StringComparison.Ordinal);

        // --graph sets the graph of a spec without one, and replaces the spec's graph file (hidden.dot would refuse).
        var set = await Cli.RunAsync("analyze", Spec(dir, "nograph.yaml", string.Empty), "--graph", dir.File("causes.dot"), "--json", "--refutation-simulations", "2");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal(["buys_30d", "days_since_last_buy", "views_7d"], Assert.IsType<GraphIdentification>(set.Json<AnalysisResult>().Identification).AdjustmentSet!.Order());
        var replaced = await Cli.RunAsync("analyze", Spec(dir, "override.yaml", "graph: hidden.dot"), "--graph", dir.File("causes.dot"), "--json", "--refutation-simulations", "2");
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.EndsWith("causes.dot", Assert.IsType<GraphIdentification>(replaced.Json<AnalysisResult>().Identification).Source, StringComparison.Ordinal);

        // A broken inline graph: exit 2 with the spec line of the bad graph line.
        var inline = Spec(dir, "inline.yaml", "graph: |\n  digraph G {\n    treatment -> outcome;\n    outcome -> outcome;\n  }");
        var broken = await Cli.RunAsync("analyze", inline, "--refutation-simulations", "2");
        Assert.Equal(2, broken.ExitCode);
        int specLine = Array.FindIndex(File.ReadAllLines(inline), l => l.Contains("outcome -> outcome", StringComparison.Ordinal)) + 1;
        Assert.Contains($"line {specLine}", broken.Stderr, StringComparison.Ordinal);
        Assert.Contains("self-loop", broken.Stderr, StringComparison.Ordinal);

        // A graph without the study's treatment node: exit 2 naming graph.treatment.
        File.WriteAllText(dir.File("nonode.dot"), "digraph G { coupon -> outcome; }");
        var nonode = await Cli.RunAsync("analyze", Spec(dir, "nonode.yaml", "graph: nonode.dot"));
        Assert.Equal(2, nonode.ExitCode);
        Assert.Contains("graph.treatment", nonode.Stderr, StringComparison.Ordinal);
    }

    private static string Spec(TempDir dir, string name, string graph)
    {
        var path = dir.File(name);
        File.WriteAllText(path, $"""
            study: graph-test
            data: {"{"} store: shop.duckdb {"}"}
            unit: user
            time_zero: {"{"} campaign: winter_coupon {"}"}
            eligibility: {"{"} active_within: 30d {"}"}
            treatment: {"{"} campaign: winter_coupon {"}"}
            outcome: {"{"} action: buy, within: 7d {"}"}
            covariates: {"{"} lookbacks: [1d, 7d, 30d], families: [action_counts, recency] {"}"}
            estimators: [naive, regression]
            refuters: [placebo]
            seed: 1
            {graph}

            """);
        return path;
    }
}
