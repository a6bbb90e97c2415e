using CausalCart.Causal.Discovery;
using CausalCart.Causal.Graphs;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.Discovery;

public sealed class GesTests(ITestOutputHelper output)
{
    [Fact]
    public void Recovers_the_skeleton_at_10_nodes_5k_rows()
    {
        var sem = new LinearSem(10, 0.3, seed: 1);
        var g = Ges.Fit(sem.Sample(5000, seed: 2));
        var (p, r, f1) = sem.SkeletonScore(g);
        output.WriteLine($"GES 10 nodes: precision {p:0.00} recall {r:0.00} F1 {f1:0.00}");
        Assert.True(f1 >= 0.8, $"F1 {f1}");
    }

    [Fact]
    public void Finds_the_collider_and_leaves_the_chain_undirected()
    {
        var rng = new Random(5);
        int n = 4000;
        double[] a = new double[n], b = new double[n], c = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.NextDouble() - 0.5;
            b[i] = rng.NextDouble() - 0.5;
            c[i] = a[i] + b[i] + (0.3 * (rng.NextDouble() - 0.5));
        }

        var g = Ges.Fit(new DiscoveryData(["a", "b", "c"], [a, b, c]));
        Assert.Equal(["a -> c", "b -> c"], g.Edges.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        var chain = Ges.Fit(new DiscoveryData(["a", "c"], [a, c]));
        Assert.Equal(EdgeKind.Undirected, Assert.Single(chain.Edges).Kind);
    }
}
