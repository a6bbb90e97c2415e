using CausalCart.Core.Errors;

namespace CausalCart.Causal.Graphs;

/// <summary>
/// Graphical identification of the effect of treatments T on outcomes Y: covariate adjustment (backdoor
/// and generalised adjustment criteria, a minimal set and the efficiency-optimal O-set), the front-door
/// criterion and instruments. Every method is pure, thread-safe and runs in time polynomial in the graph
/// size (linear per d-separation test). Names are case-sensitive; unknown names throw
/// <see cref="CausalCartException"/> listing the graph's variables.
/// </summary>
public static partial class Identification
{
    /// <summary>
    /// Pearl's backdoor criterion (Pearl 2009, Def. 3.3.1): no variable of <paramref name="set"/> descends from a
    /// treatment, and <paramref name="set"/> blocks every path from a treatment to an outcome that starts with
    /// an arrow into the treatment (d-separation after deleting the edges out of the treatments).
    /// </summary>
    public static bool IsBackdoorSet(CausalGraph graph, IEnumerable<string> treatments, IEnumerable<string> outcomes, IEnumerable<string> set)
    {
        var (x, y, z) = Roles(graph, treatments, outcomes, set);
        var de = graph.DescendantMask(x, null);
        for (int i = 0; i < graph.Count; i++)
        {
            if (z[i] && de[i])
            {
                return false;
            }
        }

        return DSeparation.Separated(graph, x, y, z, (a, _) => !x[a]);
    }

    /// <summary>
    /// The generalised adjustment criterion (Shpitser, VanderWeele &amp; Robins 2010; Perković et al. 2018,
    /// Def. 3.3), necessary and sufficient for P(y | do(t)) = Σ_z P(y | t, z) P(z): <paramref name="set"/>
    /// contains no variable in forb(T, Y) — the treatments and the descendants of the nodes on proper causal
    /// paths — and m-separates T from Y in the proper backdoor graph (the first edge of every proper causal
    /// path deleted). Bidirected edges are latent confounders and are never deleted.
    /// </summary>
    public static bool IsAdjustmentSet(CausalGraph graph, IEnumerable<string> treatments, IEnumerable<string> outcomes, IEnumerable<string> set)
    {
        var (x, y, z) = Roles(graph, treatments, outcomes, set);
        return IsAdjustment(graph, x, y, z);
    }

    /// <summary>
    /// An inclusion-minimal valid adjustment set (no proper subset is valid), or <see langword="null"/> when
    /// no set of observed variables satisfies the adjustment criterion (then try the front-door criterion or
    /// <see cref="IdAlgorithm"/>). Starts from An(T ∪ Y) minus forbidden nodes, which is valid whenever any
    /// set is (van der Zander, Liśkiewicz &amp; Textor 2019, Thm. 4.6), then drops variables one at a time while
    /// it stays valid; a separator from which no single variable can be removed is minimal (Tian, Paz &amp;
    /// Pearl 1998). Variables in <paramref name="unobserved"/> are never used. Deterministic (node order).
    /// </summary>
    public static IReadOnlyList<string>? MinimalAdjustmentSet(CausalGraph graph, IEnumerable<string> treatments, IEnumerable<string> outcomes, IEnumerable<string>? unobserved = null)
    {
        var (x, y, _) = Roles(graph, treatments, outcomes, []);
        var z = CandidateAdjustment(graph, x, y, unobserved);
        if (!IsAdjustment(graph, x, y, z))
        {
            return null;
        }

        for (int i = graph.Count - 1; i >= 0; i--)
        {
            if (z[i])
            {
                z[i] = false;
                if (!IsAdjustment(graph, x, y, z))
                {
                    z[i] = true;
                }
            }
        }

        return graph.Names(z);
    }

    /// <summary>
    /// The efficiency-optimal adjustment set O(T, Y) = pa(cn(T, Y)) \ forb(T, Y) of Henckel, Perković &amp;
    /// Maathuis (2022, Def. 3.8): among all valid adjustment sets it gives the smallest asymptotic variance
    /// for the linear regression (and many non-parametric) estimators of the total effect. Empty when no
    /// outcome descends from a treatment (the effect is then zero).
    /// </summary>
    /// <exception cref="CausalCartException">The graph has latent confounders (the O-set theory needs a DAG),
    /// or no valid adjustment set exists.</exception>
    public static IReadOnlyList<string> OptimalAdjustmentSet(CausalGraph graph, IEnumerable<string> treatments, IEnumerable<string> outcomes)
    {
        var (x, y, _) = Roles(graph, treatments, outcomes, []);
        if (graph.HasLatentConfounders)
        {
            throw new CausalCartException(ErrorKind.NotIdentifiable, "The optimal adjustment set (O-set) is defined for graphs without latent confounders (<-> edges); use MinimalAdjustmentSet or the ID algorithm.");
        }

        var cn = CausalNodes(graph, x, y);
        var forb = Forbidden(graph, x, cn);
        var o = new bool[graph.Count];
        for (int v = 0; v < graph.Count; v++)
        {
            if (cn[v])
            {
                foreach (int p in graph.Pa[v])
                {
                    o[p] = !forb[p];
                }
            }
        }

        for (int v = 0; v < graph.Count; v++)
        {
            o[v] &= !forb[v];
        }

        if (!IsAdjustment(graph, x, y, o))
        {
            throw new CausalCartException(ErrorKind.NotIdentifiable, $"No valid adjustment set exists for the effect of {string.Join(", ", graph.Names(x))} on {string.Join(", ", graph.Names(y))}.");
        }

        return graph.Names(o);
    }

