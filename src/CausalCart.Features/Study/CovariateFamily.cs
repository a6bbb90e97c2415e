namespace CausalCart.Features.Study;

/// <summary>
/// A family of covariate columns, each measured from the unit's events strictly before time zero.
/// Column names are listed in the project README. Spec names in brackets.
/// </summary>
public enum CovariateFamily
{
    /// <summary>(<c>action_counts</c>) Events per canonical action per look-back: <c>views_7d</c>, <c>buys_30d</c>, ….</summary>
    ActionCounts,

    /// <summary>(<c>recency</c>) Days since the last event and since the last buy, capped, with missing indicators.</summary>
    Recency,

    /// <summary>(<c>price_stats</c>) Mean and maximum price of viewed items and total spend over the longest look-back.</summary>
    PriceStats,

    /// <summary>
    /// (<c>category_affinity</c>) For a user: the share of categorised events in the user's top category.
    /// For a user–item pair: the share (and number) of the user's events in the item's category.
    /// Over the longest look-back.
    /// </summary>
    CategoryAffinity,

    /// <summary>(<c>sessions</c>) Distinct sessions with at least one event in each look-back.</summary>
    Sessions,
}
