using CausalCart.Causal.Discovery;

namespace CausalCart.Causal.Tests.Discovery;

public sealed class GSquareTests
{
    /// <summary>Binary chain a → b → c plus collider c → d ← e, each arrow copying its parent 85% of the time.</summary>
    private static DiscoveryData Discrete(int n, int seed)
    {
        var rng = new Random(seed);
        double[] a = new double[n], b = new double[n], c = new double[n], d = new double[n], e = new double[n];
        int Copy(double parent) => rng.NextDouble() < 0.85 ? (int)parent : 1 - (int)parent;
        for (int r = 0; r < n; r++)
        {
            a[r] = rng.Next(2);
            b[r] = Copy(a[r]);
            c[r] = Copy(b[r]);
            e[r] = rng.Next(2);
            d[r] = (c[r] + e[r]) switch { 0 => rng.NextDouble() < 0.1 ? 1 : 0, 2 => rng.NextDouble() < 0.9 ? 1 : 0, _ => rng.Next(2) };
        }

        return new DiscoveryData(["a", "b", "c", "d", "e"], [a, b, c, d, e]);
    }

    [Fact]
    public void Pc_with_G2_recovers_chain_and_collider()
    {
        var g = PcAlgorithm.Fit(Discrete(5000, 61), new PcOptions(Test: IndependenceTest.GSquare));
        Assert.Equal(["a -- b", "b -- c", "c -> d", "e -> d"], g.Edges.Select(x => x.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains("G²", g.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void G2_of_an_independent_table_is_not_significant_and_of_a_copy_is()
    {
        var data = Discrete(3000, 62);
        var codes = data.Columns.Select(c => c.Select(v => (int)v).ToArray()).ToArray();
        Assert.True(PcAlgorithm.GSquarePValue(codes, null, 0, 4, []) > 0.01);
        Assert.True(PcAlgorithm.GSquarePValue(codes, null, 0, 1, []) < 1e-10);
        Assert.True(PcAlgorithm.GSquarePValue(codes, null, 0, 2, [1]) > 0.01);
        Assert.Throws<ArgumentException>(() => PcAlgorithm.Fit(new DiscoveryData(["x", "y"], [[.. Enumerable.Range(0, 20).Select(i => i * 0.5)], [.. Enumerable.Range(0, 20).Select(i => (double)(i % 2))]]), new PcOptions(Test: IndependenceTest.GSquare)));
    }
}
