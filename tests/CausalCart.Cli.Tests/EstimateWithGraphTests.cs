using CausalCart.Core.Results;

namespace CausalCart.Cli.Tests;

/// <summary><c>causalcart estimate --graph</c>: the graph's adjustment set replaces the candidate controls, or the estimate is refused.</summary>
public sealed class EstimateWithGraphTests
{
    [Fact]
    public async Task The_graph_picks_the_adjustment_set_and_an_unadjustable_graph_is_refused()
    {
        using var dir = TestPaths.NewTempDir();
        var data = dir.File("units.csv");
        var rng = new Random(5);
        var lines = new List<string> { "t,y,x,m" };
        for (var i = 0; i < 3000; i++)
        {
            // x confounds; m mediates (t -> m -> y). Total effect of t on y: 0.5 + 1 = 1.5.
            var x = Normal(rng);
            var t = rng.NextDouble() < 1 / (1 + Math.Exp(-x)) ? 1 : 0;
            var m = t + Normal(rng);
            var y = x + (0.5 * t) + m + Normal(rng);
            lines.Add(FormattableString.Invariant($"{t},{y:F4},{x:F4},{m:F4}"));
        }

        File.WriteAllLines(data, lines);
        File.WriteAllText(dir.File("causes.dot"), "digraph G { x -> t; x -> y; t -> m; m -> y; t -> y; }");

        var run = await Cli.RunAsync("estimate", "--data", data, "--treatment", "t", "--outcome", "y", "--methods", "regression", "--estimand", "ate", "--refuters", "none", "--graph", dir.File("causes.dot"), "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<AnalysisResult>();
        var id = Assert.IsType<GraphIdentification>(result.Identification);
        Assert.Equal(IdentificationKind.Adjustment, id.Strategy);
        Assert.Equal(["x"], id.AdjustmentSet!);
        Assert.Equal(["x"], result.Design.Covariates);
        Assert.Contains(id.LeftOut, c => c == "m");
        Assert.Contains(result.Warnings, w => w.Contains("m is a mediator", StringComparison.Ordinal));
        Assert.Contains(result.Manifest.Inputs, i => i.Path.EndsWith("causes.dot", StringComparison.Ordinal));
        var regression = Assert.Single(result.Estimates);
        Assert.True(regression.Covers(1.5), $"regression on the graph's set [{regression.CiLower:F3}, {regression.CiUpper:F3}] should cover the total effect 1.5");

        // Without the graph, every other column (the mediator too) is adjusted for: the estimate is the direct effect 0.5.
        var plain = await Cli.RunAsync("estimate", "--data", data, "--treatment", "t", "--outcome", "y", "--methods", "regression", "--estimand", "ate", "--refuters", "none", "--json");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        var plainResult = plain.Json<AnalysisResult>();
        Assert.Null(plainResult.Identification);
        Assert.False(Assert.Single(plainResult.Estimates).Covers(1.5));

        // An unmeasured confounder: not identifiable by adjustment, exit 4 naming it.
        File.WriteAllText(dir.File("hidden.dot"), "digraph G { mood -> t; mood -> y; x -> t; t -> y; }");
        var hidden = await Cli.RunAsync("estimate", "--data", data, "--treatment", "t", "--outcome", "y", "--refuters", "none", "--graph", dir.File("hidden.dot"));
        Assert.Equal(4, hidden.ExitCode);
        Assert.Contains("mood", hidden.Stderr, StringComparison.Ordinal);

        // A graph without the treatment column as a node: exit 2 naming graph.treatment.
        File.WriteAllText(dir.File("nonode.dot"), "digraph G { coupon -> y; }");
        var nonode = await Cli.RunAsync("estimate", "--data", data, "--treatment", "t", "--outcome", "y", "--graph", dir.File("nonode.dot"));
        Assert.Equal(2, nonode.ExitCode);
        Assert.Contains("graph.treatment", nonode.Stderr, StringComparison.Ordinal);
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
