namespace CausalCart.Simulation;

/// <summary>
/// Parameters of the world (items, users) and of the shopping funnel. Defaults give about 100 events
/// per user over 74 days. The equations they enter are in the project's README.
/// </summary>
public sealed record BehaviorOptions
{
    /// <summary>Geometric mean of the categories' median prices, in currency units. Default 25.</summary>
    public double CategoryMedianPrice { get; init; } = 25;

    /// <summary>Standard deviation of ln(category median price). Default 0.7.</summary>
    public double CategoryPriceSigma { get; init; } = 0.7;

    /// <summary>Standard deviation of ln(item price / category median). Default 0.45.</summary>
    public double ItemPriceSigma { get; init; } = 0.45;

    /// <summary>Standard deviation of ln(item popularity). Default 1.0.</summary>
    public double PopularitySigma { get; init; } = 1.0;

    /// <summary>Brands per category. Default 8.</summary>
    public int BrandsPerCategory { get; init; } = 8;

    /// <summary>Standard deviation of ln(engagement); engagement has mean 1. Default 0.9.</summary>
    public double EngagementSigma { get; init; } = 0.9;

    /// <summary>Median budget (a typical comfortable item price), in currency units. Default 40.</summary>
    public double BudgetMedian { get; init; } = 40;

    /// <summary>Standard deviation of ln(budget) around the median and the region shift. Default 0.6.</summary>
    public double BudgetSigma { get; init; } = 0.6;

    /// <summary>Shape k of the Gamma(k, θ) price sensitivity (capped at 4). Default 2.</summary>
    public double PriceSensitivityShape { get; init; } = 2;

    /// <summary>Scale θ of the Gamma(k, θ) price sensitivity. Default 0.5 (mean 1).</summary>
    public double PriceSensitivityScale { get; init; } = 0.5;

    /// <summary>Symmetric Dirichlet concentration of category tastes (small = focused). Default 0.25.</summary>
    public double TasteConcentration { get; init; } = 0.25;

    /// <summary>Share of users who sign up in the <see cref="NewUserDays"/> days before T0. Default 0.12.</summary>
    public double NewUserShare { get; init; } = 0.12;

    /// <summary>A user who signed up within this many days before T0 is in segment <c>new</c>. Default 30.</summary>
    public int NewUserDays { get; init; } = 30;

    /// <summary>Other users signed up uniformly within this many days before the origin. Default 720.</summary>
    public int MaxTenureDays { get; init; } = 720;

    /// <summary>Non-new users are <c>loyal</c> when ln(engagement) + 0.5·z(budget) + noise exceeds this. Default 0.7.</summary>
    public double LoyalThreshold { get; init; } = 0.7;

    /// <summary>Standard deviation of the noise in the loyal/regular split. Default 0.5.</summary>
    public double SegmentNoiseSigma { get; init; } = 0.5;

    /// <summary>Mean sessions per day of a user with engagement 1 on a weekday. Default 0.22.</summary>
    public double SessionsPerDay { get; init; } = 0.22;

    /// <summary>Multiplier of the session rate on Saturdays and Sundays. Default 1.2.</summary>
    public double WeekendFactor { get; init; } = 1.2;

    /// <summary>Share of sessions starting around the evening peak (the rest uniform over the day). Default 0.7.</summary>
    public double EveningShare { get; init; } = 0.7;

    /// <summary>Mean sessions-start hour (UTC) of evening sessions. Default 20.</summary>
    public double EveningPeakHour { get; init; } = 20;

    /// <summary>Standard deviation, in hours, of evening session starts. Default 3.</summary>
    public double EveningSpreadHours { get; init; } = 3;

    /// <summary>Mean of the Poisson number of organic views after the first one. Default 2.5.</summary>
    public double ExtraViewsPerSession { get; init; } = 2.5;

    /// <summary>Probability that a session has a search. Default 0.3.</summary>
    public double SearchProbability { get; init; } = 0.3;

    /// <summary>After a search, probability that each organic view is from the searched category. Default 0.7.</summary>
    public double SearchFocus { get; init; } = 0.7;

    /// <summary>Weight of price sensitivity against relative price in the choice of the viewed item. Default 1.0.</summary>
    public double ViewPriceSensitivityWeight { get; init; } = 1.0;

    /// <summary>Log-odds of carting a viewed item at price = budget. Default −2.0.</summary>
    public double CartIntercept { get; init; } = -2.0;

    /// <summary>Weight of ln(budget / price) in the log-odds of carting. Default 0.5.</summary>
    public double CartBudgetWeight { get; init; } = 0.5;

    /// <summary>Probability of a favourite for a viewed item that was not carted. Default 0.04.</summary>
    public double FavProbability { get; init; } = 0.04;

    /// <summary>Log-odds of buying a carted item at price = budget = category median. Default 0.3.</summary>
    public double BuyIntercept { get; init; } = 0.3;

    /// <summary>Weight of ln(budget / price) in the log-odds of buying. Default 0.4.</summary>
    public double BuyBudgetWeight { get; init; } = 0.4;

    /// <summary>Weight of s·ln(price / category median) (subtracted) in the log-odds of buying. Default 1.2.</summary>
    public double BuyPriceSensitivityWeight { get; init; } = 1.2;

    /// <summary>Median gap between consecutive events of a session, in seconds. Default 30.</summary>
    public double EventGapMedianSeconds { get; init; } = 30;

    /// <summary>Standard deviation of ln(gap). Default 0.8. Gaps are clipped to [1 s, 25 min].</summary>
    public double EventGapSigma { get; init; } = 0.8;

