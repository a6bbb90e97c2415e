using System.Globalization;
using System.Text;
using CausalCart.Causal.Graphs;
using CausalCart.Cli.Commands;
using CausalCart.Core.Results;

namespace CausalCart.Cli.Tests;

/// <summary><c>causalcart graph check | identify | discover | render</c>.</summary>
public sealed class GraphCommandTests
{
    private const string FrontDoor = """
        digraph G {
          coupon -> visit -> bought;
          coupon -> bought [dir=both, style=dashed];
        }
        """;

    private const string Shop = """
        graph TD
          age --> coupon
          age --> bought
          coupon --> visit --> bought
          coupon --> review
          bought --> review
        """;

    [Fact]
    public async Task Check_accepts_a_valid_graph_and_points_at_each_bad_line_with_exit_code_2()
    {
        using var dir = TestPaths.NewTempDir();
        var good = Write(dir, "good.dot", FrontDoor);
        var ok = await Cli.RunAsync("graph", "check", good);
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("3 variables", ok.Stdout, StringComparison.Ordinal);

        var bad = Write(dir, "bad.yaml", "edges:\n  - a -> b\n  - b -> b\n  - c -- d\n");
        var run = await Cli.RunAsync("graph", "check", bad, "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.yaml:3:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:4:", run.Stderr, StringComparison.Ordinal);
        var result = run.Json<GraphCheckResult>();
        Assert.False(result.Valid);
        Assert.Equal(GraphFormat.Yaml, result.Format);
        Assert.Equal([3, 4], result.Errors.Select(e => e.Line));

        var cycle = Write(dir, "cycle.dot", "digraph G {\n  a -> b;\n  b -> c;\n  c -> a;\n}\n");
        var cyc = await Cli.RunAsync("graph", "check", cycle);
        Assert.Equal(2, cyc.ExitCode);
        Assert.Contains("cycle", cyc.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, (await Cli.RunAsync("graph", "check", dir.File("missing.dot"))).ExitCode);
    }

