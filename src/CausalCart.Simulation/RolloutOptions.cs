namespace CausalCart.Simulation;

/// <summary>
/// A platform campaign (free shipping) switched on region by region on different weeks: a staggered rollout inside
/// ShopSim's event engine, whose true dynamic effects are exact. Off unless <see cref="ShopSimOptions.Rollout"/> is set
/// (<c>causalcart simulate --rollout staggered</c>); when off every output is byte-identical to a run without the option.
/// </summary>
/// <remarks>
/// <para>Periods are weeks of the history: week w covers days 7(w − 1) … 7w − 1 after <see cref="ShopSimOptions.Origin"/>,
/// and the panel has W = ⌊HistoryDays / 7⌋ weeks (8 by default), all before T0, so the coupon plays no part in it.</para>
/// <para>The panel holds the users who signed up before its first week (all but the new users, whose signup falls in the 30
/// days before T0): ShopSim's behaviour does not change with calendar time (every week has the same weekdays), so for them
/// the untreated expected weekly purchases are constant and parallel trends hold exactly in expectation. Users who sign up
/// during the panel would break it, because their entry adds purchases in proportion to their region's level of buying.</para>
/// <para>A user in a cohort region is treated from the start of the region's first week g (midnight UTC) on, and the
/// campaign then stays on (also after T0, where it is part of both coupon arms). A checkout slot at time t ≥ adoption is
/// bought with probability logistic(logit p0 + τ_g(e)), e = ⌊(t − adoption) / 7 d⌋. Regions differ in their budget (so in
/// their level of buying, which confounds a plain post-period comparison), but nothing in the behaviour depends on
/// region × time; the effect grows with e and differs by cohort, which biases static two-way fixed effects.</para>
/// <para>Implementation note: the lift moves a threshold, not a draw. Each slot's one uniform u decides the buy with the
/// rollout (u &lt; p) and without it (u &lt; p0), and no later draw depends on a buy, so both potential outcomes of every
/// user-week come from common random numbers and ATT(g, t) is exact. No random number is added, so the history of
/// views, carts and sessions is the same with and without the rollout.</para>
/// </remarks>
public sealed record RolloutOptions
{
    /// <summary>Name of the rollout campaign in <c>exposures.csv</c> and <c>truth.json</c>. Default <c>free_shipping_rollout</c>.</summary>
    public string Campaign { get; init; } = "free_shipping_rollout";

    /// <summary>
    /// The cohorts; regions not listed are never treated. Default: north from week 3 (τ = 0.05 + 0.35·e), east from week 5
    /// (0.05 + 0.25·e), south from week 7 (0.05 + 0.15·e); west and central (35 % of users) never. North is the richest
    /// region and south the poorest, so cohorts differ in baseline buying.
    /// </summary>
    public IReadOnlyList<RegionRollout> Cohorts { get; init; } =
    [
        new("north", 3, 0.05, 0.35),
        new("east", 5, 0.05, 0.25),
        new("south", 7, 0.05, 0.15),
    ];

    /// <summary>Panel weeks for <paramref name="historyDays"/> days of history: ⌊historyDays / 7⌋.</summary>
    public static int PanelWeeks(int historyDays) => historyDays / 7;

    internal void Validate(int historyDays, string couponCampaign, string recommendationCampaign)
    {
        var weeks = PanelWeeks(historyDays);
        ShopSimOptions.Require(weeks >= 2, "HistoryDays", $"must be at least 14 with a rollout, so the panel has two weeks (got {historyDays})");
        ShopSimOptions.Require(ShopSimOptions.IsPlainName(Campaign), "Rollout.Campaign", $"must be 1-64 characters of letters, digits, '_', '-' or '.' (got '{Campaign}')");
        ShopSimOptions.Require(
            !string.Equals(Campaign, couponCampaign, StringComparison.Ordinal) && !string.Equals(Campaign, recommendationCampaign, StringComparison.Ordinal),
            "Rollout.Campaign",
            "must differ from Campaign and RecommendationCampaign");
        ShopSimOptions.Require(Cohorts is { Count: > 0 }, "Rollout.Cohorts", "must hold at least one region");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Cohorts!)
        {
            ShopSimOptions.Require(c is not null, "Rollout.Cohorts", "must not hold null");
            ShopSimOptions.Require(
                Array.IndexOf(Engine.World.Regions, c!.Region) >= 0,
                "Rollout.Cohorts",
                $"has region '{c.Region}'; valid: {string.Join(", ", Engine.World.Regions)}");
            ShopSimOptions.Require(seen.Add(c.Region), "Rollout.Cohorts", $"lists region '{c.Region}' twice");
            ShopSimOptions.Require(
                c.FirstWeek >= 2 && c.FirstWeek <= weeks,
                "Rollout.Cohorts",
                $"has region '{c.Region}' first treated in week {c.FirstWeek}; use 2 … {weeks} (the panel's weeks; more history days give more weeks)");
            ShopSimOptions.Require(
                double.IsFinite(c.Level) && double.IsFinite(c.Slope) && c.Level >= 0 && c.Slope >= 0,
                "Rollout.Cohorts",
                $"has region '{c.Region}' with level {c.Level} and slope {c.Slope}; both must be finite and at least 0");
        }

        ShopSimOptions.Require(seen.Count < Engine.World.Regions.Length, "Rollout.Cohorts", "must leave at least one region never treated");
    }
}
