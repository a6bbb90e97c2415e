// CausalForestBench: timings and validation of the causal forest (CausalCart.Causal.Forest).
// Usage (from the repository root, after `dotnet build bench/causal/forest/CausalForestBench -c Release -o OUT`):
//   dotnet OUT/CausalForestBench.dll time N [trees=100] [threads=2] [forest|linear nuisances] [world seed=1]    whole fit (nuisances, forest, CATE + intervals, ATE/ATT)
//   dotnet OUT/CausalForestBench.dll coverage [worlds=200] [n=2000] [trees=100] [threads=2]
//   dotnet OUT/CausalForestBench.dll ihdp DATA_DIR [trees=100] [threads=2]   (DATA_DIR holds ihdp_npci_1..10.csv)
// The EconML-like world: x ~ N(0, I_10); P(T = 1 | x) = σ(0.5 x0 + 0.3 x1); τ(x) = 1 + x0 + 0.5·1{x1 > 0};
// Y = x0 + 0.5 x2 + sin(x3) + T·τ(x) + N(0, 1). True ATE = 1.25.
using System.Diagnostics;
using System.Globalization;
using CausalCart.Causal;
using CausalCart.Causal.Forest;
using CausalCart.Core.Results;
using CausalCart.Numerics;

CultureInfo inv = CultureInfo.InvariantCulture;
string mode = args.Length > 0 ? args[0] : "time";
int Arg(int k, int fallback) => args.Length > k ? int.Parse(args[k], inv) : fallback;

static (EffectData Data, double[] Tau) World(int n, int seed)
{
    var rng = new SeededRandom(seed);
    const int p = 10;
    var x = new Matrix(n, p);
    var y = new double[n];
    var t = new double[n];
    var tau = new double[n];
    Span<double> row = stackalloc double[p];
    for (int i = 0; i < n; i++)
    {
        rng.FillNormal(row);
        row.CopyTo(x.Data.Slice(i * p, p));
        t[i] = rng.NextDouble() < StableMath.Sigmoid((0.5 * row[0]) + (0.3 * row[1])) ? 1 : 0;
        tau[i] = 1 + row[0] + (row[1] > 0 ? 0.5 : 0);
        y[i] = row[0] + (0.5 * row[2]) + Math.Sin(row[3]) + (t[i] * tau[i]) + rng.NextNormal();
    }

    return (new EffectData(y, t, x), tau);
}

static double Coverage(CausalForestResult r, double[] tau) =>
    Enumerable.Range(0, tau.Length).Count(i => r.CateLower[i] <= tau[i] && tau[i] <= r.CateUpper[i]) / (double)tau.Length;

static double Rmse(IReadOnlyList<double> a, double[] b) => Math.Sqrt(a.Select((v, i) => (v - b[i]) * (v - b[i])).Average());

