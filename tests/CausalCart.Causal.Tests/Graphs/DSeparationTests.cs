using CausalCart.Causal.Graphs;

namespace CausalCart.Causal.Tests.Graphs;

public sealed class DSeparationTests
{
    private static readonly CausalGraph G = TextbookGraphs.Yaml("edges:\n  - a -> b\n  - b -> c\n  - d -> b\n  - b -> e\n  - c -> f\n  - e -> f\n  - g <-> a\n  - f -> h\n");

    [Theory]
    [InlineData("a", "d", "", true)]          // collider b closed
    [InlineData("a", "d", "b", false)]        // conditioning on the collider opens it
    [InlineData("a", "d", "h", false)]        // … as does conditioning on its descendant
    [InlineData("a", "c", "", false)]         // chain
    [InlineData("a", "c", "b", true)]         // chain blocked
    [InlineData("c", "e", "b", true)]         // fork blocked
    [InlineData("c", "e", "b,f", false)]      // collider f opened
    [InlineData("g", "c", "", false)]         // bidirected edge into a chain
    [InlineData("g", "d", "", true)]
    [InlineData("g", "d", "b", false)]        // g ↔ a → b ← d with b observed
    public void Textbook_separations(string x, string y, string z, bool separated)
    {
        var given = z.Length == 0 ? [] : z.Split(',');
        Assert.Equal(separated, DSeparation.AreSeparated(G, [x], [y], given));
    }

    [Fact]
    public void Agrees_with_path_enumeration_on_random_graphs()
    {
        var rng = new Random(3);
        for (int rep = 0; rep < 30; rep++)
        {
            var g = TextbookGraphs.RandomDag(8, 0.3, seed: rep);
            var nodes = g.Nodes.ToArray();
            var x = nodes[rng.Next(8)];
            var y = nodes[rng.Next(8)];
            if (x == y)
            {
                continue;
            }

            var z = nodes.Where(n => n != x && n != y && rng.NextDouble() < 0.3).ToArray();
            Assert.Equal(BruteForce(g, x, y, z), DSeparation.AreSeparated(g, [x], [y], z));
        }
    }

    [Fact]
    public void Overlapping_sets_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => DSeparation.AreSeparated(G, ["a"], ["c"], ["a"]));
    }

    /// <summary>Enumerates simple paths and applies the blocking rules literally (DAGs only).</summary>
    private static bool BruteForce(CausalGraph g, string x, string y, string[] z)
    {
        var zs = z.ToHashSet();
        var anZ = g.Ancestors(z).ToHashSet();
        var adj = g.Nodes.ToDictionary(n => n, n => g.Parents(n).Concat(g.Children(n)).ToList());
        bool open = false;
        void Walk(List<string> path)
        {
            if (open)
            {
                return;
            }

            var last = path[^1];
            if (last == y)
            {
                bool ok = true;
                for (int i = 1; i < path.Count - 1; i++)
                {
                    bool collider = g.Parents(path[i]).Contains(path[i - 1]) && g.Parents(path[i]).Contains(path[i + 1]);
                    ok &= collider ? anZ.Contains(path[i]) : !zs.Contains(path[i]);
                }

                open |= ok;
                return;
            }

            foreach (var nb in adj[last])
            {
                if (!path.Contains(nb))
                {
                    path.Add(nb);
                    Walk(path);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        Walk([x]);
        return !open;
    }
}
