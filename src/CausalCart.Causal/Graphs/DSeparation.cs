namespace CausalCart.Causal.Graphs;

/// <summary>
/// d-separation (m-separation when the graph has bidirected edges): whether every path between two node
/// sets is blocked by a conditioning set. A path is open when each of its colliders (<c>→ v ←</c>, with
/// <c>↔</c> counting as arrowheads at both ends) is in, or an ancestor of, the conditioning set and each
/// non-collider is outside it (Pearl 2009, §1.2.3; Richardson 2003 for ADMGs).
/// </summary>
/// <remarks>
/// Implementation note: the "Bayes-ball" reachability of Shachter (1998) / Koller &amp; Friedman (2009,
/// Algorithm 3.1): a breadth-first search over (node, arrived-with-arrowhead) states, so each query is
/// O(V + E).
/// </remarks>
public static class DSeparation
{
    /// <summary>True when <paramref name="x"/> and <paramref name="y"/> are d-separated given <paramref name="given"/>.</summary>
    /// <exception cref="Core.Errors.CausalCartException">A name is not in the graph.</exception>
    /// <exception cref="ArgumentException">The sets overlap.</exception>
    public static bool AreSeparated(CausalGraph graph, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string> given)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var xm = graph.Mask(x);
        var ym = graph.Mask(y);
        var zm = graph.Mask(given);
        for (int i = 0; i < graph.Count; i++)
        {
            if ((xm[i] && ym[i]) || (xm[i] && zm[i]) || (ym[i] && zm[i]))
            {
                throw new ArgumentException($"Variable '{graph.Nodes[i]}' appears in more than one of the sets; the sets must be disjoint.");
            }
        }

        return Separated(graph, xm, ym, zm, null);
    }

    /// <summary>Variables d-connected to <paramref name="from"/> given <paramref name="given"/> (excluding the sources), in node order.</summary>
    public static IReadOnlyList<string> Reachable(CausalGraph graph, IEnumerable<string> from, IEnumerable<string> given)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var src = graph.Mask(from);
        var r = Reach(graph, src, graph.Mask(given), null);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] &= !src[i];
        }

        return graph.Names(r);
    }

    internal static bool Separated(CausalGraph g, bool[] x, bool[] y, bool[] z, Func<int, int, bool>? keepDirected)
    {
        var r = Reach(g, x, z, keepDirected);
        for (int i = 0; i < r.Length; i++)
        {
            if (r[i] && y[i] && !x[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Nodes reachable by an open path from <paramref name="src"/> given <paramref name="z"/>, in the graph
    /// whose directed edges are filtered by <paramref name="keepDirected"/> (all kept when null).
    /// </summary>
    internal static bool[] Reach(CausalGraph g, bool[] src, bool[] z, Func<int, int, bool>? keepDirected)
    {
        int n = g.Count;

        // Ancestors of Z (inclusive) in the filtered graph: colliders there are open.
        var anZ = new bool[n];
        var stack = new Stack<int>();
        for (int i = 0; i < n; i++)
        {
            if (z[i])
            {
                anZ[i] = true;
                stack.Push(i);
            }
        }

        while (stack.Count > 0)
        {
            int v = stack.Pop();
            foreach (int p in g.Pa[v])
            {
                if (!anZ[p] && (keepDirected is null || keepDirected(p, v)))
                {
                    anZ[p] = true;
                    stack.Push(p);
                }
            }
        }

        var reached = new bool[n];
        var seenHead = new bool[n]; // state: arrived at v through an arrowhead at v
        var seenTail = new bool[n]; // state: arrived at v through a tail at v
        var queue = new Queue<(int V, bool Head, bool Start)>();
        for (int i = 0; i < n; i++)
        {
            if (src[i])
            {
                reached[i] = true;
                queue.Enqueue((i, false, true));
            }
        }

        while (queue.Count > 0)
        {
            var (v, head, start) = queue.Dequeue();

            // Leaving v along an edge with a tail at v: v is a non-collider.
            bool passNonCollider = start || !z[v];

            // Leaving v along an edge with an arrowhead at v: v is a collider when we arrived with a head too.
            bool passHeadEdge = start || (head ? anZ[v] : !z[v]);
            if (passNonCollider)
            {
                foreach (int c in g.Ch[v])
                {
                    if ((keepDirected is null || keepDirected(v, c)) && !seenHead[c])
                    {
                        seenHead[c] = true;
                        reached[c] = true;
                        queue.Enqueue((c, true, false));
                    }
                }
            }

            if (passHeadEdge)
            {
                foreach (int p in g.Pa[v])
                {
                    if ((keepDirected is null || keepDirected(p, v)) && !seenTail[p])
                    {
                        seenTail[p] = true;
                        reached[p] = true;
                        queue.Enqueue((p, false, false));
                    }
                }

                foreach (int s in g.Sib[v])
                {
                    if (!seenHead[s])
                    {
                        seenHead[s] = true;
                        reached[s] = true;
                        queue.Enqueue((s, true, false));
                    }
                }
            }
        }

        return reached;
    }
}
