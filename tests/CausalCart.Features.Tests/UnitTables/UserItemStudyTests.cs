using CausalCart.Features.Study;
using CausalCart.Features.UnitTables;

namespace CausalCart.Features.Tests.UnitTables;

/// <summary>The user–item design: first view → cart within the grace period → buy in a window after it.</summary>
public sealed class UserItemStudyTests : IDisposable
{
    private static readonly DateTime T = ShopData.T;
    private readonly TestShop _shop = new();

    public UserItemStudyTests()
    {
        ShopData.SeedPairs(_shop);
    }

    public void Dispose() => _shop.Dispose();

    private static StudySpec Spec(string eligibility = "") => StudySpec.Parse($$"""
        study: cart-effect
        data: { store: shop.duckdb }
        unit: user_item
        time_zero: { first: view, period: { from: 2024-01-01, to: 2024-02-01 } }
        {{eligibility}}
        treatment: { action: cart, within: 10m }
        outcome: { action: buy, within: 1h, after_grace: true }
        covariates: { lookbacks: [7d], families: [action_counts, category_affinity] }
        """);

    private (string User, string Item, DateTime T0, double Treatment, double Outcome)[] Rows(StudyTable t)
    {
        var dictionaries = _shop.Store.ReadDictionaries();
        var users = t.Table.Numeric("user").Values.ToArray();
        var items = t.Table.Numeric("item").Values.ToArray();
        var t0 = t.Table.Numeric("t0").Values.ToArray();
        var treatment = t.Table.Numeric("treatment").Values.ToArray();
        var outcome = t.Table.Numeric("outcome").Values.ToArray();
        return [.. Enumerable.Range(0, t.Table.RowCount).Select(r => (
            dictionaries.Users.KeyOf((int)users[r]),
            dictionaries.Items.KeyOf((int)items[r]),
            DateTime.UnixEpoch.AddTicks((long)t0[r] * 10),
            treatment[r],
            outcome[r]))];
    }

    private double Value(StudyTable t, string user, string item, string column)
    {
        var users = t.Table.Numeric("user").Values;
        var items = t.Table.Numeric("item").Values;
        for (var r = 0; r < t.Table.RowCount; r++)
        {
            if (users[r] == _shop.UserId(user) && items[r] == _shop.ItemId(item))
            {
                return t.Table.Numeric(column).Values[r];
            }
        }

        throw new KeyNotFoundException($"No row for ({user}, {item}).");
    }

    [Fact]
    public void Each_pair_starts_at_its_first_view_in_the_period_with_grace_and_outcome_windows()
    {
        var rows = Rows(_shop.Build(Spec())).OrderBy(r => r.T0).ToArray();

        Assert.Equal(
            [
                ("u1", "i1", T, 1.0, 1.0),                          // cart at +5m, buy at +30m
                ("u1", "i2", T.AddHours(1), 0.0, 0.0),              // buy at +5m is inside the grace period
                ("u1", "i3", T.AddHours(2), 0.0, 1.0),              // cart exactly at +10m is late; buy exactly at +10m counts
                ("u1", "i4", T.AddHours(3), 0.0, 0.0),              // the December view is outside the period
                ("u3", "i1", T.AddDays(1), 1.0, 0.0),
            ],
            rows);
    }

    [Fact]
    public void Eligibility_for_pairs_looks_at_the_users_history()
    {
        var rows = Rows(_shop.Build(Spec("eligibility: { active_within: 30d }")));

        Assert.DoesNotContain(rows, r => r.User == "u3");
        Assert.Equal(4, rows.Length);
    }

    [Fact]
    public void Pair_covariates_read_the_users_history_and_the_items_category()
    {
        var t = _shop.Build(Spec());

        Assert.Equal(["user", "item", "t0", "treatment", "outcome"], t.Table.Columns.Take(5).Select(c => c.Name));
        Assert.Equal(["user", "item"], t.Description.Keys);
        Assert.Equal(0, Value(t, "u1", "i1", "views_7d"));
        Assert.Equal(2, Value(t, "u1", "i1", "clicks_7d"));
        Assert.Equal(0.5, Value(t, "u1", "i1", "item_category_share_7d"));     // p (c1) and q (c2)
        Assert.Equal(1, Value(t, "u1", "i1", "item_category_events_7d"));
        Assert.Equal(1, Value(t, "u1", "i2", "views_7d"));
        Assert.Equal(2, Value(t, "u1", "i2", "clicks_7d"));
        Assert.Equal(1, Value(t, "u1", "i2", "carts_7d"));
        Assert.Equal(1, Value(t, "u1", "i2", "buys_7d"));
        Assert.Equal(0.8, Value(t, "u1", "i2", "item_category_share_7d"), 12); // c1: p, i1 view, cart, buy of 5
        Assert.Equal(1.0 / 7, Value(t, "u1", "i3", "item_category_share_7d"), 12);
        Assert.Equal(0, Value(t, "u1", "i4", "item_category_share_7d"));       // c3 only in December, outside 7d
        Assert.Equal(0, Value(t, "u1", "i4", "item_category_share_missing_7d"));
        Assert.Equal(1, Value(t, "u3", "i1", "item_category_share_missing_7d")); // no history at all
    }

    [Fact]
    public void A_user_unit_can_start_at_the_users_first_action()
    {
        var spec = Spec() with { Unit = StudyUnit.User };

        var t = _shop.Build(spec);

        var rows = t.Table.Numeric("user").Values.ToArray().Select(u => _shop.Store.ReadDictionaries().Users.KeyOf((int)u)).ToArray();
        Assert.Equal(["u1", "u3"], rows);
        Assert.Equal([1.0, 1.0], t.Table.Numeric("treatment").Values.ToArray());
        Assert.Equal(1, t.Table.Numeric("outcome").Values[0]);   // u1's buy of i1 at +30m
        Assert.Null(t.Description.SharedTimeZero);
    }

    [Fact]
    public void Revenue_and_count_outcomes_for_pairs()
    {
        var count = _shop.Build(Spec() with { Outcome = Spec().Outcome with { Value = OutcomeValue.Count, Within = TimeSpan.FromHours(2) } });
        var revenue = _shop.Build(Spec() with { Outcome = Spec().Outcome with { Value = OutcomeValue.Revenue, Within = TimeSpan.FromHours(2) } });

        Assert.Equal(2, Value(count, "u1", "i3", "outcome"));      // buys at +10m and +70m, both inside [+10m, +130m)
        Assert.Equal(80, Value(revenue, "u1", "i3", "outcome"));
        Assert.Equal(9, Value(revenue, "u1", "i1", "outcome"));
    }
}
