using CausalCart.Causal.Graphs;

namespace CausalCart.Causal.Tests.Graphs;

/// <summary>Named graphs from the identification literature, written in the three accepted formats.</summary>
internal static class TextbookGraphs
{
    public static CausalGraph Yaml(string text) => GraphParser.Parse(text, GraphFormat.Yaml).GetGraphOrThrow();

    public static CausalGraph FrontDoor => Yaml("edges:\n  - t -> m\n  - m -> y\n  - t <-> y\n");

    public static CausalGraph MBias => Yaml("edges:\n  - a -> t\n  - a -> m\n  - b -> m\n  - b -> y\n  - t -> y\n");

    public static CausalGraph Butterfly => Yaml("edges:\n  - a -> t\n  - a -> m\n  - b -> m\n  - b -> y\n  - m -> t\n  - m -> y\n  - t -> y\n");

    public static CausalGraph Bow => Yaml("edges:\n  - t -> y\n  - t <-> y\n");

    public static CausalGraph Instrument => Yaml("edges:\n  - z -> t\n  - t -> y\n  - t <-> y\n");

    public static CausalGraph ConditionalInstrument => Yaml("edges:\n  - w -> z\n  - w -> y\n  - z -> t\n  - t -> y\n  - t <-> y\n");

    public static CausalGraph Napkin => Yaml("edges:\n  - w1 -> w2\n  - w2 -> x\n  - x -> y\n  - w1 <-> x\n  - w1 <-> y\n");

    public static CausalGraph Confounded => Yaml("edges:\n  - z -> t\n  - z -> y\n  - t -> y\n");

    /// <summary>A random DAG: node i → j (i &lt; j) with probability <paramref name="p"/>.</summary>
    public static CausalGraph RandomDag(int n, double p, int seed)
    {
        var rng = new Random(seed);
        var edges = new List<GraphEdge>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (rng.NextDouble() < p)
                {
                    edges.Add(new GraphEdge($"v{i}", $"v{j}"));
                }
            }
        }

        return CausalGraph.Create(Enumerable.Range(0, n).Select(i => $"v{i}"), edges);
    }
}
