namespace CausalCart.Simulation;

/// <summary>
/// The coupon targeting policy. An eligible user gets the coupon at T0 with probability
/// e(x) = clip(logistic(Intercept + BuysWeight·B30 + LogViewsWeight·ln(1 + V7) + RecencyWeight·R), PropensityFloor, 1 − PropensityFloor),
/// where B30 = buys in [T0 − EligibilityDays, T0), V7 = views in [T0 − 7 d, T0) and R = days from the
/// last event before T0 to T0. Only observed history enters, so adjusting for it identifies the effect.
/// </summary>
public sealed record TargetingOptions
{
    /// <summary>Intercept a on the log-odds scale. Default −1.6.</summary>
    public double Intercept { get; init; } = -1.6;

    /// <summary>Weight b per buy in the look-back. Default 0.25.</summary>
    public double BuysWeight { get; init; } = 0.25;

    /// <summary>Weight c of ln(1 + views in the last 7 days). Default 0.4.</summary>
    public double LogViewsWeight { get; init; } = 0.4;

    /// <summary>Weight d per day since the last event. Default −0.05.</summary>
    public double RecencyWeight { get; init; } = -0.05;

    /// <summary>Propensities are clipped to [floor, 1 − floor]. Default 0.03. In (0, 0.5).</summary>
    public double PropensityFloor { get; init; } = 0.03;

    internal void Validate()
    {
        ShopSimOptions.RequireFinite(Intercept, "Targeting.Intercept");
        ShopSimOptions.RequireFinite(BuysWeight, "Targeting.BuysWeight");
        ShopSimOptions.RequireFinite(LogViewsWeight, "Targeting.LogViewsWeight");
        ShopSimOptions.RequireFinite(RecencyWeight, "Targeting.RecencyWeight");
        ShopSimOptions.Require(PropensityFloor is > 0 and < 0.5, "Targeting.PropensityFloor", $"must be in (0, 0.5) (got {PropensityFloor})");
    }
}
