namespace CausalCart.Simulation.Tests;

/// <summary>The staggered free-shipping rollout (<see cref="RolloutOptions"/>): off by default, its panel rests on the event log, its truth is exact.</summary>
public sealed class RolloutTests
{
    private static readonly string[] LogFiles =
        [ShopSimFiles.Events, ShopSimFiles.Items, ShopSimFiles.Users, ShopSimFiles.TruthUsers];

    private static readonly ShopSimOptions Small = new() { Users = 3_000, Seed = 7, Rollout = new RolloutOptions() };

    [Fact]
    public void The_rollout_is_off_by_default_and_then_writes_no_panel_or_truth()
    {
        Assert.Null(new ShopSimOptions().Rollout);
        using var dir = new TempDirectory();
        var summary = new ShopSimulator(new ShopSimOptions { Users = 600, Seed = 5 }).Run(dir.Path);
        Assert.False(File.Exists(dir.File(ShopSimFiles.RolloutPanel)));
        Assert.False(File.Exists(dir.File(ShopSimFiles.TruthRollout)));
        Assert.DoesNotContain("rollout", File.ReadAllText(dir.File(ShopSimFiles.Truth)), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("rollout", File.ReadAllText(dir.File(ShopSimFiles.Summary)), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("free_shipping", File.ReadAllText(dir.File(ShopSimFiles.Exposures)), StringComparison.Ordinal);
        Assert.Null(SimulationTruth.Load(dir.Path).Rollout);
        Assert.Equal(2, summary.ExposuresByCampaign.Count);
    }

    [Fact]
    public void A_rollout_without_effect_leaves_every_log_byte_identical_and_only_adds_its_exposure_rows()
    {
        // The rollout moves checkout thresholds and draws nothing, so with zero lifts the world must be exactly the world
        // without it: this pins the hook in the engine and shows the default is untouched.
        using var off = new TempDirectory();
        using var on = new TempDirectory();
        var options = new ShopSimOptions { Users = 2_000, Seed = 11 };
        var zero = new RolloutOptions { Cohorts = [new("north", 3, 0, 0), new("east", 5, 0, 0)] };
        new ShopSimulator(options).Run(off.Path);
        var summary = new ShopSimulator(options with { Rollout = zero }).Run(on.Path);
        foreach (var name in LogFiles)
        {
            Assert.True(File.ReadAllBytes(off.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(on.File(name))), $"{name} differs");
        }

        var withoutRollout = File.ReadAllLines(on.File(ShopSimFiles.Exposures)).Where(l => !l.Contains(",free_shipping_rollout,", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllLines(off.File(ShopSimFiles.Exposures)), withoutRollout);
        var truth = SimulationTruth.Load(on.Path);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(SimulationTruth.Load(off.Path).Outcomes), System.Text.Json.JsonSerializer.Serialize(truth.Outcomes));
        Assert.All(truth.Rollout!.GroupTime, c => Assert.Equal(0, c.Att));
        // Every user of a cohort region gets the exposure, whether or not in the panel (signed up before it).
        var regionUsers = Csv.Read(on.File(ShopSimFiles.Users)).Rows.Count(r => r[2] is "north" or "east");
        Assert.Equal(regionUsers, summary.ExposuresByCampaign["free_shipping_rollout"]);
        Assert.True(truth.Rollout.Cohorts.Sum(c => c.Users) < regionUsers);
    }

    [Fact]
    public void The_panel_equals_the_weekly_buys_of_the_event_log_with_cohorts_from_the_exposures()
    {
        using var dir = new TempDirectory();
        var summary = new ShopSimulator(Small).Run(dir.Path);
        var origin = Small.Origin.ToUnixTimeMilliseconds();
        const long week = 7 * 86_400_000L;
        var weeks = RolloutOptions.PanelWeeks(Small.HistoryDays);

        // Aggregate the log: buy events per user and week; regions from users.csv; first week from the rollout's exposure rows.
        var buys = new Dictionary<(long User, int Week), long>();
        foreach (var row in Csv.Read(dir.File(ShopSimFiles.Events)).Rows.Where(r => r[3] == "buy"))
        {
            var w = (int)((Csv.L(row[4]) - origin) / week) + 1;
            if (w <= weeks)
            {
                var key = (Csv.L(row[0]), w);
                buys[key] = buys.GetValueOrDefault(key) + 1;
            }
        }

        var users = Csv.Read(dir.File(ShopSimFiles.Users)).Rows;
        var region = users.ToDictionary(r => Csv.L(r[0]), r => r[2]);

        // The panel holds the users who signed up before its first week (the origin).
        var originDate = DateOnly.FromDateTime(Small.Origin.UtcDateTime);
        var panelUsers = users.Where(r => DateOnly.ParseExact(r[3], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) < originDate).Select(r => Csv.L(r[0])).ToList();
        Assert.InRange(panelUsers.Count, 0.8 * Small.Users, 0.95 * Small.Users);
        var firstWeek = new Dictionary<long, int>();
        foreach (var row in Csv.Read(dir.File(ShopSimFiles.Exposures)).Rows.Where(r => r[2] == "free_shipping_rollout"))
        {
            Assert.Equal(ShopSimFiles.RolloutArm, row[3]);
            Assert.Equal("1", row[5]);
            firstWeek.Add(Csv.L(row[0]), (int)((Csv.L(row[1]) - origin) / week) + 1);
        }

        var (header, panel) = Csv.Read(dir.File(ShopSimFiles.RolloutPanel));
        Assert.Equal(ShopSimFiles.RolloutPanelHeader, string.Join(',', header));
        Assert.Equal(panelUsers.Count * weeks, panel.Count);
        Assert.Equal(panelUsers.Count * weeks, summary.Files.Single(f => f.Name == ShopSimFiles.RolloutPanel).Rows);
        var index = 0;
        foreach (var user in panelUsers)
        {
            for (var w = 1; w <= weeks; w++, index++)
            {
                var row = panel[index];
                Assert.Equal(user, Csv.L(row[0]));
                Assert.Equal(region[user], row[1]);
                Assert.Equal(w, (int)Csv.L(row[2]));
                Assert.Equal(firstWeek.GetValueOrDefault(user), (int)Csv.L(row[3]));
                Assert.Equal(buys.GetValueOrDefault((user, w)), Csv.L(row[4]));
            }
        }

        // Every user of a cohort region, and no one else, has the exposure at the region's adoption.
        var cohortOf = Small.Rollout!.Cohorts.ToDictionary(c => c.Region, c => c.FirstWeek);
        Assert.All(region, kv => Assert.Equal(cohortOf.GetValueOrDefault(kv.Value), firstWeek.GetValueOrDefault(kv.Key)));
    }

    [Fact]
    public void The_truth_is_exact_zero_before_adoption_grows_after_and_agrees_with_the_per_user_file()
    {
        using var dir = new TempDirectory();
        new ShopSimulator(Small).Run(dir.Path);
        var truth = SimulationTruth.Load(dir.Path).Rollout!;
        var rows = Csv.Read(dir.File(ShopSimFiles.TruthRollout)).Rows;
        var panel = Csv.Read(dir.File(ShopSimFiles.RolloutPanel)).Rows;
        Assert.Equal(panel.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (y0, y1, g, w) = (Csv.L(rows[i][3]), Csv.L(rows[i][4]), Csv.L(rows[i][2]), Csv.L(rows[i][1]));
            Assert.Equal(Csv.L(panel[i][4]), y1); // y1 is what was logged
            Assert.True(y1 >= y0, $"row {i}: the rollout only raises buying");
            if (g == 0 || w < g)
            {
                Assert.Equal(y0, y1);
            }
        }

        foreach (var cell in truth.GroupTime)
        {
            var cellRows = rows.Where(r => Csv.L(r[2]) == cell.FirstWeek && Csv.L(r[1]) == cell.Week).ToList();
            Assert.Equal(cell.Users, cellRows.Count);
            Assert.Equal(cellRows.Sum(r => Csv.L(r[4]) - Csv.L(r[3])) / (double)cell.Users, cell.Att, 12);
            if (cell.EventTime < 0)
            {
                Assert.Equal(0, cell.Att);
            }
        }

        Assert.Equal(3, truth.Cohorts.Count);
        Assert.Equal(panel.Count / truth.Weeks, truth.Cohorts.Sum(c => c.Users) + truth.NeverTreatedUsers);
        Assert.True(truth.EventTimeAtt(5) > truth.EventTimeAtt(0) + 0.05, "the effect grows with time since adoption");
        Assert.True(truth.EventTimeAtt(0) > 0);
        var post = truth.GroupTime.Where(c => c.EventTime >= 0).ToList();
        Assert.Equal(post.Sum(c => c.Att * c.Users) / post.Sum(c => (double)c.Users), truth.SimpleAtt, 12);
    }

    [Fact]
    public void With_the_rollout_the_coupon_truth_still_matches_the_log_in_its_window()
    {
        // After T0 the rollout is part of both coupon arms, so each eligible user's logged window buys are Y(T) of the coupon.
        using var dir = new TempDirectory();
        new ShopSimulator(Small).Run(dir.Path);
        var t0 = Small.TimeZero.ToUnixTimeMilliseconds();
        var end = t0 + Small.OutcomeDays * 86_400_000L;
        var windowBuys = Csv.Read(dir.File(ShopSimFiles.Events)).Rows
            .Where(r => r[3] == "buy" && Csv.L(r[4]) >= t0 && Csv.L(r[4]) < end)
            .GroupBy(r => Csv.L(r[0]))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        var users = Csv.Read(dir.File(ShopSimFiles.TruthUsers)).Rows;
        Assert.NotEmpty(users);
        foreach (var r in users)
        {
            Assert.Equal(r[1] == "1" ? Csv.L(r[7]) : Csv.L(r[6]), windowBuys.GetValueOrDefault(Csv.L(r[0])));
            Assert.True(Csv.L(r[7]) >= Csv.L(r[6]));
        }
    }

    [Fact]
    public void Same_options_give_byte_identical_rollout_files_whatever_the_threads_and_block_size()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var options = Small with { Users = 1_500 };
        new ShopSimulator(options with { MaxDegreeOfParallelism = 1, BlockSize = 512 }).Run(a.Path);
        new ShopSimulator(options with { MaxDegreeOfParallelism = 4, BlockSize = 100_000 }).Run(b.Path);
        foreach (var name in new[] { ShopSimFiles.RolloutPanel, ShopSimFiles.TruthRollout, ShopSimFiles.Truth, ShopSimFiles.Exposures })
        {
            Assert.True(File.ReadAllBytes(a.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(name))), $"{name} differs");
        }
    }

