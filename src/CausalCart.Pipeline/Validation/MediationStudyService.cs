using System.Globalization;
using CausalCart.Causal;
using CausalCart.Causal.Discovery;
using CausalCart.Causal.Graphs;
using CausalCart.Causal.Mediation;
using CausalCart.Core.Progress;
using CausalCart.Learners;
using CausalCart.Numerics;
using CausalCart.Simulation;

namespace CausalCart.Pipeline.Validation;

/// <summary>
/// Mediation and temporal-tier discovery on ShopSim worlds whose mediator and effects are known: each world is simulated
/// with the saved-cart mediator (<see cref="MediatorOptions"/>), its per-user table (B30, V7, R, T, M, Y) is analysed with
/// <see cref="MediationAnalysis"/> and compared with the exact NDE, NIE and share, and PC and GES are run on the same
/// table without and with temporal tiers and scored against the mechanism's graph (<see cref="TrueGraph"/>).
/// </summary>
/// <remarks>
/// Implementation note: the table is the simulator's own per-user file (<c>mediation_users.csv</c>), because the mediator
/// is observed only there (the study-spec pipeline has no mediator role). Columns: B30 = buys in the 30 days before T0,
/// V7 = views in the 7 days before, R = days since the last event before T0 (the targeting policy's features, so the
/// mediation models adjust for X = (B30, ln(1 + V7), R), on which the propensity is exactly logistic up to its 0.03
/// clip), T = got the coupon, M = saved cart in the window, Y = any buy in the window. World i uses seed Seed + i and is
/// analysed with the same seed; nothing depends on timing or threads.
/// </remarks>
public static class MediationStudyService
{
    /// <summary>Column names of the study table, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["B30", "V7", "R", "T", "M", "Y"];

    /// <summary>
    /// The mechanism's graph over <see cref="Columns"/>, read from ShopSim's code: the policy uses B30, V7 and R
    /// (B30 → T, V7 → T, R → T); the mediator depends on the arm alone (T → M); the coupon and the saved cart change
    /// window checkouts (T → Y, M → Y); and the latent traits (engagement, budget, price sensitivity, signup day) drive
    /// both the history and future buying, with no arrow from history to the future (no carry-over), so each of B30, V7, R
    /// and Y share a latent cause (↔). The pairs among B30, V7 and R are not scored (see <see cref="UnscoredPairs"/>).
    /// </summary>
    public static IReadOnlyList<GraphEdge> TrueGraph { get; } =
    [
        new("B30", "T"), new("V7", "T"), new("R", "T"), new("T", "M"), new("T", "Y"), new("M", "Y"),
        new("B30", "Y", EdgeKind.Bidirected), new("V7", "Y", EdgeKind.Bidirected), new("R", "Y", EdgeKind.Bidirected),
    ];

    /// <summary>
    /// Pairs left out of every score: B30, V7 and R summarise the same event history (a view in the last 7 days can lead to
    /// a buy counted in B30; the last event fixes R) and share latent causes, so no single edge state among them is right.
    /// </summary>
    public static IReadOnlyList<(string A, string B)> UnscoredPairs { get; } = [("B30", "V7"), ("B30", "R"), ("V7", "R")];

    /// <summary>The study, in words (recorded in the result).</summary>
    public const string StudyDescription =
        "ShopSim worlds with the saved-cart mediator (simulate --mediator cart): per eligible user B30, V7, R (pre-period), T (coupon), " +
        "M (saved cart in [T0, T0+7d)), Y (any buy in [T0, T0+7d)); MediationAnalysis (multiply robust, logistic nuisances, cross-fitted) " +
        "adjusting for B30, ln(1+V7), R; truths Y(0,M(0)), Y(1,M(0)), Y(1,M(1)) from common random numbers. " +
        "Discovery: PC-stable (Fisher-z, alpha 0.01) and GES (BIC) on the raw columns, without tiers, with tiers from measurement windows, and with the full order pre < T < M < Y.";

