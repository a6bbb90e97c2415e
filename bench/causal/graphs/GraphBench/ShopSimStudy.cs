using System.Diagnostics;
using System.Globalization;
using CausalCart.Core.Progress;
using CausalCart.Pipeline.Validation;
using CausalCart.Simulation;

/// <summary>Prints the mediation-coverage and temporal-tier tables of <see cref="MediationStudyService"/> as Markdown.</summary>
internal static class ShopSimStudy
{
    public static void Run(int worlds, int users, int seed, double propensityFloor, double? trim)
    {
        var clock = Stopwatch.StartNew();
        var result = MediationStudyService.Run(
            new MediationStudyOptions { Worlds = worlds, Users = users, Seed = seed, Targeting = new TargetingOptions { PropensityFloor = propensityFloor }, TrimPropensity = trim },
            new Progress(clock));
        Console.WriteLine($"## ShopSim with the saved-cart mediator: {worlds} worlds × {users:N0} users, seeds {seed}–{seed + worlds - 1}, policy clip [{propensityFloor}, {1 - propensityFloor}], {(trim is { } e ? $"analysis trimmed to fitted propensity in [{e}, {1 - e}]" : "no trimming")}");
        Console.WriteLine();
        Console.WriteLine($"Mean users analysed per world {result.PerWorld.Average(w => w.Units):N0}, treated {result.PerWorld.Average(w => w.Treated):N0}.");
        Console.WriteLine();
        Console.WriteLine("| quantity (any buy in 7 days) | worlds | covered | coverage (Wilson 95%) | mean truth | mean estimate | mean bias | mean SE | SD of error |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var s in result.Mediation)
        {
            Console.WriteLine($"| {s.Quantity} | {s.Worlds} | {s.Covered} | {s.Coverage:P0} ({s.CoverageLower:F2}–{s.CoverageUpper:F2}) | {s.MeanTruth:F4} | {s.MeanEstimate:F4} | {s.MeanBias:+0.0000;-0.0000} | {s.MeanStdError:F4} | {s.ErrorSd:F4} |");
        }

        Console.WriteLine();
        Console.WriteLine("True graph: " + string.Join("; ", result.TrueGraph) + " (pairs among B30, V7, R not scored).");
        Console.WriteLine();
        Console.WriteLine("| algorithm | knowledge | worlds | mean SHD | min–max SHD | skeleton precision | skeleton recall |");
        Console.WriteLine("|---|---|---:|---:|---|---:|---:|");
        foreach (var s in result.Discovery)
        {
            Console.WriteLine($"| {s.Algorithm} | {s.Knowledge} | {s.Worlds} | {s.MeanShd:F2} | {s.MinShd}–{s.MaxShd} | {s.MeanSkeletonPrecision:F2} | {s.MeanSkeletonRecall:F2} |");
        }

        Console.WriteLine();
        foreach (var algorithm in Enum.GetValues<DiscoveryAlgorithm>())
        {
            int lower = 0, equal = 0, higher = 0;
            foreach (var w in result.PerWorld)
            {
                int none = w.Discovery.Single(d => d.Algorithm == algorithm && d.Knowledge == TierKnowledge.None).Shd;
                int tiered = w.Discovery.Single(d => d.Algorithm == algorithm && d.Knowledge == TierKnowledge.Windows).Shd;
                (lower, equal, higher) = tiered < none ? (lower + 1, equal, higher) : tiered == none ? (lower, equal + 1, higher) : (lower, equal, higher + 1);
            }

            Console.WriteLine($"- {algorithm}: window tiers lower the SHD in {lower} worlds, leave it equal in {equal}, raise it in {higher}.");
        }

        var first = result.PerWorld[0];
        Console.WriteLine();
        Console.WriteLine($"Edges found in world 0 (seed {first.Seed}):");
        foreach (var d in first.Discovery)
        {
            Console.WriteLine($"- {d.Algorithm}, {d.Knowledge} (SHD {d.Shd}): {d.Edges}");
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wall time {clock.Elapsed.TotalSeconds:F0} s."));
    }

    private sealed class Progress(Stopwatch clock) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) =>
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F0} s] {value.Stage}"));
    }
}
