// Discovery and identification figures for issue 7 (see ../RESULTS.md for the recorded run).
// Usage: dotnet run -c Release --project bench/causal/graphs/GraphBench -- [quick | shopsim [worlds] [users] [seed]]
using System.Diagnostics;
using System.Globalization;
using CausalCart.Causal.Discovery;
using CausalCart.Causal.Graphs;
using CausalCart.Numerics;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("quick");
if (args.Length > 0 && args[0] == "shopsim")
{
    // Mediation coverage and temporal tiers on ShopSim worlds with the saved-cart mediator:
    // GraphBench shopsim [worlds=30] [users=20000] [seed=1] [propensity floor=0.03] [trim ε=none]
    ShopSimStudy.Run(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1,
        args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 0.03,
        args.Length > 5 && args[5] != "none" ? double.Parse(args[5], CultureInfo.InvariantCulture) : null);
    return;
}


Console.WriteLine("## Discovery on synthetic SEMs (edge probability 2/(p−1), i.e. ~1 parent per node on average)");
Console.WriteLine();
Console.WriteLine("SHD counts, per pair of variables, any difference between the found edge (none, →, ←, —) and the true DAG's; an");
Console.WriteLine("undirected edge where the DAG has a direction counts 1. Precision / recall are for the skeleton (adjacencies).");
Console.WriteLine();
Console.WriteLine("| SEM | nodes | rows | algorithm | true edges | SHD | SHD with tiers | skeleton precision | skeleton recall | seconds |");
Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
int[] sizes = quick ? [10, 20] : [10, 20, 50];
int[] rowsList = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
foreach (int p in sizes)
{
    foreach (int n in rowsList)
    {
        foreach (var kind in new[] { "linear-Gaussian", "linear-uniform", "nonlinear" })
        {
            var sem = new Sem(p, 2.0 / (p - 1), seed: p * 7 + 1);
            var data = sem.Sample(n, seed: n + p, kind);
            var tiers = new BackgroundKnowledge([], [], [.. Enumerable.Range(0, (p + 4) / 5).Select(t => (IReadOnlyList<string>)[.. Enumerable.Range(t * 5, Math.Min(5, p - (t * 5))).Select(i => $"x{i}")])]);
            var runs = new List<(string Name, Func<BackgroundKnowledge?, DiscoveredGraph> Fit)>();
            if (kind == "linear-Gaussian")
            {
                runs.Add(("PC Fisher-z", k => PcAlgorithm.Fit(data, new PcOptions(Knowledge: k))));
                if (p <= 20 || n <= 10_000)
                {
                    runs.Add(("GES", k => Ges.Fit(data, 1, k)));
                }

                if (p <= 20 && n <= 10_000)
                {
                    runs.Add(("NOTEARS", k => Notears.Fit(data, new NotearsOptions(Knowledge: k))));
                }
            }
            else if (kind == "linear-uniform")
            {
                if (n <= 10_000 && p <= 20)
                {
                    runs.Add(("DirectLiNGAM", k => DirectLingam.Fit(data, new LingamOptions(Knowledge: k))));
                }
            }
            else
            {
                runs.Add(("PC Fisher-z", k => PcAlgorithm.Fit(data, new PcOptions(Knowledge: k))));
                if (n <= 10_000 && p <= 20)
                {
                    runs.Add(("PC CMI (4 bins)", k => PcAlgorithm.Fit(data, new PcOptions(Knowledge: k, Test: IndependenceTest.ConditionalMutualInformation, MaxConditioningSize: 2))));
                }
            }

            foreach (var (name, fit) in runs)
            {
                var clock = Stopwatch.StartNew();
                var g = fit(null);
                double secs = clock.Elapsed.TotalSeconds;
                var gt = fit(tiers);
                var (shd, prec, rec) = sem.Score(g);
                var (shdT, _, _) = sem.Score(gt);
                Console.WriteLine($"| {kind} | {p} | {n:N0} | {name} | {sem.EdgeCount} | {shd} | {shdT} | {prec:F2} | {rec:F2} | {secs:F2} |");
            }
        }
    }
}

Console.WriteLine();
Console.WriteLine("## Timings");
Console.WriteLine();
{
    var sem = new Sem(20, 2.0 / 19, seed: 141);
    var data = sem.Sample(100_000, seed: 5, "linear-Gaussian");
    var clock = Stopwatch.StartNew();
    var g = PcAlgorithm.Fit(data);
    Console.WriteLine($"- PC-stable (Fisher-z) on 20 variables × 100,000 rows: {clock.Elapsed.TotalSeconds:F2} s (SHD {sem.Score(g).Shd}, {sem.EdgeCount} true edges)");
}

