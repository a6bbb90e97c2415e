using CausalCart.Core.Errors;

namespace CausalCart.Causal.Graphs;

/// <summary>
/// An acyclic directed mixed graph (ADMG): a DAG over observed variables whose directed edges are direct
/// causes, plus bidirected edges <c>A ↔ B</c> standing for a latent common cause of A and B. Immutable and
/// thread-safe; node order is the order of first mention.
/// </summary>
/// <remarks>
/// Implementation note: nodes are dense indices; parents, children and bidirected neighbours are stored as
/// jagged arrays so that every graph query (ancestors, d-separation, c-components) is a linear-time
/// traversal over index masks. Names are used only at the public surface.
/// </remarks>
public sealed class CausalGraph
{
    private readonly Dictionary<string, int> index;

    private CausalGraph(string[] nodes, GraphEdge[] edges, Dictionary<string, int> index, int[][] parents, int[][] children, int[][] siblings, int[] topo)
    {
        Nodes = nodes;
        Edges = edges;
        this.index = index;
        Pa = parents;
        Ch = children;
        Sib = siblings;
        Topo = topo;
    }

    /// <summary>Variable names, in order of first mention.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>Directed and bidirected edges, in input order (duplicates removed).</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>True when the graph has at least one bidirected edge (a latent confounder).</summary>
    public bool HasLatentConfounders => Sib.Any(s => s.Length > 0);

    /// <summary>Number of variables.</summary>
    public int Count => Nodes.Count;

    internal int[][] Pa { get; }

    internal int[][] Ch { get; }

    internal int[][] Sib { get; }

    /// <summary>Node indices in a topological order (every parent before its children).</summary>
    internal int[] Topo { get; }

    /// <summary>
    /// Builds a graph. Nodes mentioned only in edges are added after <paramref name="nodes"/>.
    /// </summary>
    /// <exception cref="CausalCartException">An edge is a self-loop or undirected, or the directed edges
    /// form a cycle (the message lists the cycle, e.g. <c>A -> B -> A</c>).</exception>
    public static CausalGraph Create(IEnumerable<string> nodes, IEnumerable<GraphEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var names = new List<string>();
        var idx = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string n)
        {
            if (string.IsNullOrWhiteSpace(n))
            {
                throw new CausalCartException("Graph node names must be non-empty.");
            }

            if (idx.TryAdd(n, names.Count))
            {
                names.Add(n);
            }
        }

        foreach (var n in nodes)
        {
            Add(n);
        }

        var edgeList = new List<GraphEdge>();
        var seen = new HashSet<(int, int, EdgeKind)>();
        foreach (var e in edges)
        {
            if (e.From == e.To)
            {
                throw new CausalCartException($"Self-loop on '{e.From}': a variable cannot cause itself.");
            }

            if (e.Kind == EdgeKind.Undirected)
            {
                throw new CausalCartException($"Edge '{e}' is undirected; a causal graph needs every edge directed (->) or bidirected (<->).");
            }

            Add(e.From);
            Add(e.To);
            int a = idx[e.From], b = idx[e.To];
            var key = e.Kind == EdgeKind.Bidirected ? (Math.Min(a, b), Math.Max(a, b), e.Kind) : (a, b, e.Kind);
            if (seen.Add(key))
            {
                edgeList.Add(e);
            }
        }

        int n0 = names.Count;
        var pa = new List<int>[n0];
        var ch = new List<int>[n0];
        var sib = new List<int>[n0];
        for (int i = 0; i < n0; i++)
        {
            pa[i] = [];
            ch[i] = [];
            sib[i] = [];
        }

        foreach (var e in edgeList)
        {
            int a = idx[e.From], b = idx[e.To];
            if (e.Kind == EdgeKind.Directed)
            {
                ch[a].Add(b);
                pa[b].Add(a);
            }
            else
            {
                sib[a].Add(b);
                sib[b].Add(a);
            }
        }

        var paA = pa.Select(l => l.ToArray()).ToArray();
        var chA = ch.Select(l => l.ToArray()).ToArray();
        var cycle = FindCycle(chA);
        if (cycle is not null)
        {
            throw new CausalCartException(
                $"The graph has a directed cycle: {string.Join(" -> ", cycle.Select(i => names[i]))}. Causal graphs must be acyclic; remove or reverse one of these edges.");
        }

