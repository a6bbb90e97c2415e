using CausalCart.Causal.Discovery;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.Discovery;

public sealed class DirectLingamTests(ITestOutputHelper output)
{
    [Fact]
    public void Recovers_directed_edges_with_uniform_noise()
    {
        var sem = new LinearSem(8, 0.3, seed: 31);
        var data = sem.Sample(5000, seed: 32, uniformNoise: true);
        var g = DirectLingam.Fit(data);
        var truth = sem.TrueEdges().Select(e => ($"x{e.From}", $"x{e.To}")).ToHashSet();
        int tp = g.Edges.Count(e => truth.Contains((e.From, e.To)));
        double precision = (double)tp / Math.Max(1, g.Edges.Count), recall = (double)tp / truth.Count;
        output.WriteLine($"LiNGAM directed precision {precision:0.00} recall {recall:0.00}; order {string.Join(" ", DirectLingam.CausalOrder(data))}");
        Assert.True(precision >= 0.8 && recall >= 0.8, $"precision {precision}, recall {recall}");
    }

    [Fact]
    public void Orients_a_pair_that_PC_cannot()
    {
        var rng = new Random(41);
        int n = 5000;
        double[] a = new double[n], b = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.NextDouble() - 0.5;
            b[i] = (0.8 * a[i]) + (0.5 * (rng.NextDouble() - 0.5));
        }

        // Column order reversed so the answer cannot come from the input order.
        var g = DirectLingam.Fit(new DiscoveryData(["b", "a"], [b, a]));
        Assert.Equal("a -> b", Assert.Single(g.Edges).ToString());
        Assert.Equal(["a", "b"], DirectLingam.CausalOrder(new DiscoveryData(["b", "a"], [b, a])));
        var tiered = DirectLingam.Fit(new DiscoveryData(["b", "a"], [b, a]), new LingamOptions(Knowledge: new([], [], [["b"], ["a"]])));
        Assert.Equal("b -> a", Assert.Single(tiered.Edges).ToString());
    }
}
