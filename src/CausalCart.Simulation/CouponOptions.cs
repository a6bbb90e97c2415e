namespace CausalCart.Simulation;

/// <summary>
/// The coupon's effect. While the coupon is valid ([T0, T0 + OutcomeDays)) a treated user's
/// log-odds of buying a carted item rise by
/// τ = BaseLift + PriceSensitivityLift·s + SegmentLift(segment) + PromotedCategoryLift·[category promoted],
/// and a bought item costs (1 − Discount) of its list price. All lifts are on the log-odds scale.
/// </summary>
public sealed record CouponOptions
{
    /// <summary>Lift for every user and item. Default 0.2.</summary>
    public double BaseLift { get; init; } = 0.2;

    /// <summary>Lift per unit of the user's latent price sensitivity s (mean 1). Default 0.5.</summary>
    public double PriceSensitivityLift { get; init; } = 0.5;

    /// <summary>Extra lift for users in segment <c>new</c>. Default 1.2.</summary>
    public double NewSegmentLift { get; init; } = 1.2;

    /// <summary>Extra lift for users in segment <c>regular</c>. Default 0.3.</summary>
    public double RegularSegmentLift { get; init; } = 0.3;

    /// <summary>Extra lift for users in segment <c>loyal</c>. Default 0.</summary>
    public double LoyalSegmentLift { get; init; }

    /// <summary>Extra lift for items of promoted categories. Default 0.4.</summary>
    public double PromotedCategoryLift { get; init; } = 0.4;

    /// <summary>Every k-th category is promoted: category ids 1, 1 + k, 1 + 2k, …. Default 5.</summary>
    public int PromotedCategoryEvery { get; init; } = 5;

    /// <summary>Fractional discount on the list price of items bought with the coupon. Default 0.10. In [0, 1).</summary>
    public double Discount { get; init; } = 0.10;

    internal void Validate()
    {
        ShopSimOptions.RequireFinite(BaseLift, "Coupon.BaseLift");
        ShopSimOptions.RequireFinite(PriceSensitivityLift, "Coupon.PriceSensitivityLift");
        ShopSimOptions.RequireFinite(NewSegmentLift, "Coupon.NewSegmentLift");
        ShopSimOptions.RequireFinite(RegularSegmentLift, "Coupon.RegularSegmentLift");
        ShopSimOptions.RequireFinite(LoyalSegmentLift, "Coupon.LoyalSegmentLift");
        ShopSimOptions.RequireFinite(PromotedCategoryLift, "Coupon.PromotedCategoryLift");
        ShopSimOptions.Require(PromotedCategoryEvery >= 1, "Coupon.PromotedCategoryEvery", $"must be at least 1 (got {PromotedCategoryEvery})");
        ShopSimOptions.Require(Discount is >= 0 and < 1, "Coupon.Discount", $"must be in [0, 1) (got {Discount})");
    }
}
