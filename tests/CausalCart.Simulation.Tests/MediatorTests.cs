namespace CausalCart.Simulation.Tests;

/// <summary>The optional saved-cart mediator (<see cref="MediatorOptions"/>): off by default, deterministic, and its truths consistent with the log.</summary>
public sealed class MediatorTests
{
    private static readonly string[] LogFiles =
        [ShopSimFiles.Events, ShopSimFiles.Exposures, ShopSimFiles.Items, ShopSimFiles.Users, ShopSimFiles.TruthUsers];

    [Fact]
    public void The_mediator_is_off_by_default_and_then_writes_no_mediation_file_or_truth()
    {
        Assert.Null(new ShopSimOptions().Mediator);
        using var dir = new TempDirectory();
        var summary = new ShopSimulator(new ShopSimOptions { Users = 800, Seed = 5 }).Run(dir.Path);
        Assert.False(File.Exists(dir.File(ShopSimFiles.MediationUsers)));
        Assert.DoesNotContain("mediation", File.ReadAllText(dir.File(ShopSimFiles.Truth)), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mediator", File.ReadAllText(dir.File(ShopSimFiles.Summary)), StringComparison.OrdinalIgnoreCase);
        Assert.Null(SimulationTruth.Load(dir.Path).Mediation);
        Assert.DoesNotContain(summary.Files, f => f.Name == ShopSimFiles.MediationUsers);
    }

    [Fact]
    public void A_mediator_without_effect_on_buying_leaves_every_log_and_truth_byte_identical()
    {
        // The mediator draws from a stream of its own and only re-labels window checkouts, so with BuyLift = 0 the
        // world must be exactly the world without it: this pins the hook in the engine.
        using var off = new TempDirectory();
        using var on = new TempDirectory();
        var options = new ShopSimOptions { Users = 2_000, Seed = 11 };
        new ShopSimulator(options).Run(off.Path);
        new ShopSimulator(options with { Mediator = new MediatorOptions { BuyLift = 0 } }).Run(on.Path);
        foreach (var name in LogFiles)
        {
            Assert.True(File.ReadAllBytes(off.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(on.File(name))), $"{name} differs");
        }

        var a = SimulationTruth.Load(off.Path);
        var b = SimulationTruth.Load(on.Path);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a.Outcomes), System.Text.Json.JsonSerializer.Serialize(b.Outcomes));
        var any = b.Mediation!.Outcome("any_buy");
        Assert.Equal(0, any.IndirectEffect);
        Assert.Equal(a.Outcome("any_buy").Ate, any.DirectEffect, 12);
    }

    [Fact]
    public void Same_options_give_byte_identical_files_whatever_the_threads_and_block_size()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var options = new ShopSimOptions { Users = 2_000, Seed = 3, Mediator = new MediatorOptions() };
        new ShopSimulator(options with { MaxDegreeOfParallelism = 1, BlockSize = 512 }).Run(a.Path);
        new ShopSimulator(options with { MaxDegreeOfParallelism = 4, BlockSize = 100_000 }).Run(b.Path);
        foreach (var name in LogFiles.Append(ShopSimFiles.Truth).Append(ShopSimFiles.MediationUsers))
        {
            Assert.True(File.ReadAllBytes(a.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(name))), $"{name} differs");
        }
    }

    [Fact]
    public void Mediation_truths_add_up_and_agree_with_the_per_user_file_and_the_log()
    {
        using var dir = new TempDirectory();
        var options = new ShopSimOptions { Users = 6_000, Seed = 9, Mediator = new MediatorOptions() };
        var summary = new ShopSimulator(options).Run(dir.Path);
        var truth = SimulationTruth.Load(dir.Path);
        var mediation = truth.Mediation!;
        var table = MediationUserTable.Load(dir.Path);
        Assert.Equal(summary.EligibleUsers, table.Count);
        Assert.Contains(summary.Files, f => f.Name == ShopSimFiles.MediationUsers && f.Rows == table.Count);

        foreach (var name in new[] { "any_buy", "buy_count", "revenue" })
        {
            var m = mediation.Outcome(name);
            Assert.Equal(truth.Outcome(name).Ate, m.TotalEffect, 9);
            Assert.Equal(m.TotalEffect, m.DirectEffect + m.IndirectEffect, 9);
            Assert.Equal(m.MeanY11 - m.MeanY00, m.TotalEffect, 9);
        }

        // The file's potential outcomes are the truth's, its observed columns follow the arm, and T = 1 and M raise buying.
        var any = mediation.Outcome("any_buy");
        Assert.Equal(any.MeanY00, table.Y00.Average(), 12);
        Assert.Equal(any.MeanY10, table.Y10.Average(), 12);
        Assert.Equal(any.MeanY11, table.Y11.Average(), 12);
        Assert.Equal(mediation.MeanM0, table.M0.Average(), 12);
        Assert.Equal(mediation.MeanM1, table.M1.Average(), 12);
        Assert.True(any.IndirectEffect > 0.005 && any.DirectEffect > 0.005, $"NIE {any.IndirectEffect}, NDE {any.DirectEffect}");
        Assert.InRange(mediation.MeanM0, 0.17, 0.23); // logistic(−1.4) = 0.198
        Assert.InRange(mediation.MeanM1, 0.67, 0.73); // logistic(0.85) = 0.70
        var (_, truthUsers) = Csv.Read(dir.File(ShopSimFiles.TruthUsers));
        for (var i = 0; i < table.Count; i++)
        {
            var t = table.Treated[i] == 1;
            Assert.Equal(t ? table.M1[i] : table.M0[i], table.Mediator[i]);
            Assert.Equal(t ? table.Y11[i] : table.Y00[i], table.Outcome[i]);
            Assert.True(table.M1[i] >= table.M0[i], $"user {table.UserIds[i]}: M(1) < M(0) with a positive lift");
            Assert.Equal(Csv.L(truthUsers[i][0]), table.UserIds[i]);
            Assert.Equal(Csv.D(truthUsers[i][4]), table.Y00[i]);
            Assert.Equal(Csv.D(truthUsers[i][5]), table.Y11[i]);
        }

        // The log shows a buy in the window exactly for the users whose observed outcome is 1.
        long t0 = options.TimeZero.ToUnixTimeMilliseconds(), end = t0 + (options.OutcomeDays * 86_400_000L);
        var buyers = new HashSet<long>();
        var (_, events) = Csv.Read(dir.File(ShopSimFiles.Events));
        foreach (var e in events)
        {
            long ts = Csv.L(e[4]);
            if (e[3] == "buy" && ts >= t0 && ts < end)
            {
                buyers.Add(Csv.L(e[0]));
            }
        }

        for (var i = 0; i < table.Count; i++)
        {
            Assert.Equal(table.Outcome[i] == 1, buyers.Contains(table.UserIds[i]));
        }
    }

    [Fact]
    public void A_non_finite_mediator_option_is_rejected_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShopSimulator(new ShopSimOptions { Mediator = new MediatorOptions { BuyLift = double.NaN } }));
        Assert.Equal("Mediator.BuyLift", ex.ParamName);
    }

    [Fact]
    public void Loading_the_table_of_a_world_without_a_mediator_says_how_to_get_one()
    {
        using var dir = new TempDirectory();
        new ShopSimulator(new ShopSimOptions { Users = 300 }).Run(dir.Path);
        var ex = Assert.Throws<FileNotFoundException>(() => MediationUserTable.Load(dir.Path));
        Assert.Contains("--mediator cart", ex.Message, StringComparison.Ordinal);
    }
}
