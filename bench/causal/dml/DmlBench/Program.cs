// DmlBench: validation and speed figures for the double-ML family (bench/causal/dml/RESULTS.md).
//   dotnet run -c Release --project bench/causal/dml/DmlBench -- ihdp <shared/data> [linear|poly2|gbdt|gbdt-cate|hgb|stack|stack-cate]
//   dotnet run -c Release --project bench/causal/dml/DmlBench -- 401k <shared/data> [linear|poly2]
//   dotnet run -c Release --project bench/causal/dml/DmlBench -- coverage <worlds> <n>
//   dotnet run -c Release --project bench/causal/dml/DmlBench -- coverage-flexible <worlds> <n> <nuisance kind>
//   dotnet run -c Release --project bench/causal/dml/DmlBench -- speed <n> <nuisance: linear|poly2|gbdt|gbdt-cate|hgb> [folds]
// Data on stdout, progress on stderr. Exit 2 on usage errors.
using System.Diagnostics;
using System.Globalization;
using CausalCart.Causal;
using CausalCart.Causal.Dml;
using CausalCart.Causal.MetaLearners;
using CausalCart.Core.Results;
using CausalCart.Learners;
using CausalCart.Numerics;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0)
{
    return Usage();
}

try
{
    return args[0] switch
    {
        "ihdp" when args.Length >= 2 => Ihdp(args[1], args.Length > 2 ? args[2] : "linear"),
        "401k" when args.Length >= 2 => K401(args[1], args.Length > 2 ? args[2] : "linear"),
        "coverage" when args.Length >= 3 => Coverage(int.Parse(args[1]), int.Parse(args[2])),
        "coverage-flexible" when args.Length >= 4 => CoverageFlexible(int.Parse(args[1]), int.Parse(args[2]), args[3]),
        "speed" when args.Length >= 3 => Speed(int.Parse(args[1]), args[2], args.Length > 3 ? int.Parse(args[3]) : 5),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"DmlBench: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: DmlBench ihdp <shared/data> | 401k <shared/data> | coverage <worlds> <n> | speed <n> <linear> [folds]");
    return 2;
}

static NuisanceLearners Learners(string kind) => kind switch
{
    "linear" => NuisanceLearners.Linear,
    "poly2" => new NuisanceLearners
    {
        Outcome = () => new Poly2.Regressor(1e-3),
        Propensity = () => new Poly2.Classifier(1e-3),
        Treatment = () => new Poly2.Regressor(1e-3),
        Effect = () => new LinearRegression(new LinearRegressionOptions(1e-8)),
    },
    // The spine's `nuisance: gbdt` (up to 500 trees of depth 4, learning rate 0.05, early stopping on a 10% split).
    "gbdt" => FlexibleNuisances.GradientBoosting(seed: 1),
    // Shaped like scikit-learn's HistGradientBoosting defaults that EconML's anchor row used: 100 trees, learning rate
    // 0.1, depth 5 (≤ 31 leaves), early stopping on a 10% split.
    "hgb" => HgbLike(),
    // The spine's boosted nuisances with a boosted final stage too (DR-, X- and R-learners' effect model): a nonlinear CATE.
    "gbdt-cate" => FlexibleNuisances.GradientBoosting(seed: 1) with
    {
        Effect = () => new CausalCart.Learners.Boosting.GradientBoostedTreesRegressor(new CausalCart.Learners.Boosting.GradientBoostingOptions
        {
            Trees = 500, LearningRate = 0.05, MaxDepth = 3, L2 = 1.0, MinChildWeight = 5, EarlyStoppingRounds = 20, ValidationFraction = 0.1, Seed = 1,
        }),
    },
    // The cross-validated stack (docs/decisions/0008-stacked-learner.md) for outcomes, boosted propensity, linear final stage.
    "stack" => FlexibleNuisances.Stacked(seed: 1),
    // The same with the stack as the final stage too.
    "stack-cate" => FlexibleNuisances.Stacked(seed: 1, stackedEffect: true),
    _ => throw new ArgumentException($"Nuisance kind '{kind}' is not available; valid: linear, poly2, gbdt, gbdt-cate, hgb, stack, stack-cate."),
};

