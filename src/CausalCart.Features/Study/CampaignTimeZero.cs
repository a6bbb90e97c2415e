namespace CausalCart.Features.Study;

/// <summary>
/// Time zero is the campaign's first exposure (<c>time_zero: { campaign: winter_coupon }</c>): the earliest
/// <c>exposures.ts</c> of the campaign, in any arm; the same instant for every unit.
/// </summary>
/// <param name="Campaign">Campaign key as it appears in the exposure log (<c>ids_campaign.key</c>).</param>
public sealed record CampaignTimeZero(string Campaign) : TimeZeroSpec;
