using CausalCart.Causal.Graphs;
using CausalCart.Causal.Sensitivity;

namespace CausalCart.Causal.Discovery;

/// <summary>
/// The PC-stable algorithm (Spirtes, Glymour &amp; Scheines 2000; order-independent skeleton of Colombo &amp;
/// Maathuis 2014) with Fisher-z partial-correlation tests for linear-Gaussian data or G² tests for discrete data: the skeleton by removing
/// edges between conditionally independent pairs, then v-structures, then Meek's rules R1–R3 (Meek 1995).
/// Background knowledge is applied before the v-structures. Deterministic given the options (the bootstrap
/// uses <see cref="PcOptions.Seed"/>). Works on the correlation matrix, so the cost after one O(n p²) pass over
/// the data depends only on the number of variables and the graph's density.
/// </summary>
public static class PcAlgorithm
{
    /// <summary>Runs PC-stable on <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">Background knowledge names an unknown column or contradicts itself.</exception>
    public static DiscoveredGraph Fit(DiscoveryData data, PcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new PcOptions();
        if (!(options.Alpha > 0 && options.Alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Alpha, "Alpha must be strictly between 0 and 1.");
        }

        if (options.Bins is < 2 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Bins, "Bins must be between 2 and 50.");
        }

        var knowledge = options.Knowledge ?? BackgroundKnowledge.None;
        var allowed = knowledge.AllowedMatrix(data);
        var required = knowledge.RequiredIndices(data).ToList();
        var codes = options.Test == IndependenceTest.ConditionalMutualInformation ? Discretise(data, options.Bins) : null;
        var (adj, head) = Run(Tester(data, options.Test, null, codes), data.Names.Count, options, allowed, required);
        int p = data.Names.Count;
        double[,]? conf = null;
        if (options.BootstrapSamples > 0)
        {
            conf = new double[p, p];
            var rng = new Random(options.Seed);
            var w = new int[data.Rows];
            for (int b = 0; b < options.BootstrapSamples; b++)
            {
                Array.Clear(w);
                for (int r = 0; r < data.Rows; r++)
                {
                    w[rng.Next(data.Rows)]++;
                }

                var (ba, _) = Run(Tester(data, options.Test, w, codes), data.Names.Count, options, allowed, required);
                for (int i = 0; i < p; i++)
                {
                    for (int j = 0; j < p; j++)
                    {
                        conf[i, j] += ba[i, j] ? 1.0 / options.BootstrapSamples : 0;
                    }
                }
            }
        }

        var edges = new List<GraphEdge>();
        for (int i = 0; i < p; i++)
        {
            for (int j = i + 1; j < p; j++)
            {
                if (!adj[i, j])
                {
                    continue;
                }

                double? c = conf is null ? null : Math.Round(conf[i, j], 10);
                if (head[i, j] && !head[j, i])
                {
                    edges.Add(new GraphEdge(data.Names[i], data.Names[j], EdgeKind.Directed, c));
                }
                else if (head[j, i] && !head[i, j])
                {
                    edges.Add(new GraphEdge(data.Names[j], data.Names[i], EdgeKind.Directed, c));
                }
                else
                {
                    edges.Add(new GraphEdge(data.Names[i], data.Names[j], EdgeKind.Undirected, c));
                }
            }
        }

