namespace CausalCart.Causal.Graphs;

public static partial class Identification
{
    /// <summary>
    /// Instruments for the effect of <paramref name="treatment"/> on <paramref name="outcome"/>: variables Z,
    /// not descended from the treatment, that are d-connected to the treatment given W (relevance) and
    /// d-separated from the outcome given W once the treatment's outgoing edges are removed (exclusion and
    /// no confounding) — the (conditional) instrument of Brito &amp; Pearl (2002, Def. 7) / Pearl (2009, §7.4.5).
    /// W is empty when that works; otherwise an inclusion-minimal W is sought among non-descendants of
    /// the treatment and outcome that are ancestors of Z, the treatment or the outcome. Results are in node order.
    /// </summary>
    public static IReadOnlyList<Instrument> FindInstruments(CausalGraph graph, string treatment, string outcome)
    {
        var (x, y, _) = Roles(graph, [treatment], [outcome], []);
        int n = graph.Count;
        var deX = graph.DescendantMask(x, null);
        var deY = graph.DescendantMask(y, null);
        var found = new List<Instrument>();
        bool Keep(int a, int b) => !x[a];
        for (int zi = 0; zi < n; zi++)
        {
            if (deX[zi] || y[zi] || deY[zi])
            {
                continue;
            }

            var z = new bool[n];
            z[zi] = true;
            var w = new bool[n];
            if (Valid(w))
            {
                found.Add(new Instrument(graph.Nodes[zi], []));
                continue;
            }

            var xyz = new bool[n];
            for (int i = 0; i < n; i++)
            {
                xyz[i] = x[i] || y[i] || z[i];
            }

            var an = graph.AncestorMask(xyz, null);
            for (int i = 0; i < n; i++)
            {
                w[i] = an[i] && !xyz[i] && !deX[i] && !deY[i];
            }

            if (!Valid(w))
            {
                continue;
            }

            for (int i = n - 1; i >= 0; i--)
            {
                if (w[i])
                {
                    w[i] = false;
                    if (!Valid(w))
                    {
                        w[i] = true;
                    }
                }
            }

            found.Add(new Instrument(graph.Nodes[zi], graph.Names(w)));

            bool Valid(bool[] cond) =>
                DSeparation.Separated(graph, z, y, cond, Keep) && !DSeparation.Separated(graph, z, x, cond, null);
        }

        return found;
    }
}