    /// <summary>Exponent λ of the category taste in the recommendation policy. Default 0.5.</summary>
    public double RecommendationTasteExponent { get; init; } = 0.5;

    /// <summary>Exponent η of item popularity in the recommendation policy. Default 1.0.</summary>
    public double RecommendationPopularityExponent { get; init; } = 1.0;

    /// <summary>Log-odds of clicking a recommendation from a category of average taste. Default −1.2.</summary>
    public double RecommendationClickIntercept { get; init; } = -1.2;

    /// <summary>Weight of ln(K·taste) in the log-odds of clicking a recommendation. Default 0.5.</summary>
    public double RecommendationClickTasteWeight { get; init; } = 0.5;

    internal void Validate()
    {
        Positive(CategoryMedianPrice, "Behavior.CategoryMedianPrice");
        NonNegative(CategoryPriceSigma, "Behavior.CategoryPriceSigma");
        NonNegative(ItemPriceSigma, "Behavior.ItemPriceSigma");
        NonNegative(PopularitySigma, "Behavior.PopularitySigma");
        ShopSimOptions.Require(BrandsPerCategory >= 1, "Behavior.BrandsPerCategory", $"must be at least 1 (got {BrandsPerCategory})");
        NonNegative(EngagementSigma, "Behavior.EngagementSigma");
        ShopSimOptions.Require(EngagementSigma <= 3, "Behavior.EngagementSigma", $"must be at most 3 (got {EngagementSigma})");
        Positive(BudgetMedian, "Behavior.BudgetMedian");
        NonNegative(BudgetSigma, "Behavior.BudgetSigma");
        Positive(PriceSensitivityShape, "Behavior.PriceSensitivityShape");
        Positive(PriceSensitivityScale, "Behavior.PriceSensitivityScale");
        Positive(TasteConcentration, "Behavior.TasteConcentration");
        Probability(NewUserShare, "Behavior.NewUserShare");
        ShopSimOptions.Require(NewUserDays >= 1, "Behavior.NewUserDays", $"must be at least 1 (got {NewUserDays})");
        ShopSimOptions.Require(MaxTenureDays >= 1, "Behavior.MaxTenureDays", $"must be at least 1 (got {MaxTenureDays})");
        ShopSimOptions.RequireFinite(LoyalThreshold, "Behavior.LoyalThreshold");
        NonNegative(SegmentNoiseSigma, "Behavior.SegmentNoiseSigma");
        NonNegative(SessionsPerDay, "Behavior.SessionsPerDay");
        ShopSimOptions.Require(SessionsPerDay <= 20, "Behavior.SessionsPerDay", $"must be at most 20 (got {SessionsPerDay})");
        NonNegative(WeekendFactor, "Behavior.WeekendFactor");
        Probability(EveningShare, "Behavior.EveningShare");
        ShopSimOptions.Require(EveningPeakHour is >= 0 and < 24, "Behavior.EveningPeakHour", $"must be in [0, 24) (got {EveningPeakHour})");
        NonNegative(EveningSpreadHours, "Behavior.EveningSpreadHours");
        NonNegative(ExtraViewsPerSession, "Behavior.ExtraViewsPerSession");
        ShopSimOptions.Require(ExtraViewsPerSession <= 100, "Behavior.ExtraViewsPerSession", $"must be at most 100 (got {ExtraViewsPerSession})");
        Probability(SearchProbability, "Behavior.SearchProbability");
        Probability(SearchFocus, "Behavior.SearchFocus");
        ShopSimOptions.RequireFinite(ViewPriceSensitivityWeight, "Behavior.ViewPriceSensitivityWeight");
        ShopSimOptions.RequireFinite(CartIntercept, "Behavior.CartIntercept");
        ShopSimOptions.RequireFinite(CartBudgetWeight, "Behavior.CartBudgetWeight");
        Probability(FavProbability, "Behavior.FavProbability");
        ShopSimOptions.RequireFinite(BuyIntercept, "Behavior.BuyIntercept");
        ShopSimOptions.RequireFinite(BuyBudgetWeight, "Behavior.BuyBudgetWeight");
        ShopSimOptions.RequireFinite(BuyPriceSensitivityWeight, "Behavior.BuyPriceSensitivityWeight");
        Positive(EventGapMedianSeconds, "Behavior.EventGapMedianSeconds");
        NonNegative(EventGapSigma, "Behavior.EventGapSigma");
        ShopSimOptions.RequireFinite(RecommendationTasteExponent, "Behavior.RecommendationTasteExponent");
        ShopSimOptions.RequireFinite(RecommendationPopularityExponent, "Behavior.RecommendationPopularityExponent");
        ShopSimOptions.RequireFinite(RecommendationClickIntercept, "Behavior.RecommendationClickIntercept");
        ShopSimOptions.RequireFinite(RecommendationClickTasteWeight, "Behavior.RecommendationClickTasteWeight");
    }

    private static void Positive(double value, string option) =>
        ShopSimOptions.Require(double.IsFinite(value) && value > 0, option, $"must be a positive finite number (got {value})");

    private static void NonNegative(double value, string option) =>
        ShopSimOptions.Require(double.IsFinite(value) && value >= 0, option, $"must be a non-negative finite number (got {value})");

    private static void Probability(double value, string option) =>
        ShopSimOptions.Require(value is >= 0 and <= 1, option, $"must be a probability in [0, 1] (got {value})");
}
