namespace CausalCart.Causal.Matching;

/// <summary>The distance on which units are matched.</summary>
public enum MatchingDistance
{
    /// <summary>|ê(xᵢ) − ê(xⱼ)| on the scale of <see cref="MatchingOptions.PropensityScale"/>, ê from the logistic propensity model.</summary>
    Propensity,

    /// <summary>√((xᵢ − xⱼ)ᵀ S⁻¹ (xᵢ − xⱼ)) on <see cref="MatchingOptions.MahalanobisColumns"/>, S their full-sample covariance.</summary>
    Mahalanobis,
}

/// <summary>The scale of the propensity score used as a matching distance.</summary>
public enum PropensityScale
{
    /// <summary>The probability ê (MatchIt's default).</summary>
    Probability,

    /// <summary>The log-odds log(ê/(1 − ê)) (Austin 2011 recommends a caliper of 0.2 SD on this scale).</summary>
    Logit,
}

/// <summary>The order in which focal units pick their matches when matching without replacement (greedy).</summary>
public enum GreedyOrder
{
    /// <summary>Descending distance score for propensity matching (MatchIt's "largest"), data order for Mahalanobis.</summary>
    Auto,

    /// <summary>Focal units by descending propensity score (ties by row), so the hardest-to-match treated units choose first.</summary>
    Descending,

    /// <summary>Focal units by ascending propensity score (ties by row).</summary>
    Ascending,

    /// <summary>Focal units in row order.</summary>
    Data,
}

/// <summary>
/// Settings of <see cref="MatchingEstimator"/>. Immutable. The defaults give the Abadie–Imbens (2006) estimator:
/// one nearest neighbour on the propensity score, with replacement, ties kept, no caliper, no bias correction.
/// </summary>
public sealed record MatchingOptions
{
    /// <summary>The matching distance (default <see cref="MatchingDistance.Propensity"/>).</summary>
    public MatchingDistance Distance { get; init; } = MatchingDistance.Propensity;

    /// <summary>The scale of the propensity distance and caliper (default <see cref="PropensityScale.Probability"/>).</summary>
    public PropensityScale PropensityScale { get; init; } = PropensityScale.Probability;

    /// <summary>Covariate names used by the Mahalanobis distance; null uses every covariate not in <see cref="ExactColumns"/>.</summary>
    public IReadOnlyList<string>? MahalanobisColumns { get; init; }

    /// <summary>Covariate names on which matches must agree exactly (candidates are restricted to the same cell); empty for none.</summary>
    public IReadOnlyList<string> ExactColumns { get; init; } = [];

    /// <summary>Matches per focal unit M (k:1 matching; default 1). With replacement, controls tied with the M-th nearest are all kept.</summary>
    public int Neighbors { get; init; } = 1;

    /// <summary>Whether a unit may serve as a match more than once (default true). Without replacement only the ATT is estimated.</summary>
    public bool Replacement { get; init; } = true;

    /// <summary>
    /// Largest allowed distance, or null for none. Propensity distance: in standard deviations of the score on
    /// <see cref="PropensityScale"/> over all units (as MatchIt's std.caliper); Mahalanobis: in Mahalanobis units.
    /// Focal units with no candidate inside the caliper are dropped and counted.
    /// </summary>
    public double? Caliper { get; init; }

    /// <summary>Greedy order when <see cref="Replacement"/> is false (default <see cref="GreedyOrder.Auto"/>).</summary>
    public GreedyOrder Order { get; init; } = GreedyOrder.Auto;

    /// <summary>Same-arm neighbours J used to estimate the conditional variance σ²(x) in the Abadie–Imbens standard error (default 2, as Stata's teffects).</summary>
    public int VarianceNeighbors { get; init; } = 2;

    /// <summary>Whether to apply the Abadie–Imbens (2011) regression bias correction with linear outcome models on all covariates (default false).</summary>
    public bool BiasCorrection { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Distance) || !Enum.IsDefined(PropensityScale) || !Enum.IsDefined(Order))
        {
            throw new ArgumentException("Distance, PropensityScale and Order must be defined enum values.", nameof(Distance));
        }

        if (Neighbors < 1)
        {
            throw new ArgumentException($"Neighbors {Neighbors} must be at least 1.", nameof(Neighbors));
        }

        if (VarianceNeighbors < 1)
        {
            throw new ArgumentException($"VarianceNeighbors {VarianceNeighbors} must be at least 1.", nameof(VarianceNeighbors));
        }

        if (Caliper is { } c && !(c > 0 && double.IsFinite(c)))
        {
            throw new ArgumentException($"Caliper {c} must be positive and finite, or null for none.", nameof(Caliper));
        }

        if (ExactColumns is null || ExactColumns.Distinct(StringComparer.Ordinal).Count() != ExactColumns.Count)
        {
            throw new ArgumentException("ExactColumns must be a list of distinct covariate names (empty for none).", nameof(ExactColumns));
        }

        if (MahalanobisColumns is { } m && (m.Count == 0 || m.Distinct(StringComparer.Ordinal).Count() != m.Count))
        {
            throw new ArgumentException("MahalanobisColumns must be null (all covariates) or a non-empty list of distinct names.", nameof(MahalanobisColumns));
        }
    }
}
