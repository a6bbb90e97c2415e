namespace CausalCart.Features.Study;

/// <summary>The same time zero for every unit (<c>time_zero: { at: 2024-01-13T00:00:00Z }</c>).</summary>
/// <param name="At">The instant, in UTC. A value of unspecified kind is taken as UTC; a local one is converted.</param>
public sealed record FixedTimeZero(DateTime At) : TimeZeroSpec
{
    /// <summary>The instant as UTC.</summary>
    public DateTime AtUtc => At.Kind switch
    {
        DateTimeKind.Local => At.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(At, DateTimeKind.Utc),
        _ => At,
    };
}
