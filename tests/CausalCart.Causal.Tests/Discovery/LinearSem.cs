using CausalCart.Causal.Discovery;

namespace CausalCart.Causal.Tests.Discovery;

/// <summary>A random linear structural equation model with a known DAG (x0 … x_{p−1} in causal order).</summary>
internal sealed class LinearSem
{
    public LinearSem(int p, double edgeProbability, int seed)
    {
        var rng = new Random(seed);
        Weights = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = i + 1; j < p; j++)
            {
                if (rng.NextDouble() < edgeProbability)
                {
                    Weights[i, j] = (0.5 + rng.NextDouble()) * (rng.Next(2) == 0 ? -1 : 1);
                }
            }
        }

        P = p;
    }

    public int P { get; }

    /// <summary>Weights[i, j] ≠ 0 ⇔ x_i → x_j.</summary>
    public double[,] Weights { get; }

    public IEnumerable<(int From, int To)> TrueEdges()
    {
        for (int i = 0; i < P; i++)
        {
            for (int j = 0; j < P; j++)
            {
                if (Weights[i, j] != 0)
                {
                    yield return (i, j);
                }
            }
        }
    }

    public string[] Names => [.. Enumerable.Range(0, P).Select(i => $"x{i}")];

    /// <summary>Samples n rows with Gaussian noise (or uniform noise scaled to unit variance when <paramref name="uniformNoise"/>).</summary>
    public DiscoveryData Sample(int n, int seed, bool uniformNoise = false, bool standardise = true)
    {
        var rng = new Random(seed);
        var cols = new double[P][];
        for (int j = 0; j < P; j++)
        {
            cols[j] = new double[n];
        }

        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < P; j++)
            {
                double e = uniformNoise ? (rng.NextDouble() - 0.5) * Math.Sqrt(12) : Gaussian(rng);
                double v = e;
                for (int i = 0; i < j; i++)
                {
                    if (Weights[i, j] != 0)
                    {
                        v += Weights[i, j] * cols[i][r];
                    }
                }

                cols[j][r] = v;
            }
        }

        // Standardise, so that variance ordering cannot leak the causal order (Reisach et al. 2021).
        foreach (var c in standardise ? cols : [])
        {
            double m = c.Average();
            double sd = Math.Sqrt(c.Sum(v => (v - m) * (v - m)) / (n - 1));
            for (int r = 0; r < n; r++)
            {
                c[r] = (c[r] - m) / sd;
            }
        }

        return new DiscoveryData(Names, cols);
    }

    public (double Precision, double Recall, double F1) SkeletonScore(DiscoveredGraph g)
    {
        var truth = TrueEdges().Select(e => Key($"x{e.From}", $"x{e.To}")).ToHashSet();
        var found = g.Edges.Select(e => Key(e.From, e.To)).ToHashSet();
        double tp = found.Count(truth.Contains);
        double prec = found.Count == 0 ? 1 : tp / found.Count;
        double rec = truth.Count == 0 ? 1 : tp / truth.Count;
        return (prec, rec, prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec));
    }

    /// <summary>True edges that are missing, undirected or reversed in <paramref name="g"/>.</summary>
    public int OrientationErrors(DiscoveredGraph g)
    {
        int errors = 0;
        foreach (var (f, t) in TrueEdges())
        {
            bool ok = g.Edges.Any(e => e.Kind == Causal.Graphs.EdgeKind.Directed && e.From == $"x{f}" && e.To == $"x{t}");
            errors += ok ? 0 : 1;
        }

        return errors;
    }

    private static string Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a;

    private static double Gaussian(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
