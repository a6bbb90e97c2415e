using CausalCart.Core.Events;

namespace CausalCart.Simulation.Tests;

[Collection(DefaultWorldCollection.Name)]
public sealed class DefaultWorldFileTests(DefaultWorldFixture world)
{
    [Fact]
    public void Summary_counts_equal_the_rows_in_the_files()
    {
        var s = world.Summary;
        Assert.Equal(s.Events, Csv.CountDataLines(world.File(ShopSimFiles.Events)));
        Assert.Equal(s.Exposures, Csv.CountDataLines(world.File(ShopSimFiles.Exposures)));
        Assert.Equal(s.Items, Csv.CountDataLines(world.File(ShopSimFiles.Items)));
        Assert.Equal(s.Users, Csv.CountDataLines(world.File(ShopSimFiles.Users)));
        Assert.Equal(s.EligibleUsers, Csv.CountDataLines(world.File(ShopSimFiles.TruthUsers)));
        Assert.Equal(20_000, s.Users);
        foreach (var file in s.Files)
        {
            var path = world.File(file.Name);
            Assert.Equal(new FileInfo(path).Length, file.Bytes);
            if (file.Name.EndsWith(".csv", StringComparison.Ordinal))
            {
                Assert.Equal(file.Rows, Csv.CountDataLines(path));
            }
        }
    }

    [Fact]
    public void Summary_counts_per_action_session_and_time_equal_the_events_file()
    {
        var e = world.Events;
        var s = world.Summary;
        Assert.Equal(s.Events, e.Count);
        foreach (var action in ShopSimulator.SimulatedActions)
        {
            Assert.Equal(s.EventsByAction[CanonicalActions.Name(action)], e.Action.Count(a => a == action));
            Assert.True(s.EventsByAction[CanonicalActions.Name(action)] > 0, $"no {action} events");
        }

        Assert.Equal(s.Events, s.EventsByAction.Values.Sum());
        Assert.Equal(s.Sessions, e.Session.Distinct().LongCount());
        Assert.Equal(s.FirstEventUnixMs, e.Timestamp.Min());
        Assert.Equal(s.LastEventUnixMs, e.Timestamp.Max());
        Assert.Equal(s.ActiveUsers, e.User.Distinct().LongCount());
    }

    [Fact]
    public void Summary_exposure_counts_equal_the_exposures_file()
    {
        var (header, rows) = Csv.Read(world.File(ShopSimFiles.Exposures));
        Assert.Equal(ShopSimFiles.ExposuresHeader, string.Join(',', header));
        var byCampaign = rows.GroupBy(r => r[2]).ToDictionary(g => g.Key, g => g.LongCount());
        Assert.Equal(world.Summary.ExposuresByCampaign, byCampaign);
        Assert.Equal(world.Summary.TreatedUsers, byCampaign[world.Options.Campaign]);

        // One recommendation per session, each with an item and a probability in (0, 1].
        Assert.Equal(world.Summary.Sessions, byCampaign[world.Options.RecommendationCampaign]);
        foreach (var r in rows.Where(r => r[2] == world.Options.RecommendationCampaign))
        {
            Assert.Equal(ShopSimFiles.RecommendationArm, r[3]);
            Assert.NotEmpty(r[4]);
            var p = Csv.D(r[5]);
            Assert.True(p is > 0 and <= 1, $"recommendation propensity {p}");
        }
    }

    [Fact]
    public void Time_zero_is_2024_03_13_midnight_utc()
    {
        var expected = new DateTimeOffset(2024, 3, 13, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, world.Summary.TimeZero);
        Assert.Equal(expected, world.Truth.TimeZero);
        Assert.Equal(expected.ToUnixTimeMilliseconds(), world.Truth.TimeZeroUnixMs);
        Assert.Equal(expected.AddDays(7), world.Truth.Outcome("any_buy").WindowEnd);
    }

