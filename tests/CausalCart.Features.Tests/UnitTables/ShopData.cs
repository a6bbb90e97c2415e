using CausalCart.Core.Events;

namespace CausalCart.Features.Tests.UnitTables;

/// <summary>Hand-made stores whose expected unit tables are worked out by hand in the tests that use them.</summary>
internal static class ShopData
{
    /// <summary>Time zero of the user-level studies.</summary>
    public static readonly DateTime T0 = new(2024, 1, 13, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Time of the first view in the user–item studies.</summary>
    public static readonly DateTime T = new(2024, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Users a–e and the winter_coupon campaign around <see cref="T0"/>.</summary>
    public static void SeedUsers(TestShop shop)
    {
        shop.Add(
            // a: the busy user, with explicit sessions s1..s4.
            new Ev("a", "i1", CanonicalAction.View, T0.AddDays(-2), 10, "c1", "s1"),
            new Ev("a", "i2", CanonicalAction.Click, T0.AddDays(-3), Category: "c2", Session: "s1"),
            new Ev("a", "i1", CanonicalAction.View, T0.AddHours(-1), 30, "c1", "s2"),
            new Ev("a", null, CanonicalAction.Search, T0.AddHours(-5), Session: "s2"),
            new Ev("a", "i1", CanonicalAction.Buy, T0.AddDays(-10), 50, "c1", "s3"),
            new Ev("a", "i3", CanonicalAction.Buy, T0.AddDays(-40), 100, "c2", "s4"),
            // a's outcomes: buys at t0 (in), t0 + 6d (in), t0 + 7d (out: the window is half-open).
            new Ev("a", "i1", CanonicalAction.Buy, T0, 2, "c1", "s5"),
            new Ev("a", "i1", CanonicalAction.Buy, T0.AddDays(6), 7, "c1", "s6"),
            new Ev("a", "i1", CanonicalAction.Buy, T0.AddDays(7), 100, "c1", "s7"),
            // b: one view without price or category, sessionized by the store.
            new Ev("b", "i4", CanonicalAction.View, T0.AddDays(-20)),
            // c: active only 45 days before (ineligible with active_within 30d).
            new Ev("c", "i4", CanonicalAction.View, T0.AddDays(-45)),
            // d: active only after time zero (never eligible).
            new Ev("d", "i4", CanonicalAction.View, T0.AddHours(1)),
            // e: events exactly on the window starts t0 - 30d and t0 - 7d (both inside: windows are [start, t0)).
            new Ev("e", "i5", CanonicalAction.View, T0.AddDays(-30), 4, "c3"),
            new Ev("e", "i5", CanonicalAction.View, T0.AddDays(-7), 6, "c3"));
        shop.Expose(
            new Exposure("a", T0.AddHours(2), "winter_coupon", "coupon"),
            new Exposure("b", T0.AddDays(1), "winter_coupon", "coupon"),      // at t0 + 1d: outside [t0, t0 + 1d)
            new Exposure("e", T0.AddHours(-1), "winter_coupon", "coupon"),    // before t0: not treatment
            new Exposure("e", T0.AddHours(1), "winter_coupon", "control"),
            new Exposure("c", T0.AddHours(-3), "autumn_sale", "all"));
    }

    /// <summary>User u1 viewing items i1–i4 from <see cref="T"/> on, u2 outside the period, u3 without history.</summary>
    public static void SeedPairs(TestShop shop)
    {
        shop.Add(
            // u1's earlier history, inside the 7-day look-back of every unit (clicks: views would start units of their own).
            new Ev("u1", "p", CanonicalAction.Click, T.AddDays(-2), 10, "c1"),
            new Ev("u1", "q", CanonicalAction.Click, T.AddDays(-3), 20, "c2"),
            // i4 viewed before the period: its unit starts at its first view inside the period (T + 3h).
            new Ev("u1", "i4", CanonicalAction.View, new DateTime(2023, 12, 20, 0, 0, 0, DateTimeKind.Utc), 5, "c3"),
            new Ev("u1", "i4", CanonicalAction.View, T.AddHours(3), 5, "c3"),
            // i1: view, cart inside the 10m grace period, buy inside [t0 + 10m, t0 + 70m): treated, outcome 1.
            new Ev("u1", "i1", CanonicalAction.View, T, 9, "c1"),
            new Ev("u1", "i1", CanonicalAction.Cart, T.AddMinutes(5), 9, "c1"),
            new Ev("u1", "i1", CanonicalAction.Buy, T.AddMinutes(30), 9, "c1"),
            new Ev("u1", "i1", CanonicalAction.View, T.AddHours(4), 9, "c1"),
            // i2: no cart; a buy inside the grace period is not an outcome.
            new Ev("u1", "i2", CanonicalAction.View, T.AddHours(1), 12, "c1"),
            new Ev("u1", "i2", CanonicalAction.Buy, T.AddHours(1).AddMinutes(5), 12, "c1"),
            // i3: cart exactly when the grace period ends (not treated); buys exactly at the outcome window's start (in)
            // and end (out).
            new Ev("u1", "i3", CanonicalAction.View, T.AddHours(2), 40, "c2"),
            new Ev("u1", "i3", CanonicalAction.Cart, T.AddHours(2).AddMinutes(10), 40, "c2"),
            new Ev("u1", "i3", CanonicalAction.Buy, T.AddHours(2).AddMinutes(10), 40, "c2"),
            new Ev("u1", "i3", CanonicalAction.Buy, T.AddHours(2).AddMinutes(70), 40, "c2"),
            // u2 views only after the period.
            new Ev("u2", "i1", CanonicalAction.View, new DateTime(2024, 2, 5, 0, 0, 0, DateTimeKind.Utc), 9, "c1"),
            // u3 has no history before its first view.
            new Ev("u3", "i1", CanonicalAction.View, T.AddDays(1), 9, "c1"),
            new Ev("u3", "i1", CanonicalAction.Cart, T.AddDays(1).AddMinutes(1), 9, "c1"));
    }
}
