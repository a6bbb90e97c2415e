namespace CausalCart.Features.Study;

/// <summary>
/// When follow-up starts for each unit (<c>time_zero</c>): one of <see cref="FixedTimeZero"/> (<c>at</c>),
/// <see cref="CampaignTimeZero"/> (<c>campaign</c>) or <see cref="FirstActionTimeZero"/> (<c>first</c>).
/// Every covariate is measured strictly before it; treatment and outcome windows start at or after it.
/// </summary>
public abstract record TimeZeroSpec
{
    private protected TimeZeroSpec()
    {
    }
}