    [Fact]
    public void Events_are_well_formed_and_time_ordered_per_user()
    {
        var e = world.Events;
        var origin = world.Options.Origin.ToUnixTimeMilliseconds();
        var end = world.Options.Origin.AddDays(world.Options.HistoryDays + world.Options.FollowUpDays + 1).ToUnixTimeMilliseconds();
        for (var i = 0; i < e.Count; i++)
        {
            var isSearch = e.Action[i] == CanonicalAction.Search;
            Assert.Equal(isSearch, e.Item[i] < 0);
            Assert.Equal(isSearch, e.Query[i].Length > 0);
            Assert.Equal(isSearch, e.PriceCents[i] < 0);
            Assert.DoesNotContain('"', e.Query[i]);
            Assert.InRange(e.Timestamp[i], origin, end);
            Assert.InRange(e.Category[i], 1, world.Options.Categories);
            Assert.Equal(e.User[i], e.Session[i] / 1_000_000);
            if (i > 0 && e.User[i] == e.User[i - 1])
            {
                Assert.True(e.Timestamp[i] > e.Timestamp[i - 1], $"row {i + 2}: time must increase within a user");
                var sameSession = e.Session[i] == e.Session[i - 1];
                var gap = e.Timestamp[i] - e.Timestamp[i - 1];
                Assert.True(sameSession ? gap <= 25 * 60_000 : gap > 30 * 60_000, $"row {i + 2}: gap {gap} ms across sessions={!sameSession}");
            }
            else if (i > 0)
            {
                Assert.True(e.User[i] > e.User[i - 1], "users are written in id order");
            }
        }
    }

    [Fact]
    public void Every_buy_follows_a_cart_of_the_same_item_in_the_same_session()
    {
        var e = world.Events;
        var carted = new HashSet<(long Session, long Item)>();
        for (var i = 0; i < e.Count; i++)
        {
            if (e.Action[i] == CanonicalAction.Cart)
            {
                carted.Add((e.Session[i], e.Item[i]));
            }
            else if (e.Action[i] == CanonicalAction.Buy)
            {
                Assert.Contains((e.Session[i], e.Item[i]), carted);
            }
        }
    }

    [Fact]
    public void Items_and_users_files_have_the_documented_columns()
    {
        var (itemHeader, items) = Csv.Read(world.File(ShopSimFiles.Items));
        Assert.Equal(ShopSimFiles.ItemsHeader, string.Join(',', itemHeader));
        Assert.Equal(Enumerable.Range(1, world.Summary.Items).Select(i => (long)i), items.Select(r => Csv.L(r[0])));
        Assert.All(items, r => Assert.True(Csv.Cents(r[2]) >= 50));
        Assert.Equal(world.Options.Categories, items.Select(r => r[1]).Distinct().Count());

        var (userHeader, users) = Csv.Read(world.File(ShopSimFiles.Users));
        Assert.Equal(ShopSimFiles.UsersHeader, string.Join(',', userHeader));
        Assert.Equal(["loyal", "new", "regular"], users.Select(r => r[1]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(5, users.Select(r => r[2]).Distinct().Count());
        Assert.All(users, r => Assert.True(DateOnly.TryParseExact(r[3], "yyyy-MM-dd", out var day) && day < DateOnly.FromDateTime(world.Options.TimeZero.UtcDateTime)));
    }

    [Fact]
    public void Summary_and_truth_round_trip_through_json()
    {
        var summary = SimulationSummary.Load(world.File(ShopSimFiles.Summary));
        Assert.Equal(world.Summary.Events, summary.Events);
        Assert.Equal(world.Summary.EventsByAction, summary.EventsByAction);
        Assert.Equal(world.Options.Campaign, summary.Options.Campaign);
        Assert.Equal(world.Options.Coupon, summary.Options.Coupon);
        var truth = SimulationTruth.Load(world.File(ShopSimFiles.Truth));
        Assert.Equal(world.Truth.Outcome("any_buy").Ate, truth.Outcome("any_buy").Ate);
        Assert.Throws<ArgumentException>(() => truth.Outcome("clicks"));
    }
}
