// MatchingBench: wall time of 1:1 nearest-neighbour propensity matching (logistic propensity fit included) on a
// generated DGP: binary T, 10 N(0,1) covariates, P(T=1|x) = σ(−1 + 0.3·Σ_{j<5} x_j), Y = Σ x_j/2 + 2T + N(0,1).
// Usage: dotnet run -c Release --project bench/causal/matching/MatchingBench [-- N [csv-path]]
// With csv-path the data are also written (columns t,y,x1..x10) so R MatchIt can time the same file.
using System.Diagnostics;
using System.Globalization;
using CausalCart.Causal;
using CausalCart.Causal.Matching;
using CausalCart.Core.Results;
using CausalCart.Numerics;

int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
const int p = 10;
var rng = new SeededRandom(42);
var x = new Matrix(n, p);
var t = new double[n];
var y = new double[n];
for (int i = 0; i < n; i++)
{
    double lin = -1, s = 0;
    for (int j = 0; j < p; j++)
    {
        double v = rng.NextNormal();
        x[i, j] = v;
        s += v;
        if (j < 5) { lin += 0.3 * v; }
    }

    t[i] = rng.NextDouble() < StableMath.Sigmoid(lin) ? 1 : 0;
    y[i] = (s / 2) + (2 * t[i]) + rng.NextNormal();
}

if (args.Length > 1)
{
    using var w = new StreamWriter(args[1]);
    w.WriteLine("t,y," + string.Join(",", Enumerable.Range(1, p).Select(j => $"x{j}")));
    for (int i = 0; i < n; i++)
    {
        w.WriteLine(string.Join(",", new[] { t[i], y[i] }.Concat(Enumerable.Range(0, p).Select(j => x[i, j])).Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    }
}

var data = new EffectData(y, t, x);
var att = new EffectOptions { Estimands = [Estimand.Att] };
foreach ((string name, MatchingEstimator est) in new[]
{
    ("1:1 without replacement, ATT (MatchIt default)", new MatchingEstimator(att, new MatchingOptions { Replacement = false })),
    ("1:1 with replacement, ATE+ATT (Abadie-Imbens)", new MatchingEstimator(null, new MatchingOptions())),
})
{
    est.Match(data); // warm-up (JIT)
    var sw = Stopwatch.StartNew();
    MatchingResult r = est.Match(data);
    sw.Stop();
    EffectEstimate e = r.Estimation.For(Estimand.Att);
    Console.WriteLine($"{name}: N={n:N0}, {sw.Elapsed.TotalSeconds:F3} s wall; ATT {e.Estimate:F4} ± {e.StdError:F4} (truth 2)");
}
