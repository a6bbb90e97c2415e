namespace CausalCart.Features.Study;

/// <summary>
/// Treated = the user has an exposure of <see cref="Campaign"/> (in <see cref="Arm"/> when given) with
/// t0 ≤ ts &lt; t0 + <see cref="TreatmentSpec.Within"/> (default one day). Only for <see cref="StudyUnit.User"/>.
/// Exposures in another arm (a holdout) leave the unit untreated.
/// </summary>
public sealed record CampaignTreatment : TreatmentSpec
{
    /// <summary>The grace period used when the spec gives none: one day.</summary>
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromDays(1);

    /// <summary>Creates a campaign treatment.</summary>
    /// <param name="campaign">Campaign key (<c>ids_campaign.key</c>).</param>
    /// <param name="arm">Arm that counts as treated, or null for any arm.</param>
    /// <param name="within">Grace period; null for <see cref="DefaultWithin"/>.</param>
    public CampaignTreatment(string campaign, string? arm = null, TimeSpan? within = null)
        : base(within ?? DefaultWithin)
    {
        Campaign = campaign;
        Arm = arm;
    }

    /// <summary>(<c>campaign</c>) Campaign key.</summary>
    public string Campaign { get; init; }

    /// <summary>(<c>arm</c>) Arm that counts as treated, or null for any arm.</summary>
    public string? Arm { get; init; }
}