        return new CausalGraph([.. names], [.. edgeList], idx, paA, chA, sib.Select(l => l.ToArray()).ToArray(), TopologicalSort(paA, chA));
    }

    /// <summary>Whether <paramref name="name"/> is a node of this graph (ordinal comparison).</summary>
    public bool Contains(string name) => index.ContainsKey(name);

    /// <summary>Parents of a node (direct causes), in edge order.</summary>
    /// <exception cref="CausalCartException">The node is not in the graph.</exception>
    public IReadOnlyList<string> Parents(string node) => [.. Pa[IndexOf(node)].Select(i => Nodes[i])];

    /// <summary>Children of a node (direct effects), in edge order.</summary>
    /// <exception cref="CausalCartException">The node is not in the graph.</exception>
    public IReadOnlyList<string> Children(string node) => [.. Ch[IndexOf(node)].Select(i => Nodes[i])];

    /// <summary>Ancestors of the given nodes, the nodes themselves included, in graph node order.</summary>
    public IReadOnlyList<string> Ancestors(params IEnumerable<string> nodes) => Names(AncestorMask(Mask(nodes), null));

    /// <summary>Descendants of the given nodes, the nodes themselves included, in graph node order.</summary>
    public IReadOnlyList<string> Descendants(params IEnumerable<string> nodes) => Names(DescendantMask(Mask(nodes), null));

    /// <summary>Nodes in a topological order: every cause before its effects. Deterministic.</summary>
    public IReadOnlyList<string> TopologicalOrder() => [.. Topo.Select(i => Nodes[i])];

    /// <summary>Index of a node name.</summary>
    /// <exception cref="CausalCartException">The node is not in the graph; the message lists the nodes.</exception>
    internal int IndexOf(string name)
    {
        if (index.TryGetValue(name, out int i))
        {
            return i;
        }

        throw new CausalCartException($"Unknown variable '{name}'. The graph has: {string.Join(", ", Nodes)}.");
    }

    internal bool[] Mask(IEnumerable<string> names)
    {
        var m = new bool[Count];
        foreach (var n in names)
        {
            m[IndexOf(n)] = true;
        }

        return m;
    }

    internal string[] Names(bool[] mask)
    {
        var r = new List<string>();
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                r.Add(Nodes[i]);
            }
        }

        return [.. r];
    }

    /// <summary>Ancestors (inclusive) of <paramref name="of"/> within the subgraph induced by <paramref name="within"/> (all nodes when null).</summary>
    internal bool[] AncestorMask(bool[] of, bool[]? within)
    {
        var r = new bool[Count];
        var stack = new Stack<int>();
        for (int i = 0; i < Count; i++)
        {
            if (of[i] && (within is null || within[i]))
            {
                r[i] = true;
                stack.Push(i);
            }
        }

        while (stack.Count > 0)
        {
            int v = stack.Pop();
            foreach (int p in Pa[v])
            {
                if (!r[p] && (within is null || within[p]))
                {
                    r[p] = true;
                    stack.Push(p);
                }
            }
        }

        return r;
    }

    /// <summary>Descendants (inclusive) of <paramref name="of"/> within the subgraph induced by <paramref name="within"/> (all nodes when null).</summary>
    internal bool[] DescendantMask(bool[] of, bool[]? within)
    {
        var r = new bool[Count];
        var stack = new Stack<int>();
        for (int i = 0; i < Count; i++)
        {
            if (of[i] && (within is null || within[i]))
            {
                r[i] = true;
                stack.Push(i);
            }
        }

        while (stack.Count > 0)
        {
            int v = stack.Pop();
            foreach (int c in Ch[v])
            {
                if (!r[c] && (within is null || within[c]))
                {
                    r[c] = true;
                    stack.Push(c);
                }
            }
        }

        return r;
    }

    /// <summary>A directed cycle as a node list closing on its first node, or null when acyclic.</summary>
    internal static int[]? FindCycle(int[][] children)
    {
        int n = children.Length;
        var state = new byte[n]; // 0 unvisited, 1 on stack, 2 done
        var parent = new int[n];
        for (int s = 0; s < n; s++)
        {
            if (state[s] != 0)
            {
                continue;
            }

            var stack = new Stack<(int Node, int Next)>();
            stack.Push((s, 0));
            state[s] = 1;
            parent[s] = -1;
            while (stack.Count > 0)
            {
                var (v, k) = stack.Pop();
                if (k < children[v].Length)
                {
                    stack.Push((v, k + 1));
                    int c = children[v][k];
                    if (state[c] == 1)
                    {
                        var cyc = new List<int> { c };
                        for (int u = v; u != c; u = parent[u])
                        {
                            cyc.Add(u);
                        }

                        cyc.Reverse();
                        cyc.Insert(0, c);
                        return [.. cyc];
                    }

                    if (state[c] == 0)
                    {
                        state[c] = 1;
                        parent[c] = v;
                        stack.Push((c, 0));
                    }
                }
                else
                {
                    state[v] = 2;
                }
            }
        }

        return null;
    }

    private static int[] TopologicalSort(int[][] pa, int[][] ch)
    {
        int n = pa.Length;
        var indeg = pa.Select(p => p.Length).ToArray();
        var q = new Queue<int>();
        for (int i = 0; i < n; i++)
        {
            if (indeg[i] == 0)
            {
                q.Enqueue(i);
            }
        }

        var order = new List<int>(n);
        while (q.Count > 0)
        {
            int v = q.Dequeue();
            order.Add(v);
            foreach (int c in ch[v])
            {
                if (--indeg[c] == 0)
                {
                    q.Enqueue(c);
                }
            }
        }

        return [.. order];
    }
}
