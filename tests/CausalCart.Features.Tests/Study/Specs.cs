namespace CausalCart.Features.Tests.Study;

/// <summary>Spec texts shared by tests.</summary>
internal static class Specs
{
    /// <summary>The user-level campaign study exactly as the brief shows it.</summary>
    public const string WinterCoupon = """
        study: winter-coupon
        data: { store: shop.duckdb }        # or { events: events.csv, format: generic, exposures: exposures.csv }
        unit: user
        time_zero: { at: 2024-01-13T00:00:00Z }    # or { campaign: winter_coupon }: the campaign's first exposure
        eligibility: { active_within: 30d }        # ≥ 1 event in the 30 days before time zero
        treatment: { campaign: winter_coupon }     # exposed in this campaign = treated (optionally arm: coupon)
        outcome: { action: buy, within: 7d }       # 1 if that action occurs in [time zero, time zero + 7d); value: any|count|revenue (default any)
        covariates: { lookbacks: [1d, 7d, 30d, 60d], families: [action_counts, recency, price_stats, category_affinity] }
        estimators: [naive, regression, ipw, aipw]
        nuisance: logistic                          # learner family for nuisance models
        seed: 1
        """;

    /// <summary>The user–item design: first view, cart within 10 minutes, buy within an hour after that.</summary>
    public const string ViewCartBuy = """
        study: cart-effect
        data: { store: shop.duckdb }
        unit: user_item
        time_zero: { first: view, period: { from: 2024-01-01, to: 2024-02-01 } }
        treatment: { action: cart, within: 10m }
        outcome: { action: buy, within: 1h, after_grace: true }
        covariates: { lookbacks: [1d, 7d], families: [action_counts, category_affinity] }
        estimators: [aipw]
        refuters: [placebo, random_common_cause, subset]
        """;
}
