using CausalCart.Core.Events;

namespace CausalCart.Simulation.Tests;

[Collection(DefaultWorldCollection.Name)]
public sealed class DefaultWorldCausalTests(DefaultWorldFixture world)
{
    [Fact]
    public void Observed_window_buys_equal_y1_for_treated_and_y0_for_controls()
    {
        var e = world.Events;
        var count = new Dictionary<long, long>();
        var revenue = new Dictionary<long, long>();
        for (var i = 0; i < e.Count; i++)
        {
            if (e.Action[i] == CanonicalAction.Buy && e.Timestamp[i] >= world.T0 && e.Timestamp[i] < world.WindowEnd)
            {
                count[e.User[i]] = count.GetValueOrDefault(e.User[i]) + 1;
                revenue[e.User[i]] = revenue.GetValueOrDefault(e.User[i]) + e.PriceCents[i];
            }
        }

        foreach (var u in world.TruthUsers)
        {
            var observedCount = count.GetValueOrDefault(u.UserId);
            var observedRevenue = revenue.GetValueOrDefault(u.UserId);
            Assert.Equal(u.Treated ? u.Y1Count : u.Y0Count, observedCount);
            Assert.Equal(u.Treated ? u.Y1Revenue : u.Y0Revenue, observedRevenue);
            Assert.Equal(u.Treated ? u.Y1Any : u.Y0Any, observedCount > 0 ? 1 : 0);
        }

        Assert.Contains(world.TruthUsers, u => u.Treated && u.Y1Count > u.Y0Count);
        Assert.Contains(world.TruthUsers, u => !u.Treated && u.Y1Count > u.Y0Count);
    }

    [Fact]
    public void Potential_outcomes_agree_where_the_coupon_mechanism_was_never_touched()
    {
        // The coupon acts only on checkouts of carted items in the window; carts are identical in
        // both arms, and a checkout follows its cart within the session (at most a few hours).
        var e = world.Events;
        var cartedNearWindow = new HashSet<long>();
        for (var i = 0; i < e.Count; i++)
        {
            if (e.Action[i] == CanonicalAction.Cart && e.Timestamp[i] >= world.T0 - 86_400_000 && e.Timestamp[i] < world.WindowEnd)
            {
                cartedNearWindow.Add(e.User[i]);
            }
        }

        var untouched = world.TruthUsers.Where(u => !cartedNearWindow.Contains(u.UserId)).ToList();
        Assert.True(untouched.Count > 1000, $"only {untouched.Count} users without carts");
        Assert.All(untouched, u =>
        {
            Assert.Equal(u.Y0Count, u.Y1Count);
            Assert.Equal(0, u.Y0Count);
            Assert.Equal(u.Y0Revenue, u.Y1Revenue);
        });

        // With non-negative lifts the coupon never removes a buy (common random numbers make this exact).
        Assert.All(world.TruthUsers, u =>
        {
            Assert.True(u.Y1Count >= u.Y0Count);
            Assert.True(u.Y1Any >= u.Y0Any);
        });
    }

    [Fact]
    public void Truth_json_matches_the_per_user_truth()
    {
        var users = world.TruthUsers;
        var anyBuy = world.Truth.Outcome("any_buy");
        var ate = users.Average(u => (double)(u.Y1Any - u.Y0Any));
        var att = users.Where(u => u.Treated).Average(u => (double)(u.Y1Any - u.Y0Any));
        Assert.Equal(ate, anyBuy.Ate, 12);
        Assert.Equal(att, anyBuy.Att, 12);
        var revenueAte = users.Average(u => (u.Y1Revenue - u.Y0Revenue) / 100.0);
        Assert.Equal(revenueAte, world.Truth.Outcome("revenue").Ate, 9);
        var countAtt = users.Where(u => u.Treated).Average(u => (double)(u.Y1Count - u.Y0Count));
        Assert.Equal(countAtt, world.Truth.Outcome("buy_count").Att, 12);

        var naive = users.Where(u => u.Treated).Average(u => (double)u.ObservedAny) - users.Where(u => !u.Treated).Average(u => (double)u.ObservedAny);
        Assert.Equal(naive, anyBuy.NaiveDifference, 12);
        Assert.Equal(world.Summary.EligibleUsers, world.Truth.EligibleUsers);
        Assert.Equal(world.Summary.TreatedUsers, world.Truth.TreatedUsers);
        Assert.Equal(users.Count(u => u.Treated), world.Truth.TreatedUsers);
        foreach (var segment in anyBuy.BySegment)
        {
            var inSegment = users.Where(u => u.Segment == segment.Segment).ToList();
            Assert.Equal(inSegment.Count, segment.Users);
            Assert.Equal(inSegment.Average(u => (double)(u.Y1Any - u.Y0Any)), segment.Ate, 12);
        }
    }

