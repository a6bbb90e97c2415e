namespace CausalCart.Simulation;

/// <summary>
/// Untreated buying after T0 as a function of the same observed history the targeting policy reads: B30 = buys in
/// [T0 − EligibilityDays, T0) and R = days from the last event before T0 to T0. With <see cref="BaselineShape.Linear"/>
/// (the default) nothing changes. With <see cref="BaselineShape.Rules"/>, every checkout slot at or after T0 of a user with
/// 1 ≤ B30 ≤ 3 and 3 ≤ R ≤ 10 is bought without the coupon with probability p0 = logistic(logit p0° + LapsingShift), where
/// p0° is the usual checkout probability; with the coupon (inside its window) it is still logistic(logit p0° + τ), so for these
/// users the coupon also undoes the lapse and their lift on the log-odds scale is τ − LapsingShift.
/// </summary>
/// <remarks>
/// Implementation note: the shift depends only on history before T0, which is complete when the first slot at or after T0 is
/// drawn, and it changes a threshold, not a draw; so potential outcomes still come from common random numbers, the history is
/// untouched, and the default leaves every output byte-identical. LapsingShift ≤ 0 keeps Y(1) ≥ Y(0) for buys.
/// </remarks>
public sealed record BaselineOptions
{
    /// <summary>The form of the dependence. Default <see cref="BaselineShape.Linear"/> (none).</summary>
    public BaselineShape Shape { get; init; } = BaselineShape.Linear;

    /// <summary>Shift of lapsing users' untreated checkout log-odds after T0 under <see cref="BaselineShape.Rules"/>. Default −3; in [−10, 0].</summary>
    public double LapsingShift { get; init; } = -3.0;

    /// <summary>The shift of the untreated checkout log-odds at or after T0 for a user with <paramref name="buys"/> buys in the
    /// look-back and <paramref name="daysSinceLast"/> days since the last event before T0.</summary>
    internal double Shift(long buys, double daysSinceLast) =>
        Shape == BaselineShape.Rules && buys is >= 1 and <= 3 && daysSinceLast is >= 3 and <= 10 ? LapsingShift : 0;

    internal void Validate()
    {
        ShopSimOptions.Require(Enum.IsDefined(Shape), "Baseline.Shape", $"must be linear or rules (got {(int)Shape})");
        ShopSimOptions.Require(LapsingShift is >= -10 and <= 0, "Baseline.LapsingShift", $"must be in [-10, 0] so that the coupon never lowers buying (got {LapsingShift})");
    }
}
