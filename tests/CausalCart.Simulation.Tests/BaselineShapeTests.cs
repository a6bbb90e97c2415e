namespace CausalCart.Simulation.Tests;

/// <summary>
/// The rule-based baseline (lapsing users buy less after T0 unless they get the coupon): it leaves the default world and
/// the history untouched, changes exactly the lapsing users' untreated outcomes, and is deterministic.
/// </summary>
public sealed class BaselineShapeTests
{
    private const long DayMs = 86_400_000L;

    private static readonly string[] DeterministicFiles =
        [ShopSimFiles.Events, ShopSimFiles.Exposures, ShopSimFiles.Items, ShopSimFiles.Users, ShopSimFiles.TruthUsers, ShopSimFiles.Truth];

    [Fact]
    public void A_linear_baseline_ignores_its_shift_and_gives_the_default_world_byte_for_byte()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var options = new ShopSimOptions { Users = 1_500, Seed = 5 };
        new ShopSimulator(options).Run(a.Path);
        new ShopSimulator(options with { Baseline = new BaselineOptions { Shape = BaselineShape.Linear, LapsingShift = -7 } }).Run(b.Path);
        foreach (var name in DeterministicFiles)
        {
            Assert.True(File.ReadAllBytes(a.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(name))), $"{name} differs");
        }
    }

    [Fact]
    public void Rules_baseline_is_byte_identical_whatever_the_threads_and_block_size()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var options = new ShopSimOptions { Users = 2_000, Seed = 9, Baseline = new BaselineOptions { Shape = BaselineShape.Rules } };
        new ShopSimulator(options with { MaxDegreeOfParallelism = 1, BlockSize = 300 }).Run(a.Path);
        new ShopSimulator(options with { MaxDegreeOfParallelism = 3, BlockSize = 100_000 }).Run(b.Path);
        foreach (var name in DeterministicFiles)
        {
            Assert.True(File.ReadAllBytes(a.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(name))), $"{name} differs");
        }
    }

    [Fact]
    public void Rules_baseline_lowers_only_the_lapsing_users_untreated_outcomes_and_keeps_history_and_treated_outcomes()
    {
        using var linear = new TempDirectory();
        using var rules = new TempDirectory();
        var options = new ShopSimOptions { Users = 3_000, Seed = 7, Targeting = new TargetingOptions { Shape = TargetingShape.Rules } };
        new ShopSimulator(options).Run(linear.Path);
        new ShopSimulator(options with { Baseline = new BaselineOptions { Shape = BaselineShape.Rules } }).Run(rules.Path);
        long t0 = options.TimeZero.ToUnixTimeMilliseconds();

        // The history before T0, and so eligibility and the policy, is the same line for line.
        var before = EventsBefore(linear.File(ShopSimFiles.Events), t0);
        Assert.Equal(before, EventsBefore(rules.File(ShopSimFiles.Events), t0));
        Assert.Equal(File.ReadAllText(linear.File(ShopSimFiles.Exposures)).Split('\n').Where(l => l.Contains(",winter_coupon,", StringComparison.Ordinal)),
            File.ReadAllText(rules.File(ShopSimFiles.Exposures)).Split('\n').Where(l => l.Contains(",winter_coupon,", StringComparison.Ordinal)));

        var lapsing = LapsingUsers(before, t0, options.EligibilityDays);
        var a = TruthByUser(linear.File(ShopSimFiles.TruthUsers));
        var b = TruthByUser(rules.File(ShopSimFiles.TruthUsers));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        int lapsingEligible = 0;
        long y0Before = 0, y0After = 0;
        foreach (var (user, x) in a)
        {
            var y = b[user];
            Assert.Equal((x.Treated, x.Propensity, x.Y1Any, x.Y1Count), (y.Treated, y.Propensity, y.Y1Any, y.Y1Count));
            if (lapsing.Contains(user))
            {
                lapsingEligible++;
                Assert.True(y.Y0Count <= x.Y0Count, $"user {user}: untreated buys rose from {x.Y0Count} to {y.Y0Count}");
                y0Before += x.Y0Any;
                y0After += y.Y0Any;
            }
            else
            {
                Assert.Equal((x.Y0Any, x.Y0Count), (y.Y0Any, y.Y0Count));
            }
        }

        Assert.True(lapsingEligible > 200, $"only {lapsingEligible} lapsing users");
        Assert.True(y0After < 0.5 * y0Before, $"lapsing users' untreated buyers fell only from {y0Before} to {y0After}");
    }

    [Theory]
    [InlineData(9, -3.0, "Baseline.Shape")]
    [InlineData(1, 0.5, "Baseline.LapsingShift")]
    [InlineData(1, -10.5, "Baseline.LapsingShift")]
    [InlineData(1, double.NaN, "Baseline.LapsingShift")]
    public void Invalid_baseline_options_are_rejected_naming_the_option(int shape, double shift, string option)
    {
        var baseline = new BaselineOptions { Shape = (BaselineShape)shape, LapsingShift = shift };
        var ex = Assert.ThrowsAny<ArgumentException>(() => new ShopSimulator(new ShopSimOptions { Baseline = baseline }));
        Assert.Contains(option, ex.Message + ex.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_baseline_is_rejected_naming_the_option()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new ShopSimulator(new ShopSimOptions { Baseline = null! }));
        Assert.Contains("Baseline", ex.Message + ex.ParamName, StringComparison.Ordinal);
    }

    private static List<string> EventsBefore(string path, long t0)
    {
        (string[] header, List<string[]> rows) = Csv.Read(path);
        int time = Array.IndexOf(header, "timestamp");
        return rows.Where(r => Csv.L(r[time]) < t0).Select(r => string.Join(',', r)).ToList();
    }

    // Users with 1-3 buys in the look-back and a last event 3-10 days before T0, from the logged history alone.
    private static HashSet<long> LapsingUsers(List<string> eventsBefore, long t0, int eligibilityDays)
    {
        var history = new Dictionary<long, (long Buys, long Last)>();
        foreach (var line in eventsBefore)
        {
            var row = line.Split(',');
            long id = Csv.L(row[0]), ts = Csv.L(row[4]);
            var h = history.GetValueOrDefault(id);
            bool buyInLookBack = row[3] == "buy" && ts >= t0 - (eligibilityDays * DayMs);
            history[id] = (h.Buys + (buyInLookBack ? 1 : 0), Math.Max(h.Last, ts));
        }

        return history.Where(kv => kv.Value.Buys is >= 1 and <= 3 && (t0 - kv.Value.Last) / (double)DayMs is >= 3 and <= 10).Select(kv => kv.Key).ToHashSet();
    }

    private static Dictionary<long, UserTruth> TruthByUser(string path)
    {
        (string[] header, List<string[]> rows) = Csv.Read(path);
        int Col(string name) => Array.IndexOf(header, name);
        int id = Col("user_id"), treated = Col("treated"), propensity = Col("propensity");
        int y0Any = Col("y0_any"), y1Any = Col("y1_any"), y0Count = Col("y0_count"), y1Count = Col("y1_count");
        return rows.ToDictionary(
            r => Csv.L(r[id]),
            r => new UserTruth(r[treated] == "1", Csv.D(r[propensity]), Csv.L(r[y0Any]), Csv.L(r[y1Any]), Csv.L(r[y0Count]), Csv.L(r[y1Count])));
    }

    private sealed record UserTruth(bool Treated, double Propensity, long Y0Any, long Y1Any, long Y0Count, long Y1Count);
}
