namespace CausalCart.Features.Study;

/// <summary>
/// Who enters the study (<c>eligibility</c>). The candidates are, for a time zero shared by all units
/// (<see cref="FixedTimeZero"/>, <see cref="CampaignTimeZero"/>), the users with at least one event before
/// time zero; for <see cref="FirstActionTimeZero"/>, every unit whose first action falls in the period.
/// </summary>
public sealed record EligibilitySpec
{
    /// <summary>Every candidate unit (no activity requirement).</summary>
    public static EligibilitySpec Everyone { get; } = new();

    /// <summary>
    /// (<c>active_within</c>) When set, the unit's user must have at least one event in
    /// [t0 − <see cref="ActiveWithin"/>, t0). Must be positive.
    /// </summary>
    public TimeSpan? ActiveWithin { get; init; }
}