    /// <summary>
    /// The adjustment formula as text, e.g. <c>Σ_{z} P(y|t,z) P(z)</c>, or <c>P(y|t)</c> for an empty set.
    /// </summary>
    public static string AdjustmentFormula(IReadOnlyList<string> treatments, IReadOnlyList<string> outcomes, IReadOnlyList<string> set)
    {
        ArgumentNullException.ThrowIfNull(treatments);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(set);
        string y = string.Join(",", outcomes);
        if (set.Count == 0)
        {
            return $"P({y}|{string.Join(",", treatments)})";
        }

        string zs = string.Join(",", set);
        return $"Σ_{{{zs}}} P({y}|{string.Join(",", treatments.Concat(set))}) P({zs})";
    }

    internal static (bool[] X, bool[] Y, bool[] Z) Roles(CausalGraph graph, IEnumerable<string> treatments, IEnumerable<string> outcomes, IEnumerable<string> set)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(treatments);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(set);
        var x = graph.Mask(treatments);
        var y = graph.Mask(outcomes);
        var z = graph.Mask(set);
        if (!x.Any(b => b) || !y.Any(b => b))
        {
            throw new CausalCartException("Identification needs at least one treatment and one outcome.");
        }

        for (int i = 0; i < graph.Count; i++)
        {
            if (x[i] && y[i])
            {
                throw new CausalCartException($"'{graph.Nodes[i]}' cannot be both a treatment and an outcome.");
            }

            if (z[i] && (x[i] || y[i]))
            {
                throw new CausalCartException($"'{graph.Nodes[i]}' is a treatment or outcome and cannot be in the adjustment set.");
            }
        }

        return (x, y, z);
    }

    /// <summary>cn(X, Y): nodes other than X on a proper causal path (directed, meeting X only at its start) from X to Y.</summary>
    internal static bool[] CausalNodes(CausalGraph g, bool[] x, bool[] y)
    {
        int n = g.Count;

        // Descendants of X along paths that do not re-enter X.
        var de = new bool[n];
        var stack = new Stack<int>();
        for (int i = 0; i < n; i++)
        {
            if (x[i])
            {
                foreach (int c in g.Ch[i])
                {
                    if (!x[c] && !de[c])
                    {
                        de[c] = true;
                        stack.Push(c);
                    }
                }
            }
        }

        while (stack.Count > 0)
        {
            int v = stack.Pop();
            foreach (int c in g.Ch[v])
            {
                if (!x[c] && !de[c])
                {
                    de[c] = true;
                    stack.Push(c);
                }
            }
        }

        var notX = new bool[n];
        for (int i = 0; i < n; i++)
        {
            notX[i] = !x[i];
        }

        var an = g.AncestorMask(y, notX);
        var cn = new bool[n];
        for (int i = 0; i < n; i++)
        {
            cn[i] = de[i] && an[i];
        }

        return cn;
    }

    /// <summary>forb(X, Y) = De(cn(X, Y)) ∪ X.</summary>
    internal static bool[] Forbidden(CausalGraph g, bool[] x, bool[] cn)
    {
        var f = g.DescendantMask(cn, null);
        for (int i = 0; i < f.Length; i++)
        {
            f[i] |= x[i];
        }

        return f;
    }

    internal static bool IsAdjustment(CausalGraph g, bool[] x, bool[] y, bool[] z)
    {
        var cn = CausalNodes(g, x, y);
        var forb = Forbidden(g, x, cn);
        for (int i = 0; i < g.Count; i++)
        {
            if (z[i] && forb[i])
            {
                return false;
            }
        }

        // Proper backdoor graph: delete x → c for c on a proper causal path.
        return DSeparation.Separated(g, x, y, z, (a, b) => !(x[a] && cn[b]));
    }

    internal static bool[] CandidateAdjustment(CausalGraph g, bool[] x, bool[] y, IEnumerable<string>? unobserved)
    {
        var cn = CausalNodes(g, x, y);
        var forb = Forbidden(g, x, cn);
        var xy = new bool[g.Count];
        for (int i = 0; i < xy.Length; i++)
        {
            xy[i] = x[i] || y[i];
        }

        var z = g.AncestorMask(xy, null);
        var hidden = unobserved is null ? new bool[g.Count] : g.Mask(unobserved);
        for (int i = 0; i < z.Length; i++)
        {
            z[i] &= !xy[i] && !forb[i] && !hidden[i];
        }

        return z;
    }
}
