namespace CausalCart.Causal.DiD;

/// <summary>
/// Options of <see cref="CallawaySantAnna"/>. Immutable; defaults follow the R <c>did</c> package's <c>att_gt</c>
/// (never-treated controls, doubly robust, no anticipation, varying base period, 95 % intervals, 1,000 bootstrap draws).
/// </summary>
public sealed record CallawaySantAnnaOptions
{
    /// <summary>Comparison units. Default <see cref="DidControlGroup.NeverTreated"/>.</summary>
    public DidControlGroup ControlGroup { get; init; } = DidControlGroup.NeverTreated;

    /// <summary>Covariate adjustment of each 2×2 comparison (ignored without covariates). Default doubly robust.</summary>
    public DidEstimation Estimation { get; init; } = DidEstimation.DoublyRobust;

    /// <summary>Periods δ ≥ 0 before g in which units may already react: comparisons use base periods before g − δ. Default 0.</summary>
    public int Anticipation { get; init; }

    /// <summary>Base period of pre-treatment cells. Default <see cref="DidBasePeriod.Varying"/> (as in <c>did</c>).</summary>
    public DidBasePeriod BasePeriod { get; init; } = DidBasePeriod.Varying;

    /// <summary>Nominal coverage of pointwise intervals and uniform bands, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>
    /// Multiplier-bootstrap draws for uniform (simultaneous) bands and bootstrap standard errors; 0 switches the bootstrap
    /// off (bands then equal pointwise intervals). Default 1,000.
    /// </summary>
    public int BootstrapReplications { get; init; } = 1000;

    /// <summary>Seed of the multiplier bootstrap; the same seed gives the same bands whatever the thread count. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (Anticipation < 0)
        {
            throw new ArgumentException($"Anticipation is {Anticipation}; it must be 0 or more periods.", nameof(Anticipation));
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentException($"ConfidenceLevel is {ConfidenceLevel}; it must lie strictly between 0 and 1 (e.g. 0.95).", nameof(ConfidenceLevel));
        }

        if (BootstrapReplications < 0 || BootstrapReplications is > 0 and < 100)
        {
            throw new ArgumentException($"BootstrapReplications is {BootstrapReplications}; use 0 (no bootstrap) or at least 100.", nameof(BootstrapReplications));
        }

        if (!Enum.IsDefined(ControlGroup) || !Enum.IsDefined(Estimation) || !Enum.IsDefined(BasePeriod))
        {
            throw new ArgumentException("ControlGroup, Estimation or BasePeriod is not a defined value.", nameof(ControlGroup));
        }
    }
}