    [Theory]
    [InlineData("nowhere", 3, "region 'nowhere'")]
    [InlineData("north", 1, "week 1")]
    [InlineData("north", 9, "week 9")]
    public void Bad_cohorts_are_refused_naming_the_problem(string region, int week, string expected)
    {
        var options = new ShopSimOptions { Rollout = new RolloutOptions { Cohorts = [new(region, week, 0.2, 0.1)] } };
        var e = Assert.Throws<ArgumentException>(() => new ShopSimulator(options));
        Assert.Equal("Rollout.Cohorts", e.ParamName);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rollout_that_leaves_no_region_untreated_or_too_short_a_history_is_refused()
    {
        var all = new RolloutOptions { Cohorts = [.. new[] { "north", "south", "east", "west", "central" }.Select((r, i) => new RegionRollout(r, 2 + i, 0.1, 0.1))] };
        Assert.Contains("never treated", Assert.Throws<ArgumentException>(() => new ShopSimulator(new ShopSimOptions { HistoryDays = 60, Rollout = all })).Message, StringComparison.Ordinal);
        var shortHistory = new ShopSimOptions { HistoryDays = 13, EligibilityDays = 7, Rollout = new RolloutOptions() };
        Assert.Equal("HistoryDays", Assert.Throws<ArgumentException>(() => new ShopSimulator(shortHistory)).ParamName);
    }
}
