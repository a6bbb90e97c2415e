using CausalCart.Core.Errors;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Graphs;

/// <summary>
/// Turns a causal graph into the covariates of an adjustment estimator: finds a valid adjustment set among the
/// measured variables and classifies every requested control the graph marks as bad. Pure and deterministic.
/// </summary>
/// <remarks>
/// Implementation note. A requested control Z is classified, first match wins:
/// <list type="number">
/// <item><b>Mediator</b>: Z lies on a proper causal path T → … → Y (Z ∈ cn(T, Y), Perković et al. 2018).</item>
/// <item><b>Collider</b> (common effect): Z descends from both T and Y.</item>
/// <item><b>Descendant of the treatment</b>: any other descendant of T (in forb(T, Y) or below T).</item>
/// <item><b>Collider</b> (M-bias and similar): Z is not caused by T, but no valid adjustment set of measured variables
/// contains it — tested with the largest candidate An(T ∪ Y ∪ Z) \ forb(T, Y) \ unmeasured, plus Z, which is valid
/// whenever any valid set containing Z is (van der Zander, Liśkiewicz &amp; Textor 2019, Thm. 4.6).</item>
/// </list>
/// Other requested controls are harmless; they are adjusted for only when they are in the chosen set.
/// </remarks>
public static class AdjustmentPlanner
{
    /// <summary>Plans the adjustment for the effect of <paramref name="treatment"/> on <paramref name="outcome"/>.</summary>
    /// <param name="graph">The causal graph.</param>
    /// <param name="treatment">Treatment node.</param>
    /// <param name="outcome">Outcome node.</param>
    /// <param name="measured">Variables with data (unit-table columns); graph nodes not listed are unmeasured. Treatment and
    /// outcome are always measured.</param>
    /// <param name="requested">Controls the user asked to adjust for (may include names not in the graph).</param>
    /// <exception cref="CausalCartException">Treatment or outcome is not a node of the graph (the message lists the nodes).</exception>
    public static AdjustmentPlan Plan(CausalGraph graph, string treatment, string outcome, IEnumerable<string> measured, IEnumerable<string> requested)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(requested);
        foreach (var (name, role) in new[] { (treatment, "treatment"), (outcome, "outcome") })
        {
            if (!graph.Contains(name))
            {
                throw new CausalCartException(ErrorKind.Usage, $"The {role} '{name}' is not a node of the causal graph. Its nodes are: {string.Join(", ", graph.Nodes)}.");
            }
        }

        var measuredSet = new HashSet<string>(measured, StringComparer.Ordinal) { treatment, outcome };
        var unobserved = graph.Nodes.Where(n => !measuredSet.Contains(n)).ToList();
        var requestedList = requested.Distinct(StringComparer.Ordinal).ToList();
        var notInGraph = requestedList.Where(r => !graph.Contains(r)).ToList();
        var bad = Classify(graph, treatment, outcome, requestedList.Where(graph.Contains).Where(r => r != treatment && r != outcome), unobserved);

        var adj = Identification.MinimalAdjustmentSet(graph, [treatment], [outcome], unobserved);
        if (adj is not null)
        {
            IReadOnlyList<string> set = adj;
            if (!graph.HasLatentConfounders)
            {
                var o = Identification.OptimalAdjustmentSet(graph, [treatment], [outcome]);
                if (o.All(measuredSet.Contains))
                {
                    set = o;
                }
            }

            string what = set.Count == 0
                ? "nothing in the graph confounds them, so no adjustment is needed"
                : $"adjusting for {Words(set)} removes every confounding path";
            return new(treatment, outcome, IdentificationKind.Adjustment, set, Identification.AdjustmentFormula([treatment], [outcome], set),
                $"The effect of {treatment} on {outcome} can be estimated from the data: {what}.", bad, unobserved, notInGraph);
        }

