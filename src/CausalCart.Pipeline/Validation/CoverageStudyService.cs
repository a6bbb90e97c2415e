using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Core.Progress;
using CausalCart.Core.Results;
using CausalCart.Features.Study;
using CausalCart.Pipeline.Analysis;
using CausalCart.Pipeline.Ingestion;
using CausalCart.Simulation;

namespace CausalCart.Pipeline.Validation;

/// <summary>
/// <c>causalcart validate coverage</c>: simulates many ShopSim worlds, analyses each with the demo's study
/// and measures how often each method's 95% interval covers the world's true effect.
/// </summary>
/// <remarks>
/// Implementation note: world i is simulated with seed <c>Seed + i</c>, ingested into a fresh store in its
/// own folder, analysed with the study <c>causalcart demo</c> runs (time zero at the campaign, 30-day
/// eligibility, buy within 7 days, 1d/7d/30d/60d look-backs, naive/regression/IPW/AIPW, logistic nuisances,
/// analysis seed = world seed) without refutations, and deleted. <see cref="CoverageStudyOptions.Targeting"/>,
/// <see cref="CoverageStudyOptions.Baseline"/> and <see cref="CoverageStudyOptions.Nuisance"/> change the world's policy and
/// untreated buying and the study's <c>nuisance:</c>; their defaults are the demo's. Its estimates are compared with
/// <c>truth.json</c>'s <c>any_buy</c> ATE and ATT, which are sample effects over exactly the eligible users
/// the study analyses (the service checks the counts agree). Nothing depends on other worlds or on timing,
/// so the result is the same for any degree of parallelism, up to the last bits of the estimates: the price
/// covariates (<c>view_price_mean_*</c>, <c>spend_*</c>) are floating-point aggregates DuckDB sums in a
/// thread-dependent order, so they, and the fitted models, can move by ~1e-16 between runs.
/// </remarks>
public static class CoverageStudyService
{
    /// <summary>The study each world runs by default, in words (recorded in the result).</summary>
    public const string StudyDescription = StudyPrefix +
        "naive, regression, IPW and AIPW with logistic nuisances and 5-fold cross-fitting; no refutations.";

    private const string StudyPrefix =
        "ShopSim coupon campaign (demo study): time zero at the campaign, eligible = active in the 30 days before, " +
        "treated = got the coupon, outcome = any buy within 7 days; covariates: action counts over 1d/7d/30d/60d, recency, " +
        "price stats, category affinity; ";

