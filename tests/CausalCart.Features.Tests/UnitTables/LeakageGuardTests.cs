using CausalCart.Core.Events;
using CausalCart.Features.Study;
using CausalCart.Features.UnitTables;

namespace CausalCart.Features.Tests.UnitTables;

/// <summary>
/// The leakage guard: events at exactly time zero, one microsecond after it and later must not move any
/// covariate of any unit. Outcomes may (and here do) change, which shows the new events are visible to the query.
/// </summary>
public sealed class LeakageGuardTests : IDisposable
{
    private static readonly TimeSpan Microsecond = TimeSpan.FromTicks(10);
    private readonly TestShop _shop = new();

    public void Dispose() => _shop.Dispose();

    private static Dictionary<(double User, double Item), (double T0, double[] Covariates, double Outcome)> Snapshot(StudyTable t)
    {
        var users = t.Table.Numeric("user").Values.ToArray();
        var items = t.Table.Contains("item") ? t.Table.Numeric("item").Values.ToArray() : new double[users.Length];
        var t0 = t.Table.Numeric("t0").Values.ToArray();
        var outcome = t.Table.Numeric("outcome").Values.ToArray();
        var covariates = t.Description.Covariates.Select(name => t.Table.Numeric(name).Values.ToArray()).ToArray();
        var result = new Dictionary<(double, double), (double, double[], double)>();
        for (var r = 0; r < users.Length; r++)
        {
            result.Add((users[r], items[r]), (t0[r], [.. covariates.Select(c => c[r])], outcome[r]));
        }

        return result;
    }

    /// <summary>Every action, priced and categorised (new category, new and sessionless sessions), at the given instant.</summary>
    private static IEnumerable<Ev> Burst(string user, string item, DateTime at, string category) =>
        CanonicalActions.All.Select((a, i) => new Ev(user, a == CanonicalAction.Search ? null : item, a, at, 1_000 + i, category, i % 2 == 0 ? null : $"late-{user}-{at.Ticks}"));

    private static void AssertCovariatesUnchanged(
        Dictionary<(double User, double Item), (double T0, double[] Covariates, double Outcome)> before,
        Dictionary<(double User, double Item), (double T0, double[] Covariates, double Outcome)> after,
        IReadOnlyList<string> names)
    {
        foreach (var (key, row) in before)
        {
            Assert.True(after.TryGetValue(key, out var now), $"unit {key} disappeared");
            Assert.Equal(row.T0, now.T0);
            for (var c = 0; c < names.Count; c++)
            {
                Assert.True(row.Covariates[c].Equals(now.Covariates[c]), $"covariate {names[c]} of unit {key} moved from {row.Covariates[c]} to {now.Covariates[c]}");
            }
        }
    }

    [Fact]
    public void Events_at_and_after_a_fixed_time_zero_change_no_covariate()
    {
        ShopData.SeedUsers(_shop);
        var spec = StudySpec.Parse("""
            study: leak
            data: { store: shop.duckdb }
            unit: user
            time_zero: { at: 2024-01-13T00:00:00Z }
            eligibility: { active_within: 30d }
            treatment: { campaign: winter_coupon }
            outcome: { action: buy, within: 7d, value: revenue }
            covariates: { lookbacks: [1d, 7d, 30d, 60d], families: [action_counts, recency, price_stats, category_affinity, sessions] }
            """);
        var first = _shop.Build(spec);
        var before = Snapshot(first);

        var t0 = ShopData.T0;
        foreach (var user in new[] { "a", "b", "c", "d", "e" })
        {
            _shop.Add([.. Burst(user, "i1", t0, "c9"), .. Burst(user, "new", t0 + Microsecond, "c9"), .. Burst(user, "i5", t0.AddHours(1), "c1"), .. Burst(user, "i1", t0.AddDays(8), "c2")]);
        }

        _shop.Expose(new Exposure("b", t0, "winter_coupon", "coupon"));
        var second = _shop.Build(spec);
        var after = Snapshot(second);

        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        AssertCovariatesUnchanged(before, after, first.Description.Covariates);
        Assert.Contains(before, kv => kv.Value.Outcome != after[kv.Key].Outcome);
        Assert.Equal(first.Description.TreatedCount + 1, second.Description.TreatedCount);
    }

    [Fact]
    public void Events_at_and_after_each_pairs_time_zero_change_no_covariate()
    {
        var spec = StudySpec.Parse("""
            study: leak-pairs
            data: { store: shop.duckdb }
            unit: user_item
            time_zero: { first: view }
            treatment: { action: cart, within: 10m }
            outcome: { action: buy, within: 1h, after_grace: true, value: count }
            covariates: { lookbacks: [1h, 7d], families: [action_counts, recency, price_stats, category_affinity, sessions] }
            """);
        List<(string User, string Item, DateTime T0)> units;
        using (var probe = new TestShop())
        {
            ShopData.SeedPairs(probe);
            var d = probe.Store.ReadDictionaries();
            units = [.. Snapshot(probe.Build(spec)).Select(kv => (d.Users.KeyOf((int)kv.Key.User), d.Items.KeyOf((int)kv.Key.Item), DateTime.UnixEpoch.AddTicks((long)kv.Value.T0 * 10)))];
        }

        Assert.Equal(6, units.Count);   // without a period, u2's February view is a unit too

        // One store per unit: a pair's late events are history for the same user's later pairs, so each pair is
        // checked with only its own time zero's events added. Units of other users and earlier units of the
        // same user must not move either.
        foreach (var (user, item, t0) in units)
        {
            using var shop = new TestShop();
            ShopData.SeedPairs(shop);
            var first = shop.Build(spec);
            var before = Snapshot(first);

            shop.Add([
                new Ev(user, item, CanonicalAction.View, t0, 1, null),   // the first view logged twice
                .. Burst(user, "other", t0, "c9"),
                .. Burst(user, item, t0 + Microsecond, "c9").Where(e => e.Action != CanonicalAction.View),
                .. Burst(user, item, t0.AddMinutes(3), "c9"),
                new Ev(user, item, CanonicalAction.Buy, t0.AddMinutes(20), 7, "c9"),
            ]);
            var after = Snapshot(shop.Build(spec));

            var d = shop.Store.ReadDictionaries();
            var guarded = before.Where(kv => d.Users.KeyOf((int)kv.Key.User) != user || kv.Value.T0 <= before[(shop.UserId(user), shop.ItemId(item))].T0)
                .ToDictionary(kv => kv.Key, kv => kv.Value);
            Assert.Contains((shop.UserId(user), (double)shop.ItemId(item)), guarded.Keys);
            AssertCovariatesUnchanged(guarded, after, first.Description.Covariates);
            var key = ((double)shop.UserId(user), (double)shop.ItemId(item));
            Assert.Equal(before[key].Outcome + 1, after[key].Outcome);
        }
    }
}
