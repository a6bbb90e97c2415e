namespace CausalCart.Causal.Graphs;

public static partial class Identification
{
    /// <summary>
    /// Pearl's front-door criterion (Pearl 2009, Def. 3.3.3) for a set of mediators M: (i) M intercepts every
    /// directed path from the treatment to the outcome; (ii) no open backdoor path runs from the treatment to M;
    /// (iii) every backdoor path from M to the outcome is blocked by the treatment. Then
    /// P(y | do(t)) = Σ_m P(m|t) Σ_{t'} P(y|t',m) P(t').
    /// </summary>
    public static bool IsFrontDoorSet(CausalGraph graph, string treatment, string outcome, IEnumerable<string> mediators)
    {
        var (x, y, m) = Roles(graph, [treatment], [outcome], mediators);
        return FrontDoor(graph, x, y, m);
    }

    /// <summary>
    /// A front-door set for the effect of <paramref name="treatment"/> on <paramref name="outcome"/>, or
    /// <see langword="null"/> when the search finds none. Candidates are the nodes on causal paths that have no
    /// open backdoor path from the treatment; the candidate set, then each set with one candidate removed,
    /// is checked against the criterion exactly, and the first valid set is reduced to an inclusion-minimal one.
    /// The search is complete for the usual single-chain designs (Pearl 2009, §3.3.2); it may miss a valid set
    /// in graphs needing the full algorithm of Jeong, Tian &amp; Bareinboim (2022).
    /// </summary>
    public static IReadOnlyList<string>? FindFrontDoorSet(CausalGraph graph, string treatment, string outcome)
    {
        var (x, y, _) = Roles(graph, [treatment], [outcome], []);
        int n = graph.Count;
        var cn = CausalNodes(graph, x, y);
        var cand = new bool[n];
        var open = DSeparation.Reach(graph, x, new bool[n], (a, _) => !x[a]);
        for (int i = 0; i < n; i++)
        {
            cand[i] = cn[i] && !y[i] && !open[i];
        }

        bool[]? found = null;
        if (FrontDoor(graph, x, y, cand))
        {
            found = cand;
        }
        else
        {
            for (int i = 0; i < n && found is null; i++)
            {
                if (cand[i])
                {
                    cand[i] = false;
                    if (FrontDoor(graph, x, y, cand))
                    {
                        found = cand;
                    }
                    else
                    {
                        cand[i] = true;
                    }
                }
            }
        }

        if (found is null)
        {
            return null;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            if (found[i])
            {
                found[i] = false;
                if (!FrontDoor(graph, x, y, found))
                {
                    found[i] = true;
                }
            }
        }

        return graph.Names(found);
    }

    /// <summary>The front-door formula as text: <c>Σ_{m} P(m|t) Σ_{t'} P(y|t',m) P(t')</c>.</summary>
    public static string FrontDoorFormula(string treatment, string outcome, IReadOnlyList<string> mediators)
    {
        ArgumentNullException.ThrowIfNull(mediators);
        string m = string.Join(",", mediators);
        string tp = treatment + "'";
        return $"Σ_{{{m}}} P({m}|{treatment}) Σ_{{{tp}}} P({outcome}|{tp},{m}) P({tp})";
    }

    private static bool FrontDoor(CausalGraph g, bool[] x, bool[] y, bool[] m)
    {
        int n = g.Count;
        if (!m.Any(b => b))
        {
            return false;
        }

        // (i) every directed path x → … → y passes through M.
        var notM = new bool[n];
        for (int i = 0; i < n; i++)
        {
            notM[i] = !m[i];
        }

        var de = g.DescendantMask(x, notM);
        for (int i = 0; i < n; i++)
        {
            if (de[i] && y[i])
            {
                return false;
            }
        }

        // (ii) x ⊥ M in the graph without edges out of x.
        if (!DSeparation.Separated(g, x, m, new bool[n], (a, _) => !x[a]))
        {
            return false;
        }

        // (iii) M ⊥ y | x in the graph without edges out of M.
        return DSeparation.Separated(g, m, y, x, (a, _) => !m[a]);
    }
}