    /// <summary>Runs the study.</summary>
    /// <param name="options">Worlds, users, seed and parallelism; validated first.</param>
    /// <param name="progress">Receives one update per finished world (<c>Done</c> = worlds finished so far), possibly from several threads at once when <see cref="CoverageStudyOptions.MaxDegreeOfParallelism"/> is above 1.</param>
    /// <param name="cancellationToken">Stops between (and inside simulation and ingestion of) worlds; throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>Every world and a summary per method and estimand. Identical options give identical worlds, truths, coverage decisions and counts (estimates to ~1e-15).</returns>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="InvalidOperationException">A world's analysed units differ from the simulator's eligible users (the truth would not apply).</exception>
    public static CoverageStudyResult Run(CoverageStudyOptions options, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        bool ownsRoot = options.WorkDirectory is null;
        var root = Path.GetFullPath(options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "causalcart-coverage-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(root);
        var worlds = new CoverageWorld[options.Worlds];
        int done = 0;
        void RunOne(int i)
        {
            worlds[i] = RunWorld(options, i, root, cancellationToken);
            int finished = Interlocked.Increment(ref done);
            progress?.Report(new ProgressUpdate(Describe(worlds[i]), finished, options.Worlds, "worlds"));
        }

        try
        {
            if (options.MaxDegreeOfParallelism == 1)
            {
                for (int i = 0; i < options.Worlds; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RunOne(i);
                }
            }
            else
            {
                Parallel.For(0, options.Worlds, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, RunOne);
            }
        }
        finally
        {
            if (ownsRoot)
            {
                DeleteIfExists(root);
            }
        }

        return new CoverageStudyResult(
            CoverageStudyResult.CurrentSchemaVersion,
            options.Worlds,
            options.Users,
            options.Seed,
            Describe(options),
            0.95,
            worlds.Count(w => w.Failure is not null),
            CoverageStatistics.Summarise(worlds),
            worlds);
    }

    private static CoverageWorld RunWorld(CoverageStudyOptions options, int index, string root, CancellationToken cancellationToken)
    {
        int seed = options.Seed + index;
        var dir = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"world-{index:D4}-seed-{seed}"));
        DeleteIfExists(dir);
        Directory.CreateDirectory(dir);
        try
        {
            var worldDir = Path.Combine(dir, "world");
            var sim = new ShopSimOptions
            {
                Users = options.Users,
                Seed = seed,
                MaxDegreeOfParallelism = options.MaxDegreeOfParallelism == 1 ? -1 : 1,
                Targeting = new TargetingOptions { Shape = options.Targeting },
                Baseline = new BaselineOptions { Shape = options.Baseline },
            };
            new ShopSimulator(sim).Run(worldDir, null, cancellationToken);
            IngestService.Run(new IngestRequest { Path = worldDir, StorePath = Path.Combine(dir, "shop.duckdb") }, null, cancellationToken);
            var specPath = Path.Combine(dir, "study.yaml");
            File.WriteAllText(specPath, SpecYaml(sim, options.Nuisance, options.ResolvedMethods));
            var spec = StudySpec.Load(specPath);
            var simTruth = SimulationTruth.Load(worldDir);
            var truth = simTruth.Outcome("any_buy");
            AnalysisResult analysis;
            try
            {
                analysis = StudyAnalysis.Run(spec, new StudyRunOptions { Refuters = [] });
            }
            catch (CausalCartException ex) when (ex.Kind == ErrorKind.NotIdentifiable)
            {
                return new CoverageWorld(index, seed, 0, 0, truth.Ate, truth.Att, [], ex.Message);
            }

            if (analysis.Design.Units != simTruth.EligibleUsers || analysis.Design.Treated != simTruth.TreatedUsers)
            {
                throw new InvalidOperationException(
                    $"World {index} (seed {seed}): the study analysed {analysis.Design.Units} units ({analysis.Design.Treated} treated) but ShopSim's truth is over " +
                    $"{simTruth.EligibleUsers} eligible users ({simTruth.TreatedUsers} treated); the study's eligibility no longer matches the simulator's.");
            }

            var estimates = analysis.Estimates.Select(e =>
            {
                double t = e.Estimand == Estimand.Ate ? truth.Ate : truth.Att;
                return new CoverageWorldEstimate(e.Method, e.Estimand, e.Estimate, e.StdError, e.CiLower, e.CiUpper, t, e.Covers(t));
            }).ToList();
            return new CoverageWorld(index, seed, analysis.Design.Units, analysis.Design.Treated, truth.Ate, truth.Att, estimates, null);
        }
        finally
        {
            DeleteIfExists(dir);
        }
    }

    /// <summary>
    /// The study <paramref name="options"/> run, in words: <see cref="StudyDescription"/> for the demo's world and study, otherwise
    /// that text with the world's policy and baseline shapes and the nuisance learners named.
    /// </summary>
    public static string Describe(CoverageStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Targeting == TargetingShape.Linear && options.Baseline == BaselineShape.Linear && options.Nuisance == NuisanceLearner.Logistic && options.Methods is null)
        {
            return StudyDescription;
        }

        if (options.Methods is not null)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{StudyPrefix}methods {string.Join(", ", options.Methods.Select(EstimatorNames.Name))} (nuisance: {NuisanceName(options.Nuisance)}), " +
                $"5-fold cross-fitting; no refutations. ShopSim world: --targeting {NameOf(options.Targeting)} --baseline {NameOf(options.Baseline)}.");
        }

        var methods = options.Nuisance switch
        {
            NuisanceLearner.Gbdt => "naive, regression and IPW with GLMs, AIPW with gradient-boosted-tree nuisances",
            NuisanceLearner.Forest => "naive, regression and IPW with GLMs, AIPW with random-forest nuisances",
            NuisanceLearner.Stack => "naive, regression and IPW with GLMs, AIPW with stacked outcome models and a boosted propensity",
            NuisanceLearner.Linear => "naive, regression, IPW and AIPW with linear outcome models and a logistic propensity",
            _ => "naive, regression, IPW and AIPW with logistic nuisances",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{StudyPrefix}{methods} (nuisance: {NuisanceName(options.Nuisance)}), 5-fold cross-fitting; no refutations. " +
            $"ShopSim world: --targeting {NameOf(options.Targeting)} --baseline {NameOf(options.Baseline)}.");
    }

    // The spec and CLI spelling of each enum value (they are single words).
    private static string NameOf<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string NuisanceName(NuisanceLearner nuisance) => NameOf(nuisance);

    private static string Describe(CoverageWorld world)
    {
        if (world.Failure is not null)
        {
            return $"world {world.Index} (seed {world.Seed}): refused: {world.Failure}";
        }

        var aipw = world.Estimates.FirstOrDefault(e => e.Method == EffectMethod.Aipw && e.Estimand == Estimand.Ate);
        return aipw is null
            ? string.Create(CultureInfo.InvariantCulture, $"world {world.Index} (seed {world.Seed}): {world.Units} units")
            : string.Create(CultureInfo.InvariantCulture,
                $"world {world.Index} (seed {world.Seed}): {world.Units} units, true ATE {aipw.Truth:F4}, AIPW {aipw.Estimate:F4} [{aipw.CiLower:F4}, {aipw.CiUpper:F4}] {(aipw.Covered ? "covers" : "MISSES")}");
    }

    private static void DeleteIfExists(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // The same study DemoService builds, with the store beside the spec and without refuters.
    private static string SpecYaml(ShopSimOptions sim, NuisanceLearner nuisance, IReadOnlyList<EffectMethod> methods) => string.Create(CultureInfo.InvariantCulture, $"""
        study: {sim.Campaign}-coverage
        data: {"{"} store: shop.duckdb {"}"}
        unit: user
        time_zero: {"{"} campaign: {sim.Campaign} {"}"}
        eligibility: {"{"} active_within: {sim.EligibilityDays}d {"}"}
        treatment: {"{"} campaign: {sim.Campaign} {"}"}
        outcome: {"{"} action: buy, within: {sim.OutcomeDays}d {"}"}
        covariates: {"{"} lookbacks: [1d, 7d, 30d, 60d], families: [action_counts, recency, price_stats, category_affinity] {"}"}
        estimators: [{string.Join(", ", methods.Select(EstimatorNames.Name))}]
        nuisance: {NuisanceName(nuisance)}
        seed: {sim.Seed}

        """);
}