static NuisanceLearners HgbLike()
{
    var options = new CausalCart.Learners.Boosting.GradientBoostingOptions
    {
        Trees = 100,
        LearningRate = 0.1,
        MaxDepth = 5,
        EarlyStoppingRounds = 10,
        ValidationFraction = 0.1,
        Seed = 1,
    };
    return new NuisanceLearners
    {
        Outcome = () => new CausalCart.Learners.Boosting.GradientBoostedTreesRegressor(options),
        Propensity = () => new CausalCart.Learners.Boosting.GradientBoostedTreesClassifier(options),
        Treatment = () => new CausalCart.Learners.Boosting.GradientBoostedTreesRegressor(options),
        Effect = () => new LinearRegression(new LinearRegressionOptions(1e-8)),
    };
}

static int Ihdp(string dataDir, string kind)
{
    NuisanceLearners learners = Learners(kind);
    string[] methods = ["DML IRM", "DML PLR", "LinearDML", "DR-learner", "S-learner", "T-learner", "X-learner", "R-learner"];
    var ateErr = methods.ToDictionary(m => m, _ => new List<double>());
    var pehe = methods.ToDictionary(m => m, _ => new List<double>());
    int stackSize = CausalCart.Learners.Stacking.StackingOptions.Default(1).Candidates.Length;
    double[][] stackWeights = [new double[stackSize], new double[stackSize]];     // (arm, candidate) mean weight
    double[][] stackRisks = [new double[stackSize + 1], new double[stackSize + 1]]; // (arm, candidate + stack) mean CV MSE
    System.Collections.Immutable.ImmutableArray<string> stackNames = [];
    for (int rep = 1; rep <= 10; rep++)
    {
        string path = Path.Combine(dataDir, "ihdp", $"ihdp_npci_{rep}.csv");
        string[] lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        int n = lines.Length;
        var t = new double[n];
        var y = new double[n];
        var tau = new double[n];
        var x = new Matrix(n, 25);
        for (int i = 0; i < n; i++)
        {
            double[] v = lines[i].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            t[i] = v[0];
            y[i] = v[1];
            tau[i] = v[4] - v[3];
            for (int j = 0; j < 25; j++)
            {
                x[i, j] = v[5 + j];
            }
        }

        double ate = tau.Average();
        var data = new EffectData(y, t, x);
        var options = new EffectOptions { Seed = 1, Estimands = [Estimand.Ate] };
        var dml = new DmlOptions { Repetitions = 1, Learners = learners };
        void Record(string m, double estimate, IReadOnlyList<double>? cate)
        {
            ateErr[m].Add(Math.Abs(estimate - ate));
            if (cate is not null)
            {
                pehe[m].Add(Math.Sqrt(Enumerable.Range(0, n).Average(i => Math.Pow(cate[i] - tau[i], 2))));
            }
        }

        Record("DML IRM", new DmlIrmEstimator(options, dml).Estimate(data).For(Estimand.Ate).Estimate, null);
        Record("DML PLR", new DmlPlrEstimator(options, dml).Estimate(data).For(Estimand.Ate).Estimate, null);
        LinearDmlResult ldml = new LinearDml(options, dml).Fit(data);
        Record("LinearDML", ldml.Ate.Estimate, ldml.Cate);
        DrLearnerResult dr = new DrLearner(options, dml).Fit(data);
        Record("DR-learner", dr.Ate.Estimate, dr.Cate);
        foreach ((MetaLearnerKind k, string name) in new[] { (MetaLearnerKind.S, "S-learner"), (MetaLearnerKind.T, "T-learner"), (MetaLearnerKind.X, "X-learner"), (MetaLearnerKind.R, "R-learner") })
        {
            MetaLearnerResult r = new MetaLearner(k, new MetaLearnerOptions { Seed = 1, Learners = learners }).Fit(data);
            Record(name, r.Ate, r.Cate);
        }

        if (kind.StartsWith("stack", StringComparison.Ordinal))
        {
            // What the stack chose on each arm (factual outcomes only): the T-learner's two outcome fits.
            for (int arm = 0; arm < 2; arm++)
            {
                double[] armWeights = t.Select(v => v == arm ? 1.0 : 0.0).ToArray();
                CausalCart.Learners.Stacking.StackedRegressionModel m = new CausalCart.Learners.Stacking.StackedRegressor(
                    CausalCart.Learners.Stacking.StackingOptions.Default(1)).Fit(x, y, armWeights);
                stackNames = m.CandidateNames;
                for (int c = 0; c < m.Weights.Length; c++)
                {
                    stackWeights[arm][c] += m.Weights[c] / 10;
                    stackRisks[arm][c] += m.CandidateCvRisks[c] / 10;
                }

                stackRisks[arm][^1] += m.StackCvRisk / 10;
            }
        }

        Console.Error.WriteLine($"ihdp replication {rep} done");
    }

    Console.WriteLine($"IHDP, 10 replications, nuisance kind {kind}, 5 folds, seed 1");
    Console.WriteLine("| method | mean abs ATE error (10 reps) | mean √PEHE (in sample) |");
    Console.WriteLine("|---|---|---|");
    foreach (string m in methods)
    {
        string p = pehe[m].Count > 0 ? $"{pehe[m].Average():F3}" : "— (no CATE)";
        Console.WriteLine($"| {m} | {ateErr[m].Average():F3} | {p} |");
    }

    if (!stackNames.IsDefaultOrEmpty)
    {
        Console.WriteLine();
        Console.WriteLine("Stack on each arm's factual outcomes (mean over the 10 replications): NNLS weight / 5-fold CV MSE");
        Console.WriteLine("| candidate | control weight | control CV MSE | treated weight | treated CV MSE |");
        Console.WriteLine("|---|---|---|---|---|");
        for (int c = 0; c <= stackSize; c++)
        {
            string name = c < stackSize ? stackNames[c] : "stack (NNLS)";
            string w0 = c < stackSize ? $"{stackWeights[0][c]:F3}" : "1", w1 = c < stackSize ? $"{stackWeights[1][c]:F3}" : "1";
            Console.WriteLine($"| {name} | {w0} | {stackRisks[0][c]:F3} | {w1} | {stackRisks[1][c]:F3} |");
        }
    }

    return 0;
}

