namespace CausalCart.Ingest;

/// <summary>
/// The limits a reader applies to every row besides the format's own rules. The defaults suit
/// behaviour logs of the 2000s onwards.
/// </summary>
public sealed record CleaningRules
{
    /// <summary>The default <see cref="EarliestTimestamp"/>: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultEarliestTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Events before this instant are rejected as <see cref="RejectReason.ImplausibleTimestamp"/>.</summary>
    public DateTimeOffset EarliestTimestamp { get; init; } = DefaultEarliestTimestamp;

    /// <summary>
    /// Events later than the clock's "now" (read once when a file is opened) plus this tolerance are
    /// rejected as implausible, unless <see cref="LatestTimestamp"/> is set. Default one day.
    /// </summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromDays(1);

    /// <summary>When set, events later than this instant are rejected instead of using the clock.</summary>
    public DateTimeOffset? LatestTimestamp { get; init; }

    /// <summary>The clock that defines "now" for <see cref="FutureTolerance"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A field longer than this many bytes (after unquoting) is rejected as <see cref="RejectReason.OversizedField"/>. Default 64 KiB.</summary>
    public int MaxFieldBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// A row longer than this many bytes is rejected as <see cref="RejectReason.OversizedField"/> without
    /// being held in memory whole; it bounds the reader's memory. Default 1 MiB; at least <see cref="MaxFieldBytes"/>.
    /// </summary>
    public int MaxRowBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Whether a row whose canonical values repeat an earlier accepted row of the same file is rejected as
    /// <see cref="RejectReason.Duplicate"/> (default true). Costs about 32–64 bytes of memory per accepted row.
    /// </summary>
    public bool RejectDuplicates { get; init; } = true;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFieldBytes, nameof(MaxFieldBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRowBytes, MaxFieldBytes, nameof(MaxRowBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRowBytes, Array.MaxLength - 16, nameof(MaxRowBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(FutureTolerance, TimeSpan.Zero, nameof(FutureTolerance));
        if (LatestTimestamp is { } latest && latest < EarliestTimestamp)
        {
            throw new ArgumentException($"LatestTimestamp {latest:O} is before EarliestTimestamp {EarliestTimestamp:O}.", nameof(LatestTimestamp));
        }
    }

    /// <summary>The accepted range in microseconds since the epoch, with the clock read now.</summary>
    internal (long Min, long Max) TimestampRangeMicros()
    {
        var latest = LatestTimestamp ?? TimeProvider.GetUtcNow() + FutureTolerance;
        return (ToMicros(EarliestTimestamp), ToMicros(latest));
    }

    internal static long ToMicros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