    /// <summary>Runs the study.</summary>
    /// <param name="options">Worlds, users, seed; validated first.</param>
    /// <param name="progress">One update per finished world, on the calling thread.</param>
    /// <param name="cancellationToken">Checked between worlds and inside the simulation.</param>
    /// <returns>Coverage and bias per quantity, mean discovery scores and every world. Identical options give an identical result.</returns>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public static MediationStudyResult Run(MediationStudyOptions options, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        bool ownsRoot = options.WorkDirectory is null;
        var root = Path.GetFullPath(options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "causalcart-mediation-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(root);
        var worlds = new List<MediationStudyWorld>(options.Worlds);
        try
        {
            for (int i = 0; i < options.Worlds; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var world = RunWorld(options, i, root, cancellationToken);
                worlds.Add(world);
                progress?.Report(new ProgressUpdate(Describe(world), i + 1, options.Worlds, "worlds"));
            }
        }
        finally
        {
            if (ownsRoot && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return new MediationStudyResult(
            MediationStudyResult.CurrentSchemaVersion,
            options.Worlds,
            options.Users,
            options.Seed,
            StudyDescription,
            [.. TrueGraph.Select(e => e.ToString())],
            SummariseMediation(worlds),
            SummariseDiscovery(worlds),
            worlds);
    }

    /// <summary>
    /// Scores a discovered graph over <see cref="Columns"/> against <see cref="TrueGraph"/>, leaving out <see cref="UnscoredPairs"/>.
    /// </summary>
    /// <param name="found">A graph over the same columns.</param>
    /// <returns>SHD and skeleton precision and recall (1 when there is nothing to count).</returns>
    /// <exception cref="ArgumentException">The graph has a node outside <see cref="Columns"/>.</exception>
    public static (int Shd, double Precision, double Recall) Score(DiscoveredGraph found)
    {
        ArgumentNullException.ThrowIfNull(found);
        var truth = States(TrueGraph);
        var got = States(found.Edges);
        int shd = 0, truePositives = 0, foundAdjacent = 0, trueAdjacent = 0;
        for (int a = 0; a < Columns.Count; a++)
        {
            for (int b = a + 1; b < Columns.Count; b++)
            {
                if (UnscoredPairs.Contains((Columns[a], Columns[b])))
                {
                    continue;
                }

                int t = truth.GetValueOrDefault((a, b)), g = got.GetValueOrDefault((a, b));
                shd += t != g ? 1 : 0;
                trueAdjacent += t != 0 ? 1 : 0;
                foundAdjacent += g != 0 ? 1 : 0;
                truePositives += t != 0 && g != 0 ? 1 : 0;
            }
        }

        return (shd, foundAdjacent == 0 ? 1 : (double)truePositives / foundAdjacent, trueAdjacent == 0 ? 1 : (double)truePositives / trueAdjacent);
    }

    /// <summary>
    /// The background knowledge of <paramref name="knowledge"/> for the study table of a world with
    /// <paramref name="historyDays"/> days of history and an outcome window of <paramref name="outcomeDays"/> days.
    /// </summary>
    /// <param name="knowledge">Which knowledge.</param>
    /// <param name="eligibilityDays">Look-back of B30, in days.</param>
    /// <param name="historyDays">Days of history before T0 (the window of R).</param>
    /// <param name="outcomeDays">Days of the outcome window (of M and Y).</param>
    /// <returns>Null for <see cref="TierKnowledge.None"/>.</returns>
    public static BackgroundKnowledge? Knowledge(TierKnowledge knowledge, int eligibilityDays, int historyDays, int outcomeDays)
    {
        if (knowledge == TierKnowledge.None)
        {
            return null;
        }

        var tiers = knowledge == TierKnowledge.FullOrder
            ? TemporalTiers.ForUnitTable(Columns, "T", "Y", ["M"])
            : TemporalTiers.FromWindows(
            [
                ("B30", -eligibilityDays, 0), ("V7", -7, 0), ("R", -historyDays, 0), ("T", 0, 0), ("M", 0, outcomeDays), ("Y", 0, outcomeDays),
            ]);
        return new BackgroundKnowledge([], [], tiers);
    }

    /// <summary>The study table of a simulated world as discovery data over <see cref="Columns"/> (raw values).</summary>
    /// <param name="table">The world's per-user table.</param>
    /// <returns>The six columns.</returns>
    public static DiscoveryData DiscoveryTable(MediationUserTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new DiscoveryData(Columns, [table.BuysLookBack, table.Views7, table.RecencyDays, table.Treated, table.Mediator, table.Outcome]);
    }

    /// <summary>Runs <paramref name="algorithm"/> with <paramref name="knowledge"/> (null for none) on <paramref name="data"/>.</summary>
    /// <param name="algorithm">PC (Fisher-z, α = 0.01) or GES (penalty 1).</param>
    /// <param name="data">The table.</param>
    /// <param name="knowledge">Background knowledge, or null.</param>
    /// <returns>The discovered graph.</returns>
    public static DiscoveredGraph Discover(DiscoveryAlgorithm algorithm, DiscoveryData data, BackgroundKnowledge? knowledge) => algorithm switch
    {
        DiscoveryAlgorithm.PcFisherZ => PcAlgorithm.Fit(data, new PcOptions(Knowledge: knowledge)),
        DiscoveryAlgorithm.Ges => Ges.Fit(data, 1, knowledge),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Valid algorithms: PcFisherZ, Ges."),
    };

    private static MediationStudyWorld RunWorld(MediationStudyOptions options, int index, string root, CancellationToken cancellationToken)
    {
        int seed = options.Seed + index;
        var dir = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"world-{index:D4}-seed-{seed}"));
        try
        {
            var sim = new ShopSimOptions { Users = options.Users, Seed = seed, Mediator = options.Mediator, Targeting = options.Targeting, MaxDegreeOfParallelism = options.SimulationThreads };
            new ShopSimulator(sim).Run(dir, null, cancellationToken);
            var table = MediationUserTable.Load(dir);
            var x = Matrix.FromColumns([table.BuysLookBack, [.. table.Views7.Select(v => Math.Log(1 + v))], table.RecencyDays], table.Count);
            var data = new EffectData(table.Outcome, table.Treated, x, ["B30", "log1p_V7", "R"]);
            var mediator = Matrix.FromColumns([table.Mediator], table.Count);
            int[] rows = [.. Enumerable.Range(0, table.Count)];
            if (options.TrimPropensity is { } trim)
            {
                var propensity = new double[table.Count];
                new LogisticRegression(new LogisticRegressionOptions(1e-4)).Fit(x, table.Treated).PredictProbability(x, propensity);
                rows = [.. rows.Where(i => propensity[i] >= trim && propensity[i] <= 1 - trim)];
                data = data.Subset(rows);
                mediator = mediator.SelectRows(rows);
            }

            // The truths over the analysed users, from their potential outcomes (with no trimming, exactly truth.json's).
            double Mean(double[] column) => rows.Average(i => column[i]);
            double y00 = Mean(table.Y00), y10 = Mean(table.Y10), y11 = Mean(table.Y11);
            var result = MediationAnalysis.Estimate(data, mediator, ["saved_cart"], new MediationOptions(Folds: options.Folds, Seed: seed));
            var estimates = new List<MediationStudyEstimate>
            {
                Compare(MediationQuantity.TotalEffect, result.TotalEffect, y11 - y00),
                Compare(MediationQuantity.DirectEffect, result.DirectEffect, y10 - y00),
                Compare(MediationQuantity.IndirectEffect, result.IndirectEffect, y11 - y10),
            };
            if (result.ProportionMediated is { } share)
            {
                estimates.Add(Compare(MediationQuantity.ProportionMediated, share, (y11 - y10) / (y11 - y00)));
            }

            var scores = new List<DiscoveryScore>();
            if (options.Discovery)
            {
                var d = DiscoveryTable(table);
                foreach (var algorithm in new[] { DiscoveryAlgorithm.PcFisherZ, DiscoveryAlgorithm.Ges })
                {
                    foreach (var knowledge in new[] { TierKnowledge.None, TierKnowledge.Windows, TierKnowledge.FullOrder })
                    {
                        var g = Discover(algorithm, d, Knowledge(knowledge, sim.EligibilityDays, sim.HistoryDays, sim.OutcomeDays));
                        var (shd, precision, recall) = Score(g);
                        scores.Add(new DiscoveryScore(algorithm, knowledge, shd, precision, recall, string.Join("; ", g.Edges.Select(e => e.ToString()))));
                    }
                }
            }

            return new MediationStudyWorld(index, seed, data.Count, data.NTreated, estimates, scores);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static MediationStudyEstimate Compare(MediationQuantity quantity, MediationEffect e, double truth) =>
        new(quantity, truth, e.Estimate, e.StdError, e.CiLower, e.CiUpper, e.Covers(truth));

    // Pair (a, b), a < b, in Columns order → 0 none, 1 a → b, 2 b → a, 3 a — b, 4 a ↔ b.
    private static Dictionary<(int, int), int> States(IEnumerable<GraphEdge> edges)
    {
        var states = new Dictionary<(int, int), int>();
        foreach (var e in edges)
        {
            int a = Index(e.From), b = Index(e.To);
            var key = a < b ? (a, b) : (b, a);
            states[key] = e.Kind switch
            {
                EdgeKind.Undirected => 3,
                EdgeKind.Bidirected => 4,
                _ => a < b ? 1 : 2,
            };
        }

        return states;
    }

    private static int Index(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"Column '{column}' is not one of the study table's columns ({string.Join(", ", Columns)}).", nameof(column));
    }

    private static IReadOnlyList<MediationStudySummary> SummariseMediation(IReadOnlyList<MediationStudyWorld> worlds)
    {
        var summaries = new List<MediationStudySummary>();
        foreach (var quantity in Enum.GetValues<MediationQuantity>())
        {
            var rows = worlds.SelectMany(w => w.Estimates).Where(e => e.Quantity == quantity).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            int covered = rows.Count(r => r.Covered);
            var (lower, upper) = CoverageStatistics.WilsonInterval(covered, rows.Count);
            summaries.Add(new MediationStudySummary(
                quantity,
                rows.Count,
                covered,
                (double)covered / rows.Count,
                lower,
                upper,
                rows.Average(r => r.Truth),
                rows.Average(r => r.Estimate),
                rows.Average(r => r.Estimate - r.Truth),
                rows.Average(r => r.StdError),
                CoverageStatistics.SampleStandardDeviation([.. rows.Select(r => r.Estimate - r.Truth)])));
        }

        return summaries;
    }

    private static IReadOnlyList<DiscoverySummary> SummariseDiscovery(IReadOnlyList<MediationStudyWorld> worlds) =>
        [.. worlds.SelectMany(w => w.Discovery)
            .GroupBy(s => (s.Algorithm, s.Knowledge))
            .Select(g => new DiscoverySummary(
                g.Key.Algorithm,
                g.Key.Knowledge,
                g.Count(),
                g.Average(s => s.Shd),
                g.Min(s => s.Shd),
                g.Max(s => s.Shd),
                g.Average(s => s.SkeletonPrecision),
                g.Average(s => s.SkeletonRecall)))];

    private static string Describe(MediationStudyWorld world)
    {
        string Of(MediationQuantity q) =>
            world.Estimates.FirstOrDefault(e => e.Quantity == q) is { } e
                ? string.Create(CultureInfo.InvariantCulture, $"{q} {e.Estimate:F4} [{e.CiLower:F4}, {e.CiUpper:F4}] truth {e.Truth:F4}{(e.Covered ? "" : " MISSED")}")
                : $"{q} not estimated";
        return $"world {world.Index} (seed {world.Seed}): {Of(MediationQuantity.DirectEffect)}; {Of(MediationQuantity.IndirectEffect)}; {Of(MediationQuantity.ProportionMediated)}";
    }
}
