// LearnersBench: whole-process timings of the linear learners on generated data (seconds, wall clock and process CPU).
// Usage: dotnet run -c Release --project bench/learners/LearnersBench [-- N [p [reps [filter]]]]
// (filter: run only the timings whose name contains it, e.g. "logistic" or "OLS").
// 1. Logistic regression (unpenalised Newton, and L1 proximal Newton), N x p standard normal features.
// 2. OLS by Householder QR + HC1 coefficient table, same N x p.
// 3. Lasso path (100 values) and 5-fold ElasticNetCV on the same features.
// Each timing is the best of `reps` runs (default 3) after one warm-up at N/10.
using System.Diagnostics;
using System.Globalization;
using CausalCart.Learners;
using CausalCart.Learners.Linear;
using CausalCart.Numerics;

int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
int p = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
int reps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
string filter = args.Length > 3 ? args[3] : "";
Console.Error.WriteLine($"generating N = {n:N0}, p = {p}; {Environment.ProcessorCount} logical processors");

(Matrix x, double[] y, double[] d) = Generate(n, p, 1);
(Matrix xw, double[] yw, double[] dw) = Generate(Math.Max(1000, n / 10), p, 2);

Time("logistic regression (L2 = 0, Newton)", () =>
{
    var m = new LogisticRegression(new LogisticRegressionOptions(0)).Fit(x, d);
    return $"{m.Iterations} iterations, converged {m.Converged}";
}, () => new LogisticRegression(new LogisticRegressionOptions(0)).Fit(xw, dw));

Time("logistic regression (default L2 = 1e-4)", () =>
{
    var m = new LogisticRegression().Fit(x, d);
    return $"{m.Iterations} iterations";
}, () => new LogisticRegression().Fit(xw, dw));

Time("logistic regression + HC1 table", () =>
{
    var m = new LogisticRegression(new LogisticRegressionOptions(0)).Fit(x, d);
    var t = m.Inference(x, d, new InferenceOptions(CovarianceType.HC1));
    return $"SE[1] = {t.Rows[1].StandardError:G4}";
}, () => { });

Time("L1 logistic regression (L1 = 1e-3, proximal Newton)", () =>
{
    var m = new LogisticRegression(new LogisticRegressionOptions(0, L1: 1e-3)).Fit(x, d);
    return $"{m.Iterations} iterations, {m.Coefficients.ToArray().Count(c => c != 0)} non-zero";
}, () => new LogisticRegression(new LogisticRegressionOptions(0, L1: 1e-3)).Fit(xw, dw));

Time("OLS (QR) fit", () =>
{
    var m = new OrdinaryLeastSquares().Fit(x, y);
    return $"rank {m.Rank}";
}, () => new OrdinaryLeastSquares().Fit(xw, yw));

Time("OLS (QR) + HC1 table", () =>
{
    var m = new OrdinaryLeastSquares().Fit(x, y);
    var t = m.Inference(x, y, new InferenceOptions(CovarianceType.HC1));
    return $"SE[1] = {t.Rows[1].StandardError:G4}";
}, () => new OrdinaryLeastSquares().Fit(xw, yw).Inference(xw, yw));

Time("lasso path (100 alphas)", () =>
{
    var path = new ElasticNet().Path(x, y);
    return $"{path[^1].NonZeroCount} non-zero at the end";
}, () => new ElasticNet().Path(xw, yw));

Time("ElasticNetCV (5 folds, 100 alphas)", () =>
{
    var m = new ElasticNetCV().Fit(x, y);
    return $"alpha {m.Model.Alpha:G4}, {m.Model.NonZeroCount} non-zero";
}, () => { });

void Time(string what, Func<string> run, Action warmUp)
{
    if (!what.Contains(filter, StringComparison.OrdinalIgnoreCase))
    {
        return;
    }

    warmUp();
    double best = double.PositiveInfinity, bestCpu = 0;
    string info = "";
    for (int r = 0; r < reps; r++)
    {
        GC.Collect();
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        info = run();
        double wall = sw.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        if (wall < best)
        {
            best = wall;
            bestCpu = cpu;
        }
    }

    Console.WriteLine($"{what}, N = {n:N0}, p = {p}: {best:F2} s wall, {bestCpu:F2} s CPU (best of {reps}); {info}");
}

static (Matrix X, double[] Y, double[] D) Generate(int n, int p, int seed)
{
    var rng = new SeededRandom(seed);
    var x = new Matrix(n, p);
    var y = new double[n];
    var d = new double[n];
    for (int i = 0; i < n; i++)
    {
        double eta = -0.3, lin = 1;
        for (int j = 0; j < p; j++)
        {
            double v = rng.NextNormal();
            x[i, j] = v;
            eta += (j % 5 == 0 ? 0.2 : 0.02) * v;
            lin += (j % 3 == 0 ? 0.5 : 0) * v;
        }

        y[i] = lin + ((1 + (0.5 * Math.Abs(x[i, 0]))) * rng.NextNormal());
        d[i] = rng.NextDouble() < StableMath.Sigmoid(eta) ? 1 : 0;
    }

    return (x, y, d);
}
