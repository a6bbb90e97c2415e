using CausalCart.Core.Errors;
using E = CausalCart.Causal.Graphs.ProbabilityExpression;

namespace CausalCart.Causal.Graphs;

/// <summary>
/// The ID algorithm of Shpitser &amp; Pearl (2006, Fig. 3): decides whether the interventional distribution
/// P(y | do(t)) is identifiable from the observational distribution in a graph with latent confounders
/// (bidirected edges), returning the estimand as a formula or the hedge that proves it is not. Sound and
/// complete (Shpitser &amp; Pearl 2006, Thm. 3–5; Huang &amp; Valtorta 2006). Deterministic and thread-safe.
/// </summary>
/// <remarks>
/// Implementation note: the recursion works on node masks of induced subgraphs. Conditionals
/// P(v_i | v_π^(i−1)) are reduced to P(v_i | mb) with mb = pa(D) ∪ D \ {v_i}, D the district of v_i among its
/// predecessors — the ordered local Markov property of ADMGs (Richardson 2003, §3) — which keeps the formula
/// short; sums over a variable that only one factor carries in its head are marginalised symbolically.
/// Each recursion step is linear in the graph size, and the recursion depth and fan-out are bounded by the
/// number of nodes, so a DAG with a few hundred nodes is identified in milliseconds.
/// </remarks>
public static class IdAlgorithm
{
    /// <summary>Identifies P(<paramref name="outcomes"/> | do(<paramref name="treatments"/>)).</summary>
    /// <exception cref="CausalCartException">Unknown names, empty or overlapping roles.</exception>
    public static IdentificationResult Identify(CausalGraph graph, IEnumerable<string> treatments, IEnumerable<string> outcomes)
    {
        var (x, y, _) = Identification.Roles(graph, treatments, outcomes, []);
        var tNames = graph.Names(x);
        var yNames = graph.Names(y);
        var all = Enumerable.Repeat(true, graph.Count).ToArray();
        var p = new Dist(new E.Prob([.. Enumerable.Range(0, graph.Count)], []), all);
        try
        {
            var expr = Id(graph, y, x, p, all);
            string formula = expr.Render(graph, x);
            return new IdentificationResult(tNames, yNames, true, formula, [], [],
                $"The effect of {string.Join(" and ", tNames)} on {string.Join(" and ", yNames)} can be estimated from the data under the assumed graph, using {formula}.");
        }
        catch (HedgeException h)
        {
            var f = graph.Names(h.F);
            var fp = graph.Names(h.FPrime);
            return new IdentificationResult(tNames, yNames, false, null, f, fp,
                $"The effect of {string.Join(" and ", tNames)} on {string.Join(" and ", yNames)} cannot be estimated from this data without further assumptions: hidden common causes link {{{string.Join(", ", f)}}} so that {{{string.Join(", ", fp)}}} cannot be separated from the treatment (a hedge).");
        }
    }

    /// <summary>The current distribution: an expression over the variables in <see cref="Vars"/>.</summary>
    private sealed record Dist(E Expr, bool[] Vars);

    private sealed class HedgeException(bool[] f, bool[] fPrime) : Exception("hedge")
    {
        public bool[] F { get; } = f;

        public bool[] FPrime { get; } = fPrime;
    }

    private static E Id(CausalGraph g, bool[] y, bool[] x, Dist p, bool[] v)
    {
        int n = g.Count;

        // Line 1: no intervention — marginalise.
        if (!Any(x))
        {
            return E.SumOf(Idx(Minus(v, y)), p.Expr);
        }

        // Line 2: drop non-ancestors of y.
        var an = g.AncestorMask(y, v);
        if (!SameSet(an, v))
        {
            var marg = new Dist(E.SumOf(Idx(Minus(v, an)), p.Expr), an);
            return Id(g, y, And(x, an), marg, an);
        }

        // Line 3: intervene on nodes that cannot affect y once x is fixed.
        var anBarX = AncestorsCutAt(g, y, v, x);
        var w = new bool[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = v[i] && !x[i] && !anBarX[i];
        }

        if (Any(w))
        {
            return Id(g, y, Or(x, w), p, v);
        }

        // Line 4: factorise over the c-components of G \ X.
        var vMinusX = Minus(v, x);
        var comps = Districts(g, vMinusX);
        if (comps.Count > 1)
        {
            var factors = comps.Select(s => Id(g, s, Minus(v, s), p, v)).ToList();
            return E.SumOf(Idx(Minus(v, Or(y, x))), E.ProductOf(factors));
        }

        var sMask = comps[0];
        var cg = Districts(g, v);

        // Line 5: a single district spanning G — hedge.
        if (cg.Count == 1)
        {
            throw new HedgeException(v, sMask);
        }

        var order = g.Topo.Where(i => v[i]).ToArray();

        // Line 6: S is itself a district of G.
        if (cg.Any(c => SameSet(c, sMask)))
        {
            var fs = new List<E>();
            foreach (int vi in order)
            {
                if (sMask[vi])
                {
                    fs.Add(Conditional(g, p, v, order, vi));
                }
            }

            return E.SumOf(Idx(Minus(sMask, y)), E.ProductOf(fs));
        }

        // Line 7: S sits inside a larger district S'.
        var sPrime = cg.First(c => IsSubset(sMask, c));
        var fs7 = new List<E>();
        foreach (int vi in order)
        {
            if (sPrime[vi])
            {
                fs7.Add(Conditional(g, p, v, order, vi));
            }
        }

        return Id(g, y, And(x, sPrime), new Dist(E.ProductOf(fs7), sPrime), sPrime);
    }