    [Fact]
    public void Eligible_users_are_exactly_those_active_in_the_30_days_before_time_zero()
    {
        var e = world.Events;
        var from = world.T0 - world.Options.EligibilityDays * 86_400_000L;
        var active = new HashSet<long>();
        for (var i = 0; i < e.Count; i++)
        {
            if (e.Timestamp[i] >= from && e.Timestamp[i] < world.T0)
            {
                active.Add(e.User[i]);
            }
        }

        Assert.Equal(active.Order(), world.TruthUsers.Select(u => u.UserId));
    }

    [Fact]
    public void Coupon_exposures_are_the_treated_users_with_their_true_propensity()
    {
        var (_, rows) = Csv.Read(world.File(ShopSimFiles.Exposures));
        var coupons = rows.Where(r => r[2] == world.Options.Campaign).ToDictionary(r => Csv.L(r[0]));
        foreach (var u in world.TruthUsers)
        {
            Assert.Equal(u.Treated, coupons.ContainsKey(u.UserId));
            if (u.Treated)
            {
                var row = coupons[u.UserId];
                Assert.Equal(world.T0, Csv.L(row[1]));
                Assert.Equal(ShopSimFiles.CouponArm, row[3]);
                Assert.Empty(row[4]);
                Assert.Equal(u.Propensity, Csv.D(row[5]));
            }
        }
    }

    [Fact]
    public void Naive_difference_is_confounded_by_more_than_three_standard_errors()
    {
        var anyBuy = world.Truth.Outcome("any_buy");
        Assert.True(anyBuy.Ate > 0, $"ATE {anyBuy.Ate}");
        Assert.True(anyBuy.NaiveStandardError > 0);
        var z = (anyBuy.NaiveDifference - anyBuy.Ate) / anyBuy.NaiveStandardError;
        Assert.True(z > 3, $"naive {anyBuy.NaiveDifference:F4} vs ATE {anyBuy.Ate:F4}: only {z:F1} standard errors apart");
    }

    [Fact]
    public void True_effect_differs_across_segments()
    {
        // Segment means of the individual effects Y(1) − Y(0), compared with their standard errors.
        var anyBuy = SegmentEffects(u => u.Y1Any - u.Y0Any);
        Assert.Equal(3, anyBuy.Count);
        Assert.True(Z(anyBuy["new"], anyBuy["loyal"]) > 3, $"any-buy CATE new {anyBuy["new"].Mean:F4} vs loyal {anyBuy["loyal"].Mean:F4}");
        var count = SegmentEffects(u => u.Y1Count - u.Y0Count);
        Assert.True(Z(count["new"], count["regular"]) > 4, $"buy-count CATE new {count["new"].Mean:F4} vs regular {count["regular"].Mean:F4}");

        // truth.json carries the same segment effects.
        foreach (var segment in world.Truth.Outcome("buy_count").BySegment)
        {
            Assert.Equal(count[segment.Segment].Mean, segment.Ate, 12);
        }
    }

    private Dictionary<string, (double Mean, double Se)> SegmentEffects(Func<TruthUser, long> effect) =>
        world.TruthUsers.GroupBy(u => u.Segment).ToDictionary(
            g => g.Key,
            g =>
            {
                var effects = g.Select(u => (double)effect(u)).ToList();
                var mean = effects.Average();
                var variance = effects.Sum(x => (x - mean) * (x - mean)) / (effects.Count - 1);
                return (mean, Math.Sqrt(variance / effects.Count));
            });

    private static double Z((double Mean, double Se) a, (double Mean, double Se) b) =>
        (a.Mean - b.Mean) / Math.Sqrt(a.Se * a.Se + b.Se * b.Se);

    [Fact]
    public void Propensities_lie_strictly_inside_0_02_and_0_98_and_vary()
    {
        var propensities = world.TruthUsers.Select(u => u.Propensity).ToList();
        Assert.All(propensities, p => Assert.InRange(p, 0.0200001, 0.9799999));
        Assert.True(propensities.Count(p => p < 0.2) > 1000);
        Assert.True(propensities.Count(p => p > 0.7) > 1000);
        var treatedShare = world.TruthUsers.Count(u => u.Treated) / (double)world.TruthUsers.Count;
        Assert.InRange(treatedShare, propensities.Average() - 0.02, propensities.Average() + 0.02);
    }
}
