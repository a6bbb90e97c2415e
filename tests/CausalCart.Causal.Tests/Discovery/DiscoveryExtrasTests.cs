using CausalCart.Causal.Discovery;
using CausalCart.Causal.Graphs;

namespace CausalCart.Causal.Tests.Discovery;

/// <summary>The CMI test, temporal tiers, the generic bootstrap and GES with knowledge.</summary>
public sealed class DiscoveryExtrasTests
{
    [Fact]
    public void Cmi_test_finds_a_nonlinear_link_that_fisher_z_misses()
    {
        // y = x² + noise: zero correlation, strong dependence.
        var rng = new Random(7);
        int n = 3000;
        var x = new double[n];
        var y = new double[n];
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = -1 + (2 * (i + 0.5) / n); // an exactly symmetric design: corr(x, x²) = 0
            y[i] = (x[i] * x[i]) + (0.1 * Normal(rng));
            z[i] = Normal(rng);
        }

        var data = new DiscoveryData(["x", "y", "z"], [x, y, z]);
        var fisher = PcAlgorithm.Fit(data);
        Assert.DoesNotContain(fisher.Edges, e => Pair(e) == "x|y");
        var cmi = PcAlgorithm.Fit(data, new PcOptions(Test: IndependenceTest.ConditionalMutualInformation, Bins: 5));
        Assert.Contains(cmi.Edges, e => Pair(e) == "x|y");
        Assert.DoesNotContain(cmi.Edges, e => e.From == "z" || e.To == "z");
        Assert.Contains("conditional mutual information", cmi.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Cmi_test_separates_a_nonlinear_chain_given_a_discrete_middle()
    {
        var rng = new Random(3);
        int n = 4000;
        var a = new double[n];
        var b = new double[n];
        var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = Normal(rng);
            double latent = Math.Tanh(2 * a[i]) + (0.3 * Normal(rng));
            b[i] = latent < -0.5 ? 0 : latent < 0.5 ? 1 : 2; // e.g. visits: none, one, several
            c[i] = (b[i] * b[i]) + (0.3 * Normal(rng));
        }

        var g = PcAlgorithm.Fit(new DiscoveryData(["a", "b", "c"], [a, b, c]), new PcOptions(Test: IndependenceTest.ConditionalMutualInformation, Bins: 4));
        Assert.Equal(["a|b", "b|c"], g.Edges.Select(Pair).Order());
    }

    [Fact]
    public void Pc_rejects_bins_out_of_range()
    {
        var data = new LinearSem(3, 0.5, 1).Sample(100, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => PcAlgorithm.Fit(data, new PcOptions(Test: IndependenceTest.ConditionalMutualInformation, Bins: 1)));
    }

    [Fact]
    public void Tiers_from_windows_order_non_overlapping_windows_and_merge_overlapping_ones()
    {
        var tiers = TemporalTiers.FromWindows([
            ("bought", 0, 168),
            ("views_30d", -720, 0),
            ("views_7d", -168, 0),
            ("coupon", 0, 0),
            ("signup_year", -10_000, -9_000),
        ]);
        Assert.Equal(4, tiers.Count);
        Assert.Equal(["signup_year"], tiers[0]);
        Assert.Equal(["views_30d", "views_7d"], tiers[1]);
        Assert.Equal(["coupon"], tiers[2]);
        Assert.Equal(["bought"], tiers[3]);
        Assert.Throws<ArgumentException>(() => TemporalTiers.FromWindows([("x", 5, 1)]));
        Assert.Throws<ArgumentException>(() => TemporalTiers.FromWindows([("x", 0, 1), ("x", 2, 3)]));
    }

    [Fact]
    public void Unit_table_tiers_put_covariates_before_treatment_before_outcome()
    {
        var tiers = TemporalTiers.ForUnitTable(["age", "coupon", "visits", "bought"], "coupon", "bought");
        Assert.Equal(3, tiers.Count);
        Assert.Equal(["age", "visits"], tiers[0]);
        Assert.Equal(["coupon"], tiers[1]);
        Assert.Equal(["bought"], tiers[2]);
        var ex = Assert.Throws<ArgumentException>(() => TemporalTiers.ForUnitTable(["a", "b"], "t", "b"));
        Assert.Contains("'t'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_table_tiers_put_mediators_after_the_treatment_and_before_the_outcome()
    {
        var tiers = TemporalTiers.ForUnitTable(["age", "coupon", "saved_cart", "visits", "bought"], "coupon", "bought", ["saved_cart"]);
        Assert.Equal(4, tiers.Count);
        Assert.Equal(["age", "visits"], tiers[0]);
        Assert.Equal(["coupon"], tiers[1]);
        Assert.Equal(["saved_cart"], tiers[2]);
        Assert.Equal(["bought"], tiers[3]);
        Assert.Contains("'cart'", Assert.Throws<ArgumentException>(() => TemporalTiers.ForUnitTable(["a", "t", "y"], "t", "y", ["cart"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TemporalTiers.ForUnitTable(["a", "t", "y"], "t", "y", ["y"]));
    }

    [Fact]
    public void Tiers_orient_edges_pc_leaves_undirected()
    {
        // A chain x0 -> x1 -> x2 is a Markov equivalence class with no v-structure: PC cannot orient it alone.
        var data = ChainData(3000, 11);
        var plain = PcAlgorithm.Fit(data);
        Assert.Equal(2, plain.UndirectedEdges.Count);
        var tiers = new BackgroundKnowledge([], [], [["x0"], ["x1"], ["x2"]]);
        var known = PcAlgorithm.Fit(data, new PcOptions(Knowledge: tiers));
        Assert.Equal(["x0 -> x1", "x1 -> x2"], known.Edges.Select(e => e.ToString()).Order());
        var ges = Ges.Fit(data, 1, tiers);
        Assert.Equal(["x0 -> x1", "x1 -> x2"], ges.Edges.Select(e => e.ToString()).Order());
    }

    [Fact]
    public void Bootstrap_confidences_are_deterministic_and_high_for_strong_edges()
    {
        var data = ChainData(800, 5);
        var g = Ges.Fit(data);
        var a = DiscoveryBootstrap.WithConfidence(g, data, d => Ges.Fit(d), 12, seed: 9);
        var b = DiscoveryBootstrap.WithConfidence(g, data, d => Ges.Fit(d), 12, seed: 9);
        Assert.Equal(a.Edges, b.Edges);
        Assert.All(a.Edges, e => Assert.True(e.Confidence >= 0.9, $"{e} confidence {e.Confidence}"));
        Assert.Contains("12 bootstrap resamples", a.Method, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscoveryBootstrap.WithConfidence(g, data, d => Ges.Fit(d), 0, 1));
    }

    private static DiscoveryData ChainData(int n, int seed)
    {
        var rng = new Random(seed);
        var x0 = new double[n];
        var x1 = new double[n];
        var x2 = new double[n];
        for (int i = 0; i < n; i++)
        {
            x0[i] = Normal(rng);
            x1[i] = (0.8 * x0[i]) + Normal(rng);
            x2[i] = (0.8 * x1[i]) + Normal(rng);
        }

        return new DiscoveryData(["x0", "x1", "x2"], [x0, x1, x2]);
    }

    private static string Pair(GraphEdge e) => string.CompareOrdinal(e.From, e.To) < 0 ? $"{e.From}|{e.To}" : $"{e.To}|{e.From}";

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
