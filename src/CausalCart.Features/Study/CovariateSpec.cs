namespace CausalCart.Features.Study;

/// <summary>
/// Which history becomes covariates (<c>covariates</c>). Every covariate reads only events with
/// ts &lt; t0 − <see cref="Gap"/>; a look-back L covers [t0 − Gap − L, t0 − Gap).
/// </summary>
public sealed record CovariateSpec
{
    // Declared before Default: static initialisers run in textual order and Default reads it.
    /// <summary>The recency cap used when none is given: 365 days.</summary>
    public static readonly TimeSpan DefaultRecencyCap = TimeSpan.FromDays(365);

    /// <summary>Seven and thirty days of action counts and recency, used when a spec gives no <c>covariates</c>.</summary>
    public static CovariateSpec Default { get; } = new()
    {
        Lookbacks = [TimeSpan.FromDays(7), TimeSpan.FromDays(30)],
        Families = [CovariateFamily.ActionCounts, CovariateFamily.Recency],
    };

    /// <summary>(<c>lookbacks</c>) Look-back lengths, positive, whole seconds, distinct.</summary>
    public IReadOnlyList<TimeSpan> Lookbacks { get; init; } = [];

    /// <summary>(<c>families</c>) Covariate families, distinct.</summary>
    public IReadOnlyList<CovariateFamily> Families { get; init; } = [];

    /// <summary>
    /// (<c>gap</c>) A blackout before time zero that no covariate reads, zero unless given; must not be
    /// negative (that would read at or after time zero).
    /// </summary>
    public TimeSpan Gap { get; init; }

    /// <summary>
    /// (<c>recency_cap</c>) Recency looks back at most this far; a unit with no event that recent gets the cap
    /// and a missing indicator of 1. Positive.
    /// </summary>
    public TimeSpan RecencyCap { get; init; } = DefaultRecencyCap;
}