    /// <summary>P(v_i | v_π^(i−1)) of the current distribution, reduced by the ordered local Markov property.</summary>
    private static E Conditional(CausalGraph g, Dist p, bool[] v, int[] order, int vi)
    {
        int n = g.Count;
        var pre = new bool[n];
        foreach (int u in order)
        {
            if (u == vi)
            {
                break;
            }

            pre[u] = true;
        }

        // District of vi within pre ∪ {vi}, and its parents.
        var a = (bool[])pre.Clone();
        a[vi] = true;
        var dis = new bool[n];
        var stack = new Stack<int>();
        dis[vi] = true;
        stack.Push(vi);
        while (stack.Count > 0)
        {
            int u = stack.Pop();
            foreach (int s in g.Sib[u])
            {
                if (a[s] && !dis[s])
                {
                    dis[s] = true;
                    stack.Push(s);
                }
            }
        }

        var mb = new bool[n];
        for (int u = 0; u < n; u++)
        {
            if (!dis[u])
            {
                continue;
            }

            if (u != vi)
            {
                mb[u] = true;
            }

            foreach (int q in g.Pa[u])
            {
                if (a[q])
                {
                    mb[q] = true;
                }
            }
        }

        mb[vi] = false;
        int[] cond = Idx(mb);
        if (p.Expr is E.Prob atom)
        {
            // Conditionals of a joint atom P(A | C) are atoms P(v | cond, C).
            return new E.Prob([vi], [.. cond, .. atom.Cond]);
        }

        var keepNum = (bool[])mb.Clone();
        keepNum[vi] = true;
        var num = E.SumOf(Idx(Minus(p.Vars, keepNum)), p.Expr);
        var den = E.SumOf(Idx(Minus(p.Vars, mb)), p.Expr);
        return E.QuotientOf(num, den);
    }

    /// <summary>Ancestors of y within v in G with the edges into x removed.</summary>
    private static bool[] AncestorsCutAt(CausalGraph g, bool[] y, bool[] v, bool[] x)
    {
        var r = new bool[g.Count];
        var stack = new Stack<int>();
        for (int i = 0; i < g.Count; i++)
        {
            if (y[i] && v[i])
            {
                r[i] = true;
                stack.Push(i);
            }
        }

        while (stack.Count > 0)
        {
            int u = stack.Pop();
            if (x[u])
            {
                continue;
            }

            foreach (int q in g.Pa[u])
            {
                if (v[q] && !r[q])
                {
                    r[q] = true;
                    stack.Push(q);
                }
            }
        }

        return r;
    }

    /// <summary>C-components (districts) of the subgraph induced by <paramref name="within"/>, in node order.</summary>
    internal static List<bool[]> Districts(CausalGraph g, bool[] within)
    {
        int n = g.Count;
        var seen = new bool[n];
        var result = new List<bool[]>();
        for (int s = 0; s < n; s++)
        {
            if (!within[s] || seen[s])
            {
                continue;
            }

            var c = new bool[n];
            var stack = new Stack<int>();
            stack.Push(s);
            seen[s] = true;
            c[s] = true;
            while (stack.Count > 0)
            {
                int u = stack.Pop();
                foreach (int t in g.Sib[u])
                {
                    if (within[t] && !seen[t])
                    {
                        seen[t] = true;
                        c[t] = true;
                        stack.Push(t);
                    }
                }
            }

            result.Add(c);
        }

        return result;
    }

    private static bool Any(bool[] m) => Array.IndexOf(m, true) >= 0;

    private static int[] Idx(bool[] m) => [.. Enumerable.Range(0, m.Length).Where(i => m[i])];

    private static bool[] Minus(bool[] a, bool[] b) => [.. a.Select((v, i) => v && !b[i])];

    private static bool[] And(bool[] a, bool[] b) => [.. a.Select((v, i) => v && b[i])];

    private static bool[] Or(bool[] a, bool[] b) => [.. a.Select((v, i) => v || b[i])];

    private static bool SameSet(bool[] a, bool[] b) => a.AsSpan().SequenceEqual(b);

    private static bool IsSubset(bool[] a, bool[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] && !b[i])
            {
                return false;
            }
        }

        return true;
    }
}
