namespace CausalCart.Simulation;

/// <summary>
/// An optional mediator M of the coupon's effect: whether the user <b>saves a cart</b> (keeps a cart reminder) during
/// the outcome window [T0, T0 + OutcomeDays). The coupon raises the chance of M, and M raises the log-odds of every
/// checkout in the window, so part of the coupon's effect passes through M (indirect) and part does not (direct).
/// Off unless <see cref="ShopSimOptions.Mediator"/> is set (<c>causalcart simulate --mediator cart</c>).
/// </summary>
/// <remarks>
/// The model, with t the arm and m the mediator (0/1):
/// <list type="bullet">
/// <item>P(M(t) = 1) = logistic(<see cref="Intercept"/> + <see cref="CouponLift"/>·t). One uniform per user, from a
/// stream of its own, decides both M(0) and M(1) (so M(1) ≥ M(0) when the lift is positive).</item>
/// <item>A checkout slot in the window is bought under (t, m) with probability
/// logistic(logit p0 + t·τ + m·<see cref="BuyLift"/>), τ the coupon lift of <see cref="CouponOptions"/>; the slot's one
/// uniform decides all four (t, m) outcomes (common random numbers).</item>
/// </list>
/// Implementation note: M depends on the arm alone, not on the user's traits or history, so there is no M–Y
/// confounding (sequential ignorability holds given the targeting features) and P(T = 1 | M, x) is exactly logistic in
/// (x, M) whenever P(T = 1 | x) is: the mediation estimator's treatment models are then correctly specified. The log
/// (<c>events.csv</c>) follows (T, M(T)); M is written per eligible user to <c>mediation_users.csv</c>, which is the
/// only place it is observed.
/// </remarks>
public sealed record MediatorOptions
{
    /// <summary>Log-odds of M = 1 without the coupon. Default −1.4 (P ≈ 0.20).</summary>
    public double Intercept { get; init; } = -1.4;

    /// <summary>Rise of M's log-odds with the coupon. Default 2.25 (P ≈ 0.70 with the coupon).</summary>
    public double CouponLift { get; init; } = 2.25;

    /// <summary>Rise of a window checkout's buy log-odds when M = 1, in either arm. Default 2.0.</summary>
    public double BuyLift { get; init; } = 2.0;

    internal void Validate()
    {
        ShopSimOptions.RequireFinite(Intercept, "Mediator.Intercept");
        ShopSimOptions.RequireFinite(CouponLift, "Mediator.CouponLift");
        ShopSimOptions.RequireFinite(BuyLift, "Mediator.BuyLift");
    }
}
