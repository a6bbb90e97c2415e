namespace CausalCart.Simulation.Tests;

/// <summary>The rule-based (nonlinear) coupon policy: its propensities follow the documented rules on the observed history.</summary>
public sealed class TargetingShapeTests
{
    private const long DayMs = 86_400_000L;

    [Fact]
    public void Rules_policy_propensities_follow_the_rules_on_the_logged_history()
    {
        using var dir = new TempDirectory();
        var options = new ShopSimOptions { Users = 3_000, Seed = 7, Targeting = new TargetingOptions { Shape = TargetingShape.Rules } };
        new ShopSimulator(options).Run(dir.Path);
        long t0 = options.TimeZero.ToUnixTimeMilliseconds();

        var history = new Dictionary<long, (long Buys, long Views7, long Last)>();
        (string[] header, List<string[]> rows) = Csv.Read(dir.File(ShopSimFiles.Events));
        int user = Array.IndexOf(header, "user_id"), action = Array.IndexOf(header, "action"), time = Array.IndexOf(header, "timestamp");
        foreach (var row in rows)
        {
            long ts = Csv.L(row[time]);
            if (ts >= t0)
            {
                continue;
            }

            long id = Csv.L(row[user]);
            var h = history.GetValueOrDefault(id);
            bool inLookBack = ts >= t0 - (options.EligibilityDays * DayMs);
            h = (h.Buys + (inLookBack && row[action] == "buy" ? 1 : 0), h.Views7 + (ts >= t0 - (7 * DayMs) && row[action] == "view" ? 1 : 0), Math.Max(h.Last, ts));
            history[id] = h;
        }

        (string[] truthHeader, List<string[]> truthRows) = Csv.Read(dir.File(ShopSimFiles.TruthUsers));
        int tu = Array.IndexOf(truthHeader, "user_id"), tp = Array.IndexOf(truthHeader, "propensity");
        Assert.True(truthRows.Count > 500, $"only {truthRows.Count} eligible users");
        var distinct = new HashSet<double>();
        foreach (var row in truthRows)
        {
            var h = history[Csv.L(row[tu])];
            double r = (t0 - h.Last) / (double)DayMs;
            double score = h.Buys switch
            {
                >= 1 and <= 3 when r is >= 3 and <= 10 => 1.5,
                0 when h.Views7 >= 8 => 1.0,
                >= 6 => -1.5,
                _ => -1.6,
            };
            score += r <= 1 && h.Buys < 2 ? 0.6 : 0;
            double expected = Math.Clamp(1 / (1 + Math.Exp(-score)), 0.03, 0.97);
            double actual = Csv.D(row[tp]);
            Assert.True(Math.Abs(expected - actual) < 1e-6, $"user {row[tu]}: propensity {actual}, rules give {expected}");
            distinct.Add(Math.Round(actual, 6));
        }

        Assert.True(distinct.Count >= 4, $"the rules produced only {distinct.Count} distinct propensities");
    }

    [Fact]
    public void An_undefined_shape_is_rejected_naming_the_option()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new ShopSimulator(new ShopSimOptions { Targeting = new TargetingOptions { Shape = (TargetingShape)9 } }));
        Assert.Contains("Targeting.Shape", ex.Message + ex.ParamName, StringComparison.Ordinal);
    }
}