static int K401(string dataDir, string kind)
{
    NuisanceLearners learners = Learners(kind);
    string path = Path.Combine(dataDir, "dml_401k", "data401k.csv");
    string[] lines = File.ReadAllLines(path);
    string[] header = lines[0].Split(',');
    string[] covs = ["age", "inc", "educ", "fsize", "marr", "twoearn", "db", "pira", "hown"];
    int iy = Array.IndexOf(header, "net_tfa"), it = Array.IndexOf(header, "e401");
    int[] ix = covs.Select(c => Array.IndexOf(header, c)).ToArray();
    string[] rows = lines.Skip(1).Where(l => l.Length > 0).ToArray();
    int n = rows.Length;
    var y = new double[n];
    var t = new double[n];
    var x = new Matrix(n, covs.Length);
    for (int i = 0; i < n; i++)
    {
        double[] v = rows[i].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        y[i] = v[iy];
        t[i] = v[it];
        for (int j = 0; j < covs.Length; j++)
        {
            x[i, j] = v[ix[j]];
        }
    }

    var data = new EffectData(y, t, x, covs);
    Console.WriteLine($"401(k): n = {n}, treated (e401) = {data.NTreated}; covariates: {string.Join(", ", covs)}; 5 folds, 5 repeated splits, nuisance kind {kind}");
    var options = new EffectOptions { Seed = 123, Folds = 5, Estimands = [Estimand.Ate] };
    var dml = new DmlOptions { Repetitions = 5, Learners = learners };
    EffectEstimate plr = new DmlPlrEstimator(options, dml).Estimate(data).For(Estimand.Ate);
    EstimationResult irmResult = new DmlIrmEstimator(options with { Estimands = [Estimand.Ate, Estimand.Att] }, dml).Estimate(data);
    Console.WriteLine("| model | estimate | SE | 95% CI |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine($"| PLR (ATE) | {plr.Estimate:F0} | {plr.StdError:F0} | [{plr.CiLower:F0}, {plr.CiUpper:F0}] |");
    foreach (EffectEstimate e in irmResult.Estimates)
    {
        Console.WriteLine($"| IRM ({e.Estimand}) | {e.Estimate:F0} | {e.StdError:F0} | [{e.CiLower:F0}, {e.CiUpper:F0}] |");
    }

    Console.WriteLine($"IRM clipped share {irmResult.Estimates[0].Diagnostics["clippedShare"]:F4}; naive difference {irmResult.Association.Difference:F0}");
    return 0;
}

static int Coverage(int worlds, int n)
{
    string[] methods = ["DML PLR (constant effect)", "DML IRM ATE (S=1)", "DML IRM ATE (S=3)", "DML IRM ATT", "LinearDML ATE", "LinearDML slope x1", "DR-learner ATE", "T-learner bootstrap ATE (B=100)", "Multi-arm effect arm1", "Multi-arm effect arm2", "Continuous PLR slope"];
    var hits = methods.ToDictionary(m => m, _ => 0);
    var width = methods.ToDictionary(m => m, _ => 0.0);
    var bias = methods.ToDictionary(m => m, _ => 0.0);
    void Hit(string m, double lo, double hi, double est, double truth)
    {
        hits[m] += lo <= truth && truth <= hi ? 1 : 0;
        width[m] += (hi - lo) / worlds;
        bias[m] += (est - truth) / worlds;
    }

    var sw = Stopwatch.StartNew();
    for (int w = 0; w < worlds; w++)
    {
        int seed = 1000 + w;
        (EffectData het, double att) = World(n, seed, 1);
        (EffectData flat, _) = World(n, seed + 500000, 0);
        var ate = new EffectOptions { Seed = w, Estimands = [Estimand.Ate] };
        EffectEstimate plr = new DmlPlrEstimator(ate).Estimate(flat).For(Estimand.Ate);
        Hit(methods[0], plr.CiLower, plr.CiUpper, plr.Estimate, 2);
        EstimationResult irm = new DmlIrmEstimator(ate with { Estimands = [Estimand.Ate, Estimand.Att] }).Estimate(het);
        Hit(methods[1], irm.For(Estimand.Ate).CiLower, irm.For(Estimand.Ate).CiUpper, irm.For(Estimand.Ate).Estimate, 2);
        Hit(methods[3], irm.For(Estimand.Att).CiLower, irm.For(Estimand.Att).CiUpper, irm.For(Estimand.Att).Estimate, att);
        EffectEstimate irm3 = new DmlIrmEstimator(ate, new DmlOptions { Repetitions = 3 }).Estimate(het).For(Estimand.Ate);
        Hit(methods[2], irm3.CiLower, irm3.CiUpper, irm3.Estimate, 2);
        LinearDmlResult ld = new LinearDml(ate).Fit(het);
        Hit(methods[4], ld.Ate.CiLower, ld.Ate.CiUpper, ld.Ate.Estimate, 2);
        Hit(methods[5], ld.Coefficients[1].CiLower, ld.Coefficients[1].CiUpper, ld.Coefficients[1].Estimate, 1);
        EffectEstimate dr = new DrLearner(ate).Fit(het).Ate;
        Hit(methods[6], dr.CiLower, dr.CiUpper, dr.Estimate, 2);
        EffectEstimate tl = new MetaLearner(MetaLearnerKind.T, new MetaLearnerOptions { Seed = w, BootstrapReplicates = 100 }).Fit(het).AteInference!;
        Hit(methods[7], tl.CiLower, tl.CiUpper, tl.Estimate, 2);
        MultiArmResult ma = new MultiArmAipwEstimator(ate).Estimate(MultiArm(n, seed));
        Hit(methods[8], ma.Effects[0].CiLower, ma.Effects[0].CiUpper, ma.Effects[0].Estimate, 1);
        Hit(methods[9], ma.Effects[1].CiLower, ma.Effects[1].CiUpper, ma.Effects[1].Estimate, 3);
        CoefficientEstimate slope = new ContinuousDml(ate).EstimatePlr(Doses(n, seed)).Slope;
        Hit(methods[10], slope.CiLower, slope.CiUpper, slope.Estimate, 1);
        if ((w + 1) % 20 == 0)
        {
            Console.Error.WriteLine($"coverage: {w + 1}/{worlds} worlds, {sw.Elapsed.TotalSeconds:F0} s");
        }
    }

    Console.WriteLine($"Coverage of nominal 95% intervals over {worlds} seeded worlds of n = {n} (linear/logistic nuisances, 5 folds)");
    Console.WriteLine("| estimator | truth | coverage | mean bias | mean CI width |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (string m in methods)
    {
        string truth = m switch
        {
            "DML IRM ATT" => "sample ATT",
            "LinearDML slope x1" => "1",
            "Multi-arm effect arm1" => "1",
            "Multi-arm effect arm2" => "3",
            "Continuous PLR slope" => "1",
            _ => "2",
        };
        Console.WriteLine($"| {m} | {truth} | {100.0 * hits[m] / worlds:F1}% | {bias[m]:+0.0000;-0.0000} | {width[m]:F3} |");
    }

    return 0;
}

static int CoverageFlexible(int worlds, int n, string kind)
{
    // The heterogeneous world of `coverage` (ATE 2) with the named nuisance learners: DML IRM (AIPW) and DR-learner ATE.
    NuisanceLearners learners = Learners(kind);
    string[] methods = ["DML IRM ATE", "DR-learner ATE"];
    var hits = new int[2];
    var width = new double[2];
    var bias = new double[2];
    var sw = Stopwatch.StartNew();
    for (int w = 0; w < worlds; w++)
    {
        (EffectData het, _) = World(n, 1000 + w, 1);
        var options = new EffectOptions { Seed = w, Estimands = [Estimand.Ate] };
        var dml = new DmlOptions { Repetitions = 1, Learners = learners };
        EffectEstimate[] e = [new DmlIrmEstimator(options, dml).Estimate(het).For(Estimand.Ate), new DrLearner(options, dml).Fit(het).Ate];
        for (int m = 0; m < 2; m++)
        {
            hits[m] += e[m].CiLower <= 2 && 2 <= e[m].CiUpper ? 1 : 0;
            width[m] += (e[m].CiUpper - e[m].CiLower) / worlds;
            bias[m] += (e[m].Estimate - 2) / worlds;
        }

        if ((w + 1) % 10 == 0)
        {
            Console.Error.WriteLine($"coverage-flexible: {w + 1}/{worlds} worlds, {sw.Elapsed.TotalSeconds:F0} s");
        }
    }

    Console.WriteLine($"Coverage of nominal 95% intervals over {worlds} seeded worlds of n = {n}, nuisance kind {kind}, 5 folds (truth ATE 2)");
    Console.WriteLine("| estimator | coverage | mean bias | mean CI width |");
    Console.WriteLine("|---|---|---|---|");
    for (int m = 0; m < 2; m++)
    {
        Console.WriteLine($"| {methods[m]} | {100.0 * hits[m] / worlds:F1}% | {bias[m]:+0.0000;-0.0000} | {width[m]:F3} |");
    }

    return 0;
}

static int Speed(int n, string kind, int folds)
{
    NuisanceLearners learners = Learners(kind);
    // EconML-anchor shape: binary T, 10 covariates. x ~ N(0, I₁₀); P(T=1|x) = σ(0.5x₀ − 0.5x₁ + 0.25x₂);
    // Y = x₀ + 0.5x₁ + 0.25x₃ + T(1 + 0.5x₀) + N(0, 1).
    var rng = new SeededRandom(42);
    var x = new Matrix(n, 10);
    var y = new double[n];
    var t = new double[n];
    for (int i = 0; i < n; i++)
    {
        for (int j = 0; j < 10; j++)
        {
            x[i, j] = rng.NextNormal();
        }

        t[i] = rng.NextDouble() < StableMath.Sigmoid((0.5 * x[i, 0]) - (0.5 * x[i, 1]) + (0.25 * x[i, 2])) ? 1 : 0;
        y[i] = x[i, 0] + (0.5 * x[i, 1]) + (0.25 * x[i, 3]) + (t[i] * (1 + (0.5 * x[i, 0]))) + rng.NextNormal();
    }

    var data = new EffectData(y, t, x);
    var options = new EffectOptions { Seed = 1, Folds = folds, Estimands = [Estimand.Ate] };
    var dml = new DmlOptions { Learners = learners };
    var cpu = new Dictionary<string, double>();
    double Time(Func<double> fit, out double value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(fit))] string key = "")
    {
        value = fit(); // warm-up (JIT)
        var times = new List<double>();
        var cpus = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (int r = 0; r < 5; r++)
        {
            process.Refresh();
            TimeSpan c0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            value = fit();
            times.Add(sw.Elapsed.TotalSeconds);
            process.Refresh();
            cpus.Add((process.TotalProcessorTime - c0).TotalSeconds);
        }

        times.Sort();
        cpus.Sort();
        cpu[key] = cpus[2];
        return times[2];
    }

    double tDr = Time(() => new DrLearner(options, dml).Fit(data).Ate.Estimate, out double drAte);
    double tLd = Time(() => new LinearDml(options, dml).Fit(data).Ate.Estimate, out double ldAte);
    double tIrm = Time(() => new DmlIrmEstimator(options, dml).Estimate(data).Estimates[0].Estimate, out double irmAte);
    double tPlr = Time(() => new DmlPlrEstimator(options, dml).Estimate(data).Estimates[0].Estimate, out double plrAte);
    Console.WriteLine($"speed n={n} nuisance={kind} folds={folds} threads={Environment.ProcessorCount} (median of 5 after a warm-up; true ATE 1)");
    double[] cpuSeconds = [.. cpu.Values];
    Console.WriteLine($"| estimator | wall seconds | CPU seconds (both cores) | ATE |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine($"| DR-learner | {tDr:F3} | {cpuSeconds[0]:F3} | {drAte:F3} |");
    Console.WriteLine($"| LinearDML | {tLd:F3} | {cpuSeconds[1]:F3} | {ldAte:F3} |");
    Console.WriteLine($"| DML IRM | {tIrm:F3} | {cpuSeconds[2]:F3} | {irmAte:F3} |");
    Console.WriteLine($"| DML PLR | {tPlr:F3} | {cpuSeconds[3]:F3} | {plrAte:F3} |");
    return 0;
}

static (EffectData Data, double SampleAtt) World(int n, int seed, double slope)
{
    // x ~ N(0, I₃), P(T=1|x) = σ(0.8x₁ − 0.5x₂ + 0.3x₃), Y = 1 + x₁ + 0.5x₂ + T(2 + slope·x₁) + N(0, 1). ATE = 2.
    var rng = new SeededRandom(seed);
    var x = new Matrix(n, 3);
    var y = new double[n];
    var t = new double[n];
    double att = 0;
    int n1 = 0;
    for (int i = 0; i < n; i++)
    {
        double x1 = rng.NextNormal(), x2 = rng.NextNormal(), x3 = rng.NextNormal();
        x[i, 0] = x1;
        x[i, 1] = x2;
        x[i, 2] = x3;
        t[i] = rng.NextDouble() < StableMath.Sigmoid((0.8 * x1) - (0.5 * x2) + (0.3 * x3)) ? 1 : 0;
        double effect = 2 + (slope * x1);
        y[i] = 1 + x1 + (0.5 * x2) + (t[i] * effect) + rng.NextNormal();
        if (t[i] == 1)
        {
            att += effect;
            n1++;
        }
    }

    return (new EffectData(y, t, x, ["x1", "x2", "x3"]), att / n1);
}

static MultiArmData MultiArm(int n, int seed)
{
    // Three arms, multinomial-logit assignment on x₁, x₂; effects 1 and 3 + x₁ (average 3) against arm 0.
    var rng = new SeededRandom(seed + 7);
    var x = new Matrix(n, 2);
    var y = new double[n];
    var arm = new int[n];
    for (int i = 0; i < n; i++)
    {
        double x1 = rng.NextNormal(), x2 = rng.NextNormal();
        x[i, 0] = x1;
        x[i, 1] = x2;
        double e1 = Math.Exp(0.6 * x1), e2 = Math.Exp((-0.5 * x1) + (0.3 * x2));
        double z = 1 + e1 + e2, u = rng.NextDouble();
        arm[i] = u < 1 / z ? 0 : u < (1 + e1) / z ? 1 : 2;
        y[i] = 2 + (1.5 * x1) + x2 + (arm[i] switch { 1 => 1, 2 => 3 + x1, _ => 0 }) + rng.NextNormal();
    }

    return new MultiArmData(y, arm, ["control", "arm1", "arm2"], x);
}

static ContinuousTreatmentData Doses(int n, int seed)
{
    // A = 0.5x₁ + N(0, 1); Y = 2 + A + x₁ + 0.5x₂ + N(0, 1): slope 1.
    var rng = new SeededRandom(seed + 11);
    var x = new Matrix(n, 2);
    var y = new double[n];
    var a = new double[n];
    for (int i = 0; i < n; i++)
    {
        double x1 = rng.NextNormal(), x2 = rng.NextNormal();
        x[i, 0] = x1;
        x[i, 1] = x2;
        a[i] = (0.5 * x1) + rng.NextNormal();
        y[i] = 2 + a[i] + x1 + (0.5 * x2) + rng.NextNormal();
    }

    return new ContinuousTreatmentData(y, a, x);
}
