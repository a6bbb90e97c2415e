namespace CausalCart.Simulation;

/// <summary>
/// The coupon targeting policy. An eligible user gets the coupon at T0 with probability
/// e(x) = clip(logistic(score(x)), PropensityFloor, 1 − PropensityFloor), where B30 = buys in [T0 − EligibilityDays, T0),
/// V7 = views in [T0 − 7 d, T0) and R = days from the last event before T0 to T0. With <see cref="TargetingShape.Linear"/>
/// (the default) score = Intercept + BuysWeight·B30 + LogViewsWeight·ln(1 + V7) + RecencyWeight·R; with
/// <see cref="TargetingShape.Rules"/> it is the rule-based policy described there. Only observed history enters, so
/// adjusting for it identifies the effect.
/// </summary>
public sealed record TargetingOptions
{
    /// <summary>The form of the policy's score. Default <see cref="TargetingShape.Linear"/>.</summary>
    public TargetingShape Shape { get; init; } = TargetingShape.Linear;

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

    /// <summary>The policy's log-odds for a user with <paramref name="buys"/> buys in the look-back, <paramref name="views7"/> views in
    /// the last 7 days and <paramref name="daysSinceLast"/> days since the last event.</summary>
    internal double Score(long buys, long views7, double daysSinceLast) => Shape switch
    {
        TargetingShape.Rules => RulesScore(buys, views7, daysSinceLast),
        _ => Intercept + (BuysWeight * buys) + (LogViewsWeight * Math.Log(1 + views7)) + (RecencyWeight * daysSinceLast),
    };

    private static double RulesScore(long buys, long views7, double daysSinceLast)
    {
        double score = buys switch
        {
            >= 1 and <= 3 when daysSinceLast is >= 3 and <= 10 => 1.5,
            0 when views7 >= 8 => 1.0,
            >= 6 => -1.5,
            _ => -1.6,
        };
        if (daysSinceLast <= 1 && buys < 2)
        {
            score += 0.6;
        }

        return score;
    }

    internal void Validate()
    {
        ShopSimOptions.Require(Enum.IsDefined(Shape), "Targeting.Shape", $"must be linear or rules (got {(int)Shape})");
        ShopSimOptions.RequireFinite(Intercept, "Targeting.Intercept");
        ShopSimOptions.RequireFinite(BuysWeight, "Targeting.BuysWeight");
        ShopSimOptions.RequireFinite(LogViewsWeight, "Targeting.LogViewsWeight");
        ShopSimOptions.RequireFinite(RecencyWeight, "Targeting.RecencyWeight");
        ShopSimOptions.Require(PropensityFloor is > 0 and < 0.5, "Targeting.PropensityFloor", $"must be in (0, 0.5) (got {PropensityFloor})");
    }
}

/// <summary>The form of the coupon policy's score.</summary>
public enum TargetingShape
{
    /// <summary>Log-odds linear in B30, ln(1 + V7) and R (a logistic propensity model on those features is correct).</summary>
    Linear,

    /// <summary>
    /// A marketer's rule set, strongly nonlinear in the same history: "win-back" users (1–3 buys in the look-back and a last
    /// visit 3–10 days ago) get log-odds +1.5; "browsers" (no buy but at least 8 views in 7 days) +1.0; heavy buyers (6 or more
    /// buys) −1.5; everyone else −1.6; the score is then shifted by +0.6 when R is within a day (an active-session trigger) but
    /// only for users with fewer than 2 buys. A logistic model linear in these features is misspecified; a flexible learner
    /// (trees) can recover it.
    /// </summary>
    Rules,
}