    [Fact]
    public async Task Identify_finds_the_front_door_and_refuses_the_bow_with_exit_code_4()
    {
        using var dir = TestPaths.NewTempDir();
        var fd = await Cli.RunAsync("graph", "identify", Write(dir, "fd.dot", FrontDoor), "--treatment", "coupon", "--outcome", "bought", "--json");
        Assert.True(fd.ExitCode == 0, fd.ToString());
        var r = fd.Json<GraphIdentifyResult>();
        Assert.True(r.Identifiable);
        Assert.Equal(IdentificationKind.FrontDoor, r.Strategy);
        Assert.Equal(["visit"], r.FrontDoorSet);
        Assert.Null(r.AdjustmentSet);
        Assert.NotNull(r.Estimand);

        var bow = await Cli.RunAsync("graph", "identify", Write(dir, "bow.yaml", "edges:\n  - coupon -> bought\n  - coupon <-> bought\n"), "--treatment", "coupon", "--outcome", "bought");
        Assert.Equal(4, bow.ExitCode);
        Assert.Contains("cannot be estimated", bow.Stdout, StringComparison.Ordinal);

        var unknown = await Cli.RunAsync("graph", "identify", Write(dir, "fd2.dot", FrontDoor), "--treatment", "price", "--outcome", "bought");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'price'", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_names_bad_controls_and_treats_unobserved_nodes_as_latent()
    {
        using var dir = TestPaths.NewTempDir();
        var file = Write(dir, "shop.mmd", Shop);
        var run = await Cli.RunAsync("graph", "identify", file, "--treatment", "coupon", "--outcome", "bought", "--controls", "age,visit,review", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var r = run.Json<GraphIdentifyResult>();
        Assert.Equal(IdentificationKind.Adjustment, r.Strategy);
        Assert.Equal(["age"], r.AdjustmentSet);
        Assert.Equal(["age"], r.OptimalAdjustmentSet);
        Assert.Equal(new Dictionary<string, BadControlRole> { ["visit"] = BadControlRole.Mediator, ["review"] = BadControlRole.Collider }, r.BadControls.ToDictionary(b => b.Name, b => b.Role));

        var text = await Cli.RunAsync("graph", "identify", file, "--treatment", "coupon", "--outcome", "bought", "--controls", "visit");
        Assert.Contains("warning: visit is a mediator", text.Stderr, StringComparison.Ordinal);

        var hidden = await Cli.RunAsync("graph", "identify", file, "--treatment", "coupon", "--outcome", "bought", "--unobserved", "age", "--json");
        Assert.True(hidden.ExitCode == 0, hidden.ToString());
        var h = hidden.Json<GraphIdentifyResult>();
        Assert.Equal(IdentificationKind.FrontDoor, h.Strategy);
        Assert.Equal(["age"], h.Unobserved);
    }

    [Fact]
    public async Task Discover_writes_an_editable_graph_with_confidences_that_tiers_orient()
    {
        using var dir = TestPaths.NewTempDir();
        var data = dir.File("units.csv");
        WriteChain(data, 1500);

        // Without knowledge the chain's direction is not identifiable: the edges come out undirected and check rejects them.
        var plain = dir.File("plain.dot");
        var run = await Cli.RunAsync("graph", "discover", "--data", data, "--exclude", "user", "--out", plain);
        Assert.True(run.ExitCode == 0, run.ToString());
        var check = await Cli.RunAsync("graph", "check", plain);
        Assert.Equal(2, check.ExitCode);
        Assert.Contains("no direction", check.Stderr, StringComparison.Ordinal);

        // Time order orients everything; bootstrap confidences are attached; the output feeds identify.
        var oriented = dir.File("found.yaml");
        var json = await Cli.RunAsync("graph", "discover", "--data", data, "--exclude", "user", "--time-order", "coupon,bought",
            "--bootstrap", "10", "--seed", "3", "--out", oriented, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var r = json.Json<GraphDiscoverResult>();
        Assert.Empty(r.Undirected);
        Assert.Equal(["age -> bought", "age -> coupon", "coupon -> bought"], r.Links.Select(l => $"{l.From} -> {l.To}").Order());
        Assert.All(r.Links, l => Assert.True(l.Confidence >= 0.8, $"{l.From}->{l.To}: {l.Confidence}"));
        Assert.Equal(3, r.Tiers.Count);
        Assert.Equal(0, (await Cli.RunAsync("graph", "check", oriented)).ExitCode);
        var id = await Cli.RunAsync("graph", "identify", oriented, "--treatment", "coupon", "--outcome", "bought", "--json");
        Assert.Equal(["age"], id.Json<GraphIdentifyResult>().AdjustmentSet);

        // Same seed, same confidences.
        var again = await Cli.RunAsync("graph", "discover", "--data", data, "--exclude", "user", "--time-order", "coupon,bought", "--bootstrap", "10", "--seed", "3", "--json");
        Assert.Equal(r.Links, again.Json<GraphDiscoverResult>().Links);

        foreach (var method in new[] { "ges", "notears", "lingam" })
        {
            var m = await Cli.RunAsync("graph", "discover", "--data", data, "--exclude", "user", "--method", method, "--tiers", "age;coupon;bought", "--to", "mermaid");
            Assert.True(m.ExitCode == 0, m.ToString());
            Assert.StartsWith("%%", m.Stdout, StringComparison.Ordinal);
        }

        var badTest = await Cli.RunAsync("graph", "discover", "--data", data, "--test", "spearman");
        Assert.Equal(2, badTest.ExitCode);
        Assert.Contains("fisher-z, g2, cmi", badTest.Stderr, StringComparison.Ordinal);
        var badTier = await Cli.RunAsync("graph", "discover", "--data", data, "--exclude", "user", "--tiers", "age;price");
        Assert.Equal(2, badTier.ExitCode);
        Assert.Contains("'price'", badTier.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_draws_svg_and_converts_between_formats()
    {
        using var dir = TestPaths.NewTempDir();
        var file = Write(dir, "fd.dot", FrontDoor);
        var svg = await Cli.RunAsync("graph", "render", file, "--highlight", "coupon,bought");
        Assert.True(svg.ExitCode == 0, svg.ToString());
        Assert.StartsWith("<svg", svg.Stdout, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray", svg.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg.Stdout, StringComparison.Ordinal);

        var yaml = await Cli.RunAsync("graph", "render", file, "--to", "yaml");
        var back = GraphParser.Parse(yaml.Stdout);
        Assert.True(back.Succeeded);
        Assert.Equal(3, back.Graph!.Edges.Count);
        Assert.Equal(2, (await Cli.RunAsync("graph", "render", file, "--to", "png")).ExitCode);
    }

    private static string Write(TempDir dir, string name, string text)
    {
        var path = dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    // age -> coupon -> bought, age -> bought; a text id column that discovery must leave out.
    private static void WriteChain(string path, int n)
    {
        var rng = new Random(42);
        double N() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var sb = new StringBuilder("user,age,coupon,bought\n");
        for (int i = 0; i < n; i++)
        {
            double age = N(), coupon = (0.8 * age) + N(), bought = (0.7 * coupon) + (0.6 * age) + N();
            sb.Append(CultureInfo.InvariantCulture, $"u{i},{age:R},{coupon:R},{bought:R}\n");
        }

        File.WriteAllText(path, sb.ToString());
    }
}
