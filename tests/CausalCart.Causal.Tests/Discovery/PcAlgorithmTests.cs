using System.Diagnostics;
using CausalCart.Causal.Discovery;
using CausalCart.Causal.Graphs;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.Discovery;

public sealed class PcAlgorithmTests(ITestOutputHelper output)
{
    [Fact]
    public void Recovers_the_skeleton_at_10_nodes_5k_rows()
    {
        var sem = new LinearSem(10, 0.3, seed: 1);
        var g = PcAlgorithm.Fit(sem.Sample(5000, seed: 2));
        var (p, r, f1) = sem.SkeletonScore(g);
        output.WriteLine($"10 nodes: precision {p:0.00} recall {r:0.00} F1 {f1:0.00}; {sem.TrueEdges().Count()} true edges");
        Assert.True(f1 >= 0.8, $"F1 {f1}");
    }

    [Fact]
    public void Recovers_the_skeleton_at_20_nodes_10k_rows()
    {
        var sem = new LinearSem(20, 0.15, seed: 3);
        var g = PcAlgorithm.Fit(sem.Sample(10_000, seed: 4));
        var (p, r, f1) = sem.SkeletonScore(g);
        output.WriteLine($"20 nodes: precision {p:0.00} recall {r:0.00} F1 {f1:0.00}");
        Assert.True(p >= 0.85 && r >= 0.8, $"precision {p}, recall {r}");
    }

    [Fact]
    public void Collider_is_oriented_and_chain_is_left_undirected()
    {
        // a → c ← b, c → d: v-structure at c, then Meek R1 orients c → d.
        var rng = new Random(5);
        int n = 4000;
        double[] a = new double[n], b = new double[n], c = new double[n], d = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.NextDouble() - 0.5;
            b[i] = rng.NextDouble() - 0.5;
            c[i] = a[i] + b[i] + (0.3 * (rng.NextDouble() - 0.5));
            d[i] = c[i] + (0.3 * (rng.NextDouble() - 0.5));
        }

        var g = PcAlgorithm.Fit(new DiscoveryData(["a", "b", "c", "d"], [a, b, c, d]));
        Assert.Equal(["a -> c", "b -> c", "c -> d"], g.Edges.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        var cg = g.ToCausalGraph();
        Assert.Empty(Identification.MinimalAdjustmentSet(cg, ["c"], ["d"])!); // discovered graph feeds identification
        Assert.Equal(IdentificationStrategy.Adjustment, CausalIdentifier.Identify(cg, "a", "d").Strategy);

        Assert.Equal("The data suggest 3 direct link(s) between 4 variables; 3 have a clear direction, 0 could point either way.", g.Verdict);

        var chain = PcAlgorithm.Fit(new DiscoveryData(["a", "c", "d"], [a, c, d]));
        Assert.All(chain.Edges, e => Assert.Equal(EdgeKind.Undirected, e.Kind));
        Assert.Throws<Core.Errors.CausalCartException>(() => chain.ToCausalGraph());
    }

    [Fact]
    public void Temporal_tiers_reduce_orientation_errors()
    {
        var sem = new LinearSem(10, 0.3, seed: 1);
        var data = sem.Sample(5000, seed: 2);
        var plain = PcAlgorithm.Fit(data);
        var tiers = new BackgroundKnowledge([], [], [sem.Names[..3], sem.Names[3..6], sem.Names[6..]]);
        var informed = PcAlgorithm.Fit(data, new PcOptions(Knowledge: tiers));
        int before = sem.OrientationErrors(plain), after = sem.OrientationErrors(informed);
        output.WriteLine($"orientation errors: {before} without tiers, {after} with");
        Assert.True(after < before, $"{after} vs {before}");
        foreach (var e in informed.Edges.Where(e => e.Kind == EdgeKind.Directed))
        {
            int tf = Array.IndexOf(sem.Names, e.From) / 3, tt = Array.IndexOf(sem.Names, e.To) / 3;
            Assert.True(Math.Min(tf, 2) <= Math.Min(tt, 2), $"{e} points back in time");
        }
    }

    [Fact]
    public void Required_and_forbidden_edges_are_respected()
    {
        var sem = new LinearSem(6, 0.4, seed: 11);
        var data = sem.Sample(3000, seed: 12);
        var first = sem.TrueEdges().First();
        var k = new BackgroundKnowledge([("x0", "x5")], [($"x{first.From}", $"x{first.To}"), ($"x{first.To}", $"x{first.From}")], []);
        var g = PcAlgorithm.Fit(data, new PcOptions(Knowledge: k));
        Assert.Contains(g.Edges, e => e.ToString() == "x0 -> x5");
        Assert.DoesNotContain(g.Edges, e => (e.From, e.To) == ($"x{first.From}", $"x{first.To}") || (e.From, e.To) == ($"x{first.To}", $"x{first.From}"));
        Assert.Throws<ArgumentException>(() => PcAlgorithm.Fit(data, new PcOptions(Knowledge: new([("x0", "nope")], [], []))));
    }

    [Fact]
    public void Bootstrap_confidences_are_high_for_true_edges()
    {
        var sem = new LinearSem(6, 0.4, seed: 21);
        var g = PcAlgorithm.Fit(sem.Sample(2000, seed: 22), new PcOptions(BootstrapSamples: 20, Seed: 1));
        Assert.All(g.Edges, e => Assert.InRange(e.Confidence!.Value, 0, 1));
        Assert.True(g.Edges.Average(e => e.Confidence!.Value) > 0.8);
        var again = PcAlgorithm.Fit(sem.Sample(2000, seed: 22), new PcOptions(BootstrapSamples: 20, Seed: 1));
        Assert.Equal(g.Edges, again.Edges);
    }

    [Fact]
    public void Pc_on_20_variables_and_100k_rows()
    {
        var sem = new LinearSem(20, 0.15, seed: 3);
        var data = sem.Sample(100_000, seed: 9);
        var sw = Stopwatch.StartNew();
        var g = PcAlgorithm.Fit(data);
        output.WriteLine($"PC 20 × 100k: {sw.Elapsed.TotalMilliseconds:0} ms, F1 {sem.SkeletonScore(g).F1:0.00}");
        Assert.True(sem.SkeletonScore(g).F1 >= 0.85);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DiscoveryData(["a", "b"], [new double[20], Enumerable.Range(0, 20).Select(i => (double)i).ToArray()]));
        Assert.Contains("'a' is constant", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DiscoveryData(["a", "a"], [new double[20], new double[20]]));
    }
}