        // No measured adjustment set: the front-door and ID algorithm work on the graph with unmeasured nodes made latent.
        var latent = Latentise(graph, unobserved);
        var report = CausalIdentifier.Identify(latent, treatment, outcome);
        var kind = report.Strategy switch
        {
            IdentificationStrategy.FrontDoor => IdentificationKind.FrontDoor,
            IdentificationStrategy.GeneralId => IdentificationKind.GeneralId,
            IdentificationStrategy.Adjustment => IdentificationKind.Adjustment, // cannot happen: no measured set exists
            _ => IdentificationKind.NotIdentifiable,
        };
        string verdict = kind == IdentificationKind.NotIdentifiable
            ? $"The effect of {treatment} on {outcome} cannot be estimated by adjusting for measured variables: {report.Verdict}"
                + (unobserved.Count > 0 ? $" Variables in the graph without data: {string.Join(", ", unobserved)}; measuring them may make the effect identifiable." : string.Empty)
            : $"No set of measured variables removes the confounding of {treatment} and {outcome}. {report.Verdict}";
        return new(treatment, outcome, kind, null, report.Estimand, verdict, bad, unobserved, notInGraph);
    }

    /// <summary>
    /// The graph with every node in <paramref name="hidden"/> projected out (Verma &amp; Pearl latent projection): a hidden
    /// node's measured ancestors through hidden paths point at its measured descendants through hidden paths, and two
    /// measured nodes sharing a hidden ancestor (reached through hidden nodes only) get a bidirected edge.
    /// </summary>
    public static CausalGraph Latentise(CausalGraph graph, IEnumerable<string> hidden)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(hidden);
        var h = graph.Mask(hidden);
        if (!h.Any(b => b))
        {
            return graph;
        }

        int n = graph.Count;
        var keep = Enumerable.Range(0, n).Where(i => !h[i]).ToList();
        var edges = new HashSet<GraphEdge>();

        // Directed: a → b when a directed path a → h… → b has only hidden interior nodes.
        foreach (int a in keep)
        {
            var seen = new bool[n];
            var stack = new Stack<int>(graph.Ch[a]);
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                if (seen[v])
                {
                    continue;
                }

                seen[v] = true;
                if (h[v])
                {
                    foreach (int c in graph.Ch[v])
                    {
                        stack.Push(c);
                    }
                }
                else
                {
                    edges.Add(new GraphEdge(graph.Nodes[a], graph.Nodes[v]));
                }
            }
        }

        // Bidirected: existing ones between measured nodes, and pairs of measured nodes reached from one hidden node
        // (or from two hidden nodes joined by a bidirected edge) through hidden-only directed paths.
        var reach = new List<int>[n];
        for (int u = 0; u < n; u++)
        {
            if (!h[u])
            {
                continue;
            }

            reach[u] = [];
            var seen = new bool[n];
            var stack = new Stack<int>(graph.Ch[u]);
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                if (seen[v])
                {
                    continue;
                }

                seen[v] = true;
                if (h[v])
                {
                    foreach (int c in graph.Ch[v])
                    {
                        stack.Push(c);
                    }
                }
                else
                {
                    reach[u].Add(v);
                }
            }
        }

        void Bi(int a, int b)
        {
            if (a != b)
            {
                var (x, y) = a < b ? (a, b) : (b, a);
                edges.Add(new GraphEdge(graph.Nodes[x], graph.Nodes[y], EdgeKind.Bidirected));
            }
        }

        // Measured endpoints of a node: itself when measured, else what it reaches through hidden nodes.
        IEnumerable<int> Ends(int v) => h[v] ? reach[v] : [v];
        for (int u = 0; u < n; u++)
        {
            if (h[u])
            {
                var r = reach[u];
                for (int i = 0; i < r.Count; i++)
                {
                    for (int j = i + 1; j < r.Count; j++)
                    {
                        Bi(r[i], r[j]);
                    }
                }
            }

            foreach (int s in graph.Sib[u])
            {
                if (s > u)
                {
                    foreach (int a in Ends(u))
                    {
                        foreach (int b in Ends(s))
                        {
                            Bi(a, b);
                        }
                    }
                }
            }
        }

        var ordered = edges.OrderBy(e => e.Kind).ThenBy(e => graph.IndexOf(e.From)).ThenBy(e => graph.IndexOf(e.To));
        return CausalGraph.Create(keep.Select(i => graph.Nodes[i]), ordered);
    }

    private static List<BadControlNote> Classify(CausalGraph g, string treatment, string outcome, IEnumerable<string> controls, List<string> unobserved)
    {
        var x = g.Mask([treatment]);
        var y = g.Mask([outcome]);
        var cn = Identification.CausalNodes(g, x, y);
        var forb = Identification.Forbidden(g, x, cn);
        var deT = g.DescendantMask(x, null);
        var deY = g.DescendantMask(y, null);
        var hidden = g.Mask(unobserved);
        var notes = new List<BadControlNote>();
        foreach (string z in controls)
        {
            int i = g.IndexOf(z);
            if (cn[i])
            {
                notes.Add(new(z, BadControlRole.Mediator,
                    $"{z} is a mediator: {treatment} changes it and it changes {outcome}, so adjusting for it would remove the part of the effect that passes through it."));
            }
            else if (deT[i] && deY[i])
            {
                notes.Add(new(z, BadControlRole.Collider,
                    $"{z} is a collider: both {treatment} and {outcome} change it, so adjusting for it creates a spurious link between them."));
            }
            else if (deT[i] || forb[i])
            {
                notes.Add(new(z, BadControlRole.DescendantOfTreatment,
                    $"{z} is affected by {treatment}, so adjusting for it can bias the estimate; only variables measured before the treatment belong in the adjustment."));
            }
            else if (!ValidWith(g, x, y, i, forb, hidden))
            {
                notes.Add(new(z, BadControlRole.Collider,
                    $"{z} is a collider on a non-causal path between {treatment} and {outcome}: adjusting for it opens that path (collider or M-bias), and no other measured variable closes it again."));
            }
        }

        return notes;
    }

    private static bool ValidWith(CausalGraph g, bool[] x, bool[] y, int z, bool[] forb, bool[] hidden)
    {
        var seed = new bool[g.Count];
        for (int i = 0; i < seed.Length; i++)
        {
            seed[i] = x[i] || y[i] || i == z;
        }

        var set = g.AncestorMask(seed, null);
        for (int i = 0; i < set.Length; i++)
        {
            set[i] &= !x[i] && !y[i] && !forb[i] && !hidden[i];
        }

        set[z] = true;
        return Identification.IsAdjustment(g, x, y, set);
    }

    private static string Words(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        2 => $"{names[0]} and {names[1]}",
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };
}
