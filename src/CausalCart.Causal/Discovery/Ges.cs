using CausalCart.Causal.Graphs;

namespace CausalCart.Causal.Discovery;

/// <summary>
/// Greedy Equivalence Search (Chickering 2002, JMLR 3, §5.2–5.3, Theorems 15 and 17) with the linear-Gaussian
/// BIC score s(v, Pa) = −(n/2) ln σ̂²_{v|Pa} − (penalty/2) |Pa| ln n, computed from the covariance matrix.
/// A forward phase applies the best valid Insert(X, Y, T) while the score improves, a backward phase the
/// best valid Delete(X, Y, H); after each step the PDAG is completed back to a CPDAG (a consistent extension by
/// Dor &amp; Tarsi 1992, then v-structures and Meek's rules). Subsets T and H are enumerated up to size
/// <see cref="MaxSubsetSize"/>. Deterministic.
/// </summary>
public static class Ges
{
    /// <summary>Largest T / H subset enumerated per operator.</summary>
    public const int MaxSubsetSize = 4;

    /// <summary>Runs GES; undirected edges in the result are the equivalence class's reversible edges.</summary>
    /// <param name="data">The table.</param>
    /// <param name="penalty">Multiplier of the BIC penalty (1 = BIC).</param>
    /// <param name="knowledge">Background knowledge, used after the search to orient reversible (undirected) edges whose
    /// other direction it forbids (tiers or forbidden edges). It does not constrain the search itself: an edge the data
    /// compel against the knowledge is kept as found.</param>
    /// <exception cref="ArgumentException">The knowledge names an unknown column or contradicts itself.</exception>
    public static DiscoveredGraph Fit(DiscoveryData data, double penalty = 1, BackgroundKnowledge? knowledge = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        int p = data.Names.Count, n = data.Rows;
        var s = data.Correlation(null); // scale-free: BIC differences are invariant to column scaling
        var dir = new bool[p, p];
        var und = new bool[p, p];
        double Score(int v, IEnumerable<int> parents)
        {
            var pa = parents.Distinct().ToArray();
            double resid = s[v, v];
            if (pa.Length > 0)
            {
                var sub = new double[pa.Length, pa.Length];
                for (int a = 0; a < pa.Length; a++)
                {
                    for (int b = 0; b < pa.Length; b++)
                    {
                        sub[a, b] = s[pa[a], pa[b]];
                    }
                }

                var inv = SmallMatrix.Invert(sub);
                if (inv is null)
                {
                    return double.NegativeInfinity;
                }

                for (int a = 0; a < pa.Length; a++)
                {
                    for (int b = 0; b < pa.Length; b++)
                    {
                        resid -= s[v, pa[a]] * inv[a, b] * s[pa[b], v];
                    }
                }
            }

            return (-0.5 * n * Math.Log(Math.Max(resid, 1e-300))) - (0.5 * penalty * pa.Length * Math.Log(n));
        }

        bool Adj(int a, int b) => dir[a, b] || dir[b, a] || und[a, b];
        List<int> Pa(int v) => [.. Enumerable.Range(0, p).Where(u => dir[u, v])];
        List<int> Ne(int v) => [.. Enumerable.Range(0, p).Where(u => und[u, v])];
        bool Clique(List<int> set) => set.All(a => set.All(b => a == b || Adj(a, b)));

        // Forward phase.
        while (true)
        {
            double best = 1e-9;
            (int X, int Y, List<int> T)? op = null;
            for (int x = 0; x < p; x++)
            {
                for (int y = 0; y < p; y++)
                {
                    if (x == y || Adj(x, y))
                    {
                        continue;
                    }

                    var ne = Ne(y);
                    var na = ne.Where(z => Adj(z, x)).ToList();
                    var tPool = ne.Where(z => !Adj(z, x)).ToList();
                    var pay = Pa(y);
                    foreach (var t in Subsets(tPool))
                    {
                        var nat = na.Concat(t).ToList();
                        if (!Clique(nat) || SemiDirectedPath(y, x, nat, dir, und, p))
                        {
                            continue;
                        }

                        double delta = Score(y, [.. nat, .. pay, x]) - Score(y, [.. nat, .. pay]);
                        if (delta > best)
                        {
                            best = delta;
                            op = (x, y, t);
                        }
                    }
                }
            }

            if (op is not { } o)
            {
                break;
            }

            dir[o.X, o.Y] = true;
            foreach (int t in o.T)
            {
                und[t, o.Y] = und[o.Y, t] = false;
                dir[t, o.Y] = true;
            }

            Complete(dir, und, p);
        }

        // Backward phase.
        while (true)
        {
            double best = 1e-9;
            (int X, int Y, List<int> H)? op = null;
            for (int x = 0; x < p; x++)
            {
                for (int y = 0; y < p; y++)
                {
                    if (x == y || !(dir[x, y] || und[x, y]))
                    {
                        continue;
                    }

                    var na = Ne(y).Where(z => Adj(z, x)).ToList();
                    var pay = Pa(y).Where(u => u != x).ToList();
                    foreach (var h in Subsets(na))
                    {
                        var rest = na.Except(h).ToList();
                        if (!Clique(rest))
                        {
                            continue;
                        }

                        double delta = Score(y, [.. rest, .. pay]) - Score(y, [.. rest, .. pay, x]);
                        if (delta > best)
                        {
                            best = delta;
                            op = (x, y, h);
                        }
                    }
                }
            }

            if (op is not { } o)
            {
                break;
            }

            dir[o.X, o.Y] = dir[o.Y, o.X] = und[o.X, o.Y] = und[o.Y, o.X] = false;
            foreach (int h in o.H)
            {
                und[o.Y, h] = und[h, o.Y] = false;
                dir[o.Y, h] = true;
                if (und[o.X, h])
                {
                    und[o.X, h] = und[h, o.X] = false;
                    dir[o.X, h] = true;
                }
            }

            Complete(dir, und, p);
        }

        if (knowledge is not null)
        {
            var allowed = knowledge.AllowedMatrix(data);
            for (int i = 0; i < p; i++)
            {
                for (int j = 0; j < p; j++)
                {
                    if (und[i, j] && allowed[i, j] && !allowed[j, i])
                    {
                        und[i, j] = und[j, i] = false;
                        dir[i, j] = true;
                    }
                }
            }
        }

        var edges = new List<GraphEdge>();
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                if (dir[i, j])
                {
                    edges.Add(new GraphEdge(data.Names[i], data.Names[j]));
                }
                else if (i < j && und[i, j])
                {
                    edges.Add(new GraphEdge(data.Names[i], data.Names[j], EdgeKind.Undirected));
                }
            }
        }

        return new DiscoveredGraph(data.Names, edges, $"GES (linear-Gaussian BIC, penalty {penalty})");
    }

    /// <summary>Is there a path from <paramref name="from"/> to <paramref name="to"/> along → or — edges avoiding <paramref name="blocked"/>?</summary>
    private static bool SemiDirectedPath(int from, int to, List<int> blocked, bool[,] dir, bool[,] und, int p)
    {
        var seen = new bool[p];
        foreach (int b in blocked)
        {
            seen[b] = true;
        }

        var stack = new Stack<int>();
        stack.Push(from);
        seen[from] = true;
        while (stack.Count > 0)
        {
            int u = stack.Pop();
            for (int v = 0; v < p; v++)
            {
                if ((dir[u, v] || und[u, v]) && !seen[v])
                {
                    if (v == to)
                    {
                        return true;
                    }

                    seen[v] = true;
                    stack.Push(v);
                }
            }
        }

        return false;
    }

    /// <summary>PDAG → consistent DAG (Dor &amp; Tarsi 1992) → CPDAG (v-structures + Meek R1–R3), in place.</summary>
    private static void Complete(bool[,] dir, bool[,] und, int p)
    {
        // Consistent extension.
        var d = (bool[,])dir.Clone();
        var u = (bool[,])und.Clone();
        var alive = Enumerable.Repeat(true, p).ToArray();
        for (int left = p; left > 0; left--)
        {
            int pick = -1;
            for (int v = 0; v < p && pick < 0; v++)
            {
                if (!alive[v] || Enumerable.Range(0, p).Any(w => alive[w] && d[v, w]))
                {
                    continue;
                }

                var nb = Enumerable.Range(0, p).Where(w => alive[w] && u[v, w]).ToList();
                var adjv = Enumerable.Range(0, p).Where(w => alive[w] && w != v && (d[w, v] || u[v, w])).ToList();
                if (nb.All(a => adjv.All(b => a == b || d[a, b] || d[b, a] || u[a, b])))
                {
                    pick = v;
                }
            }

            if (pick < 0)
            {
                return; // no consistent extension: keep the PDAG as is (cannot happen for valid operators)
            }

            for (int w = 0; w < p; w++)
            {
                if (alive[w] && u[pick, w])
                {
                    u[pick, w] = u[w, pick] = false;
                    d[w, pick] = true;
                }
            }

            alive[pick] = false;
        }

        // CPDAG of the DAG d: keep v-structure arrows, everything else undirected, then Meek's rules.
        Array.Clear(dir);
        Array.Clear(und);
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                if (d[a, b])
                {
                    und[a, b] = und[b, a] = true;
                }
            }
        }

        for (int c = 0; c < p; c++)
        {
            for (int a = 0; a < p; a++)
            {
                for (int b = a + 1; b < p; b++)
                {
                    if (d[a, c] && d[b, c] && !d[a, b] && !d[b, a])
                    {
                        und[a, c] = und[c, a] = und[b, c] = und[c, b] = false;
                        dir[a, c] = dir[b, c] = true;
                    }
                }
            }
        }

        bool Adj(int a, int b) => dir[a, b] || dir[b, a] || und[a, b];
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    if (!und[a, b])
                    {
                        continue;
                    }

                    bool orient = false;
                    for (int c = 0; c < p && !orient; c++)
                    {
                        orient = (dir[c, a] && !Adj(c, b) && c != b) || (dir[a, c] && dir[c, b]);
                        for (int e = c + 1; e < p && !orient; e++)
                        {
                            orient = und[a, c] && und[a, e] && dir[c, b] && dir[e, b] && !Adj(c, e);
                        }
                    }

                    if (orient)
                    {
                        und[a, b] = und[b, a] = false;
                        dir[a, b] = true;
                        changed = true;
                    }
                }
            }
        }
    }

    private static IEnumerable<List<int>> Subsets(List<int> pool)
    {
        int max = Math.Min(MaxSubsetSize, pool.Count);
        yield return [];
        for (int k = 1; k <= max; k++)
        {
            var idx = Enumerable.Range(0, k).ToArray();
            while (true)
            {
                yield return [.. idx.Select(i => pool[i])];
                int t = k - 1;
                while (t >= 0 && idx[t] == pool.Count - k + t)
                {
                    t--;
                }

                if (t < 0)
                {
                    break;
                }

                idx[t]++;
                for (int v = t + 1; v < k; v++)
                {
                    idx[v] = idx[v - 1] + 1;
                }
            }
        }
    }
}
