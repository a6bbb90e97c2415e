namespace CausalCart.Simulation.Tests;

public sealed class RunTests
{
    private static readonly string[] DeterministicFiles =
        [ShopSimFiles.Events, ShopSimFiles.Exposures, ShopSimFiles.Items, ShopSimFiles.Users, ShopSimFiles.TruthUsers, ShopSimFiles.Truth];

    [Fact]
    public void Same_seed_gives_byte_identical_files_whatever_the_threads_and_block_size()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var options = new ShopSimOptions { Users = 3_000, Seed = 42 };
        var summaryA = new ShopSimulator(options with { MaxDegreeOfParallelism = 1, BlockSize = 512 }).Run(a.Path);
        var summaryB = new ShopSimulator(options with { MaxDegreeOfParallelism = 4, BlockSize = 100_000 }).Run(b.Path);
        foreach (var name in DeterministicFiles)
        {
            Assert.True(File.ReadAllBytes(a.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(name))), $"{name} differs");
        }

        // summary.json differs only in the elapsed time.
        Assert.Equal(WithoutElapsed(a.File(ShopSimFiles.Summary)), WithoutElapsed(b.File(ShopSimFiles.Summary)));
        Assert.Equal(summaryA.Events, summaryB.Events);
        Assert.True(summaryA.Events > 100_000);
    }

    [Fact]
    public void Different_seeds_give_different_worlds()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        new ShopSimulator(new ShopSimOptions { Users = 500, Seed = 1 }).Run(a.Path);
        new ShopSimulator(new ShopSimOptions { Users = 500, Seed = 2 }).Run(b.Path);
        foreach (var name in new[] { ShopSimFiles.Events, ShopSimFiles.Items, ShopSimFiles.Users, ShopSimFiles.Exposures })
        {
            Assert.False(File.ReadAllBytes(a.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(name))), $"{name} is the same");
        }
    }

    [Fact]
    public void Progress_is_reported_after_every_block_and_ends_at_the_totals()
    {
        using var dir = new TempDirectory();
        var progress = new RecordingProgress();
        var summary = new ShopSimulator(new ShopSimOptions { Users = 2_000, BlockSize = 512 }).Run(dir.Path, progress);
        Assert.Equal([512L, 1024L, 1536L, 2000L], progress.Reports.Select(r => r.UsersDone));
        Assert.All(progress.Reports, r => Assert.Equal(2_000, r.UsersTotal));
        Assert.Equal(summary.Events, progress.Reports[^1].EventsWritten);
        Assert.Equal(1.0, progress.Reports[^1].Fraction);
        Assert.True(progress.Reports.Zip(progress.Reports.Skip(1)).All(p => p.Second.EventsWritten > p.First.EventsWritten));
    }

    [Fact]
    public void A_cancelled_run_throws_OperationCanceledException()
    {
        using var dir = new TempDirectory();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var simulator = new ShopSimulator(new ShopSimOptions { Users = 1_000 });
        Assert.ThrowsAny<OperationCanceledException>(() => simulator.Run(dir.Path, cancellationToken: cts.Token));
    }

    [Fact]
    public void LogControls_adds_a_control_row_with_the_probability_of_the_control_arm()
    {
        using var dir = new TempDirectory();
        var summary = new ShopSimulator(new ShopSimOptions { Users = 1_500, LogControls = true }).Run(dir.Path);
        var (_, truthRows) = Csv.Read(dir.File(ShopSimFiles.TruthUsers));
        var truth = truthRows.ToDictionary(r => Csv.L(r[0]), r => (Treated: r[1] == "1", Propensity: Csv.D(r[2])));
        var (_, exposures) = Csv.Read(dir.File(ShopSimFiles.Exposures));
        var coupons = exposures.Where(r => r[2] == "winter_coupon").ToList();
        Assert.Equal(summary.EligibleUsers, coupons.Count);
        Assert.Equal(summary.EligibleUsers, summary.ExposuresByCampaign["winter_coupon"]);
        foreach (var row in coupons)
        {
            var user = truth[Csv.L(row[0])];
            Assert.Equal(user.Treated ? "coupon" : "control", row[3]);
            Assert.Equal(user.Treated ? user.Propensity : 1 - user.Propensity, Csv.D(row[5]));
        }

        Assert.Contains(coupons, r => r[3] == "control");
    }

    [Fact]
    public void A_tiny_world_with_one_category_and_few_users_runs()
    {
        using var dir = new TempDirectory();
        var summary = new ShopSimulator(new ShopSimOptions { Users = 3, Categories = 1, Items = 1, HistoryDays = 1, EligibilityDays = 1, FollowUpDays = 7 }).Run(dir.Path);
        Assert.Equal(3, summary.Users);
        Assert.Equal(1, summary.Items);
        Assert.Equal(summary.Events, Csv.CountDataLines(dir.File(ShopSimFiles.Events)));
    }

    private static string WithoutElapsed(string path) =>
        string.Join('\n', File.ReadAllLines(path).Where(l => !l.Contains("\"elapsedSeconds\"", StringComparison.Ordinal)));

    private sealed class RecordingProgress : IProgress<SimulationProgress>
    {
        public List<SimulationProgress> Reports { get; } = [];

        public void Report(SimulationProgress value) => Reports.Add(value);
    }
}