foreach (int nodes in new[] { 200 })
{
    var rng = new Random(3);
    var edges = new List<GraphEdge>();
    for (int i = 0; i < nodes; i++)
    {
        for (int j = i + 1; j < nodes; j++)
        {
            if (rng.NextDouble() < 3.0 / nodes)
            {
                edges.Add(new GraphEdge($"v{i}", $"v{j}"));
            }
        }
    }

    var graph = CausalGraph.Create(Enumerable.Range(0, nodes).Select(i => $"v{i}"), edges);
    var clock = Stopwatch.StartNew();
    var report = CausalIdentifier.Identify(graph, "v20", "v180");
    double t1 = clock.Elapsed.TotalSeconds;
    var latent = CausalGraph.Create(graph.Nodes, edges.Concat(Enumerable.Range(0, 20).Select(k => new GraphEdge($"v{(k * 7) % nodes}", $"v{((k * 13) + 50) % nodes}", EdgeKind.Bidirected))));
    clock.Restart();
    var report2 = CausalIdentifier.Identify(latent, "v20", "v180");
    double t2 = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"- Identification (all criteria + ID algorithm) on a random {nodes}-node DAG with {edges.Count} edges: {t1:F3} s ({report.Strategy}); with 20 latent confounders: {t2:F3} s ({report2.Strategy})");
}

/// <summary>A random SEM over x0 … x_{p−1} in causal order.</summary>
internal sealed class Sem
{
    private readonly double[,] _w;

    public Sem(int p, double density, int seed)
    {
        P = p;
        _w = new double[p, p];
        var rng = new Random(seed);
        for (int i = 0; i < p; i++)
        {
            for (int j = i + 1; j < p; j++)
            {
                if (rng.NextDouble() < density)
                {
                    _w[i, j] = (0.5 + rng.NextDouble()) * (rng.Next(2) == 0 ? -1 : 1);
                    EdgeCount++;
                }
            }
        }
    }

    public int P { get; }

    public int EdgeCount { get; }

    /// <summary>linear-Gaussian, linear-uniform (non-Gaussian noise) or nonlinear (tanh and square terms, Gaussian noise).</summary>
    public DiscoveryData Sample(int n, int seed, string kind)
    {
        var rng = new SeededRandom(seed);
        var cols = new double[P][];
        for (int j = 0; j < P; j++)
        {
            var c = cols[j] = new double[n];
            for (int r = 0; r < n; r++)
            {
                double v = kind == "linear-uniform" ? (rng.NextDouble() - 0.5) * Math.Sqrt(12) : rng.NextNormal();
                for (int i = 0; i < j; i++)
                {
                    if (_w[i, j] != 0)
                    {
                        double x = cols[i][r];
                        v += kind == "nonlinear" ? (((i + j) % 2 == 0) ? 1.5 * Math.Tanh(_w[i, j] * x) : 0.7 * _w[i, j] * ((x * x) - 1)) : _w[i, j] * x;
                    }
                }

                c[r] = v;
            }

            double mean = c.Average(), sd = Math.Sqrt(c.Sum(v => (v - mean) * (v - mean)) / n);
            for (int r = 0; r < n; r++)
            {
                c[r] = (c[r] - mean) / sd;
            }
        }

        return new DiscoveryData([.. Enumerable.Range(0, P).Select(i => $"x{i}")], cols);
    }

    public (int Shd, double Precision, double Recall) Score(DiscoveredGraph g)
    {
        int Index(string name) => int.Parse(name.AsSpan(1), CultureInfo.InvariantCulture);
        var found = new Dictionary<(int, int), int>(); // key (min, max) → 1: min→max, 2: max→min, 3: undirected
        foreach (var e in g.Edges)
        {
            int a = Index(e.From), b = Index(e.To);
            var key = a < b ? (a, b) : (b, a);
            found[key] = e.Kind == EdgeKind.Undirected ? 3 : a < b ? 1 : 2;
        }

        int shd = 0, tp = 0;
        for (int i = 0; i < P; i++)
        {
            for (int j = i + 1; j < P; j++)
            {
                int truth = _w[i, j] != 0 ? 1 : 0;
                int got = found.GetValueOrDefault((i, j));
                shd += truth != got ? 1 : 0;
                tp += truth != 0 && got != 0 ? 1 : 0;
            }
        }

        return (shd, found.Count == 0 ? 1 : (double)tp / found.Count, EdgeCount == 0 ? 1 : (double)tp / EdgeCount);
    }
}