if (mode == "time")
{
    int n = Arg(1, 100_000), trees = Arg(2, 100), threads = Arg(3, 2);
    bool linear = args.Length > 4 && args[4] == "linear";
    int worldSeed = Arg(5, 1);
    (EffectData data, double[] tau) = World(n, worldSeed);
    var fo = new CausalForestOptions { Trees = trees, MaxDegreeOfParallelism = threads };
    if (linear)
    {
        fo = fo with { OutcomeLearner = new CausalCart.Learners.LinearRegression(), PropensityLearner = new CausalCart.Learners.LogisticRegression() };
    }

    var proc = Process.GetCurrentProcess();
    double cpu0 = proc.TotalProcessorTime.TotalSeconds;
    var sw = Stopwatch.StartNew();
    CausalForestResult r = new CausalForestEstimator(new EffectOptions { Seed = 1 }, fo).Fit(data);
    double wall = sw.Elapsed.TotalSeconds;
    proc.Refresh();
    double cpu = proc.TotalProcessorTime.TotalSeconds - cpu0;
    EffectEstimate ate = r.Estimation.For(Estimand.Ate);
    Console.WriteLine(string.Create(inv,
        $"causal forest n={n} p=10 trees={trees} threads={threads} world={worldSeed}: fit {wall:F2} s wall ({cpu:F2} s CPU), peak working set {proc.PeakWorkingSet64 / 1048576.0:F0} MiB; " +
        $"ATE {ate.Estimate:F4} ± {ate.StdError:F4} (truth {tau.Average():F4}, mean CATE {r.Cate.Average():F4}); CATE RMSE {Rmse(r.Cate, tau):F4}; pointwise 95% coverage {Coverage(r, tau):F3}; " +
        $"importance x0 {r.VariableImportance[0]:F3} x1 {r.VariableImportance[1]:F3}"));
}
else if (mode == "coverage")
{
    int worlds = Arg(1, 200), n = Arg(2, 2000), trees = Arg(3, 100), threads = Arg(4, 2);
    int ateCovered = 0;
    double pointwise = 0, rmse = 0;
    // Pointwise coverage, bias and interval half-width by |x₀| band (τ is linear in x₀, which a forest cannot extrapolate).
    double[] edges = [0, 1, 2, double.PositiveInfinity];
    var bandUnits = new long[3];
    var bandCovered = new long[3];
    var bandBias = new double[3];
    var bandHalfWidth = new double[3];
    var sw = Stopwatch.StartNew();
    for (int s = 0; s < worlds; s++)
    {
        (EffectData data, double[] tau) = World(n, 1000 + s);
        CausalForestResult r = new CausalForestEstimator(new EffectOptions { Seed = s }, new CausalForestOptions { Trees = trees, MaxDegreeOfParallelism = threads }).Fit(data);
        ateCovered += r.Estimation.For(Estimand.Ate).Covers(tau.Average()) ? 1 : 0;
        pointwise += Coverage(r, tau);
        rmse += Rmse(r.Cate, tau);
        for (int i = 0; i < n; i++)
        {
            double a = Math.Abs(data.Covariates[i, 0]);
            int b = a < edges[1] ? 0 : a < edges[2] ? 1 : 2;
            bandUnits[b]++;
            bandCovered[b] += r.CateLower[i] <= tau[i] && tau[i] <= r.CateUpper[i] ? 1 : 0;
            bandBias[b] += Math.Abs(r.Cate[i] - tau[i]);
            bandHalfWidth[b] += (r.CateUpper[i] - r.CateLower[i]) / 2;
        }
    }

    Console.WriteLine(string.Create(inv,
        $"coverage over {worlds} worlds (n={n}, trees={trees}): ATE 95% CI covers the sample ATE in {ateCovered}/{worlds} = {(double)ateCovered / worlds:F3}; " +
        $"mean pointwise CATE 95% coverage {pointwise / worlds:F3}; mean CATE RMSE {rmse / worlds:F3}; {sw.Elapsed.TotalSeconds:F0} s"));
    for (int b = 0; b < 3; b++)
    {
        Console.WriteLine(string.Create(inv,
            $"  |x0| in [{edges[b]}, {edges[b + 1]}): {bandUnits[b] / (double)(worlds * n):P0} of units, pointwise coverage {bandCovered[b] / (double)bandUnits[b]:F3}, " +
            $"mean |CATE error| {bandBias[b] / bandUnits[b]:F3}, mean interval half-width {bandHalfWidth[b] / bandUnits[b]:F3}"));
    }
}
else if (mode == "ihdp")
{
    string dir = args[1];
    int trees = Arg(2, 100), threads = Arg(3, 2);
    double sumAbs = 0, sumPehe = 0;
    for (int rep = 1; rep <= 10; rep++)
    {
        string[] lines = File.ReadAllLines(Path.Combine(dir, $"ihdp_npci_{rep}.csv")).Where(l => l.Length > 0).ToArray();
        int n = lines.Length;
        var t = new double[n];
        var y = new double[n];
        var ite = new double[n];
        var x = new Matrix(n, 25);
        for (int i = 0; i < n; i++)
        {
            double[] v = lines[i].Split(',').Select(c => double.Parse(c, inv)).ToArray();
            t[i] = v[0];
            y[i] = v[1];
            ite[i] = v[4] - v[3];
            for (int j = 0; j < 25; j++)
            {
                x[i, j] = v[5 + j];
            }
        }

        CausalForestResult r = new CausalForestEstimator(new EffectOptions { Seed = 1 }, new CausalForestOptions { Trees = trees, MaxDegreeOfParallelism = threads })
            .Fit(new EffectData(y, t, x));
        EffectEstimate ate = r.Estimation.For(Estimand.Ate);
        double abs = Math.Abs(ate.Estimate - ite.Average());
        double pehe = Rmse(r.Cate, ite);
        sumAbs += abs;
        sumPehe += pehe;
        Console.WriteLine(string.Create(inv, $"IHDP {rep}: ATE {ate.Estimate:F3} ± {ate.StdError:F3} (sample truth {ite.Average():F3}), |error| {abs:F3}, √PEHE {pehe:F3}, covers {ate.Covers(ite.Average())}"));
    }

    Console.WriteLine(string.Create(inv, $"IHDP mean over 10 replications: ATE |error| {sumAbs / 10:F3}, √PEHE {sumPehe / 10:F3} (within-sample, out-of-bag CATEs)"));
}
else
{
    Console.Error.WriteLine("usage: time N [trees] [threads] | coverage [worlds] [n] [trees] [threads] | ihdp DIR [trees] [threads]");
    return 2;
}

return 0;
