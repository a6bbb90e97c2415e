namespace CausalCart.Core.Results;

/// <summary>
/// An effect estimation method. Serialised as its snake_case name (<c>naive</c>, <c>regression</c>,
/// <c>ipw</c>, <c>aipw</c>); specs and the CLI use the same names. New methods are appended.
/// </summary>
public enum EffectMethod
{
    /// <summary>Difference in mean outcome between treated and control: the association, not an effect.</summary>
    Naive,

    /// <summary>Regression adjustment (g-computation): average of predicted Y(1) − Y(0) from outcome models.</summary>
    Regression,

    /// <summary>Inverse probability weighting with normalised (Hájek) weights.</summary>
    Ipw,

    /// <summary>Augmented IPW (doubly robust) with cross-fitted nuisances and influence-function standard errors.</summary>
    Aipw,

    /// <summary>Difference-in-differences, 2×2 design (two periods, treated and comparison units), optionally covariate-adjusted (Sant'Anna &amp; Zhao 2020).</summary>
    DidTwoByTwo,

    /// <summary>Staggered-adoption difference-in-differences of Callaway &amp; Sant'Anna (2021): group-time effects and their aggregations.</summary>
    CallawaySantAnna,

    /// <summary>Two-way fixed-effects regression (unit and period effects); biased under staggered adoption with heterogeneous effects.</summary>
    TwoWayFixedEffects,
}