        return new DiscoveredGraph(data.Names, edges, $"PC-stable ({TestName(options)}, α = {options.Alpha})");
    }

    /// <summary>Fisher-z test p-value for ρ(i, j | s): z = √(n − |s| − 3) · atanh(r) against N(0, 1).</summary>
    internal static double FisherZPValue(double[,] corr, int n, int i, int j, IReadOnlyList<int> s)
    {
        double r = SmallMatrix.PartialCorrelation(corr, i, j, s);
        double dof = n - s.Count - 3;
        if (dof <= 0)
        {
            return 0; // too few rows to test: keep the edge
        }

        double z = Math.Sqrt(dof) * Math.Atanh(r);
        return Distributions.NormalTwoSided(z);
    }

    private static (bool[,] Adj, bool[,] Head) Run(Func<int, int, int[], double> pValue, int p, PcOptions o, bool[,] allowed, List<(int From, int To)> required)
    {
        var adj = new bool[p, p];
        var mustKeep = new bool[p, p];
        foreach (var (f, t) in required)
        {
            mustKeep[f, t] = mustKeep[t, f] = true;
        }

        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                adj[i, j] = i != j && (allowed[i, j] || allowed[j, i]);
            }
        }

        var sepset = new Dictionary<(int, int), int[]>();
        for (int l = 0; o.MaxConditioningSize is null || l <= o.MaxConditioningSize; l++)
        {
            // PC-stable: neighbourhoods frozen at the start of each level.
            var nb = new List<int>[p];
            bool any = false;
            for (int i = 0; i < p; i++)
            {
                nb[i] = [.. Enumerable.Range(0, p).Where(j => adj[i, j])];
                any |= nb[i].Count - 1 >= l;
            }

            if (!any)
            {
                break;
            }

            for (int i = 0; i < p; i++)
            {
                foreach (int j in nb[i])
                {
                    if (!adj[i, j] || mustKeep[i, j])
                    {
                        continue;
                    }

                    var pool = nb[i].Where(k => k != j).ToArray();
                    if (pool.Length < l)
                    {
                        continue;
                    }

                    foreach (var s in Subsets(pool, l))
                    {
                        if (pValue(i, j, s) > o.Alpha)
                        {
                            adj[i, j] = adj[j, i] = false;
                            sepset[(i, j)] = sepset[(j, i)] = s;
                            break;
                        }
                    }
                }
            }
        }

        var head = new bool[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                // Undirected = arrowheads at both ends are "possible"; orientation removes one.
                head[i, j] = adj[i, j];
            }
        }

        bool Undirected(int a, int b) => adj[a, b] && head[a, b] && head[b, a];
        bool Directed(int a, int b) => adj[a, b] && head[a, b] && !head[b, a];
        bool Orient(int a, int b)
        {
            if (!Undirected(a, b) || !allowed[a, b])
            {
                return false;
            }

            head[b, a] = false;
            return true;
        }

        // Background knowledge first: a forbidden direction fixes the other one.
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                if (adj[a, b] && allowed[a, b] && !allowed[b, a])
                {
                    head[b, a] = false;
                }
            }
        }

        // V-structures a → c ← b for non-adjacent a, b with c not in their separating set.
        for (int c = 0; c < p; c++)
        {
            for (int a = 0; a < p; a++)
            {
                for (int b = a + 1; b < p; b++)
                {
                    if (adj[a, c] && adj[b, c] && !adj[a, b] && sepset.TryGetValue((a, b), out var s) && !s.Contains(c)
                        && allowed[a, c] && allowed[b, c] && head[a, c] && head[b, c])
                    {
                        head[c, a] = false;
                        head[c, b] = false;
                    }
                }
            }
        }

        // Meek rules R1–R3 until nothing changes.
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    if (!Undirected(a, b))
                    {
                        continue;
                    }

                    for (int c = 0; c < p && Undirected(a, b); c++)
                    {
                        // R1: c → a — b, c and b non-adjacent ⇒ a → b.
                        if (Directed(c, a) && !adj[c, b] && c != b)
                        {
                            changed |= Orient(a, b);
                        }

                        // R2: a → c → b and a — b ⇒ a → b.
                        else if (Directed(a, c) && Directed(c, b))
                        {
                            changed |= Orient(a, b);
                        }
                    }

                    // R3: a — c → b, a — d → b, c and d non-adjacent ⇒ a → b.
                    for (int c = 0; c < p && Undirected(a, b); c++)
                    {
                        if (!Undirected(a, c) || !Directed(c, b))
                        {
                            continue;
                        }

                        for (int d = c + 1; d < p; d++)
                        {
                            if (Undirected(a, d) && Directed(d, b) && !adj[c, d])
                            {
                                changed |= Orient(a, b);
                                break;
                            }
                        }
                    }
                }
            }
        }

        return (adj, head);
    }

    private static string TestName(PcOptions o) => o.Test switch
    {
        IndependenceTest.FisherZ => "Fisher-z",
        IndependenceTest.GSquare => "G²",
        _ => $"conditional mutual information, {o.Bins} bins",
    };

    /// <summary>Codes every column as 0 … bins−1 by equal-frequency cut points (columns with at most <paramref name="bins"/>
    /// distinct values keep one code per value). Ties never split: equal values share a bin.</summary>
    internal static int[][] Discretise(DiscoveryData data, int bins)
    {
        var codes = new int[data.Columns.Count][];
        for (int j = 0; j < codes.Length; j++)
        {
            var col = data.Columns[j];
            var distinct = col.Distinct().Order().ToArray();
            var c = codes[j] = new int[col.Length];
            if (distinct.Length <= bins)
            {
                for (int r = 0; r < col.Length; r++)
                {
                    c[r] = Array.BinarySearch(distinct, col[r]);
                }

                continue;
            }

            var sorted = (double[])col.Clone();
            Array.Sort(sorted);
            var cuts = new double[bins - 1];
            for (int k = 1; k < bins; k++)
            {
                cuts[k - 1] = sorted[(int)((long)k * sorted.Length / bins)];
            }

            for (int r = 0; r < col.Length; r++)
            {
                int b = 0;
                while (b < cuts.Length && col[r] >= cuts[b])
                {
                    b++;
                }

                c[r] = b;
            }
        }

        return codes;
    }

    private static Func<int, int, int[], double> Tester(DiscoveryData data, IndependenceTest test, int[]? weights, int[][]? binned)
    {
        if (binned is not null)
        {
            return (i, j, s) => GSquarePValue(binned, weights, i, j, s);
        }

        if (test == IndependenceTest.FisherZ)
        {
            var corr = data.Correlation(weights);
            int n = data.Rows;
            return (i, j, s) => FisherZPValue(corr, n, i, j, s);
        }

        var codes = data.Columns.Select((c, k) => c.Select(v =>
        {
            if (v < 0 || v != Math.Floor(v) || v > 1000)
            {
                throw new ArgumentException($"The G² test needs discrete columns coded 0, 1, 2, …; column '{data.Names[k]}' has {v}.", nameof(data));
            }

            return (int)v;
        }).ToArray()).ToArray();
        return (i, j, s) => GSquarePValue(codes, weights, i, j, s);
    }

    /// <summary>G² = 2 Σ O ln(O / E) over the strata of s, with E from the stratum margins; p from χ².</summary>
    internal static double GSquarePValue(int[][] codes, int[]? weights, int i, int j, IReadOnlyList<int> s)
    {
        int n = codes[0].Length;
        var strata = new Dictionary<string, Dictionary<(int, int), double>>(StringComparer.Ordinal);
        var key = new System.Text.StringBuilder();
        for (int r = 0; r < n; r++)
        {
            double w = weights?[r] ?? 1;
            if (w == 0)
            {
                continue;
            }

            key.Clear();
            foreach (int k in s)
            {
                key.Append(codes[k][r]).Append(',');
            }

            var ks = key.ToString();
            if (!strata.TryGetValue(ks, out var table))
            {
                strata[ks] = table = [];
            }

            var cell = (codes[i][r], codes[j][r]);
            table[cell] = table.GetValueOrDefault(cell) + w;
        }

        double g2 = 0, dof = 0;
        foreach (var table in strata.Values)
        {
            var rows = new Dictionary<int, double>();
            var cols = new Dictionary<int, double>();
            double total = 0;
            foreach (var ((a, b), c) in table)
            {
                rows[a] = rows.GetValueOrDefault(a) + c;
                cols[b] = cols.GetValueOrDefault(b) + c;
                total += c;
            }

            foreach (var ((a, b), c) in table)
            {
                g2 += 2 * c * Math.Log(c * total / (rows[a] * cols[b]));
            }

            dof += (rows.Count - 1) * (cols.Count - 1);
        }

        return dof <= 0 ? 1 : Distributions.ChiSquareSurvival(Math.Max(0, g2), dof);
    }

    private static IEnumerable<int[]> Subsets(int[] pool, int k)
    {
        var idx = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return [.. idx.Select(i => pool[i])];
            int t = k - 1;
            while (t >= 0 && idx[t] == pool.Length - k + t)
            {
                t--;
            }

            if (t < 0)
            {
                yield break;
            }

            idx[t]++;
            for (int u = t + 1; u < k; u++)
            {
                idx[u] = idx[u - 1] + 1;
            }
        }
    }
}
