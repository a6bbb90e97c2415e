namespace CausalCart.Features.Study;

/// <summary>
/// What makes a unit treated (<c>treatment</c>): a campaign exposure (<see cref="CampaignTreatment"/>) or an
/// in-log action (<see cref="ActionTreatment"/>), in both cases within the grace period
/// [t0, t0 + <see cref="Within"/>).
/// </summary>
public abstract record TreatmentSpec
{
    private protected TreatmentSpec(TimeSpan within)
    {
        Within = within;
    }

    /// <summary>(<c>within</c>) Length of the grace period that starts at time zero. Must be positive.</summary>
    public TimeSpan Within { get; init; }
}
