namespace CausalCart.Store.DuckDb;

/// <summary>
/// Conversions between .NET dates and DuckDB's storage units: TIMESTAMP is microseconds since
/// 1970-01-01T00:00:00 (UTC by convention in CausalCart), DATE is days since 1970-01-01.
/// </summary>
public static class DuckDbTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;
    private static readonly long MinMicros = -(DateTime.UnixEpoch.Ticks / TicksPerMicrosecond);
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>
    /// Microseconds since the Unix epoch. A <see cref="DateTimeKind.Local"/> value is converted to UTC
    /// first; <see cref="DateTimeKind.Unspecified"/> is taken as UTC. Sub-microsecond ticks are truncated toward
    /// the earlier microsecond.
    /// </summary>
    public static long ToMicros(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        var ticks = value.Ticks - EpochTicks;
        return ticks >= 0 ? ticks / TicksPerMicrosecond : -((-ticks + TicksPerMicrosecond - 1) / TicksPerMicrosecond);
    }

    /// <summary>The UTC <see cref="DateTime"/> for microseconds since the Unix epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside years 1–9999 (DuckDB's
    /// <c>infinity</c> timestamps are); cast such columns to VARCHAR to read them.</exception>
    public static DateTime FromMicros(long micros)
    {
        if (micros > MaxMicros || micros < MinMicros)
        {
            throw new ArgumentOutOfRangeException(nameof(micros), micros,
                "TIMESTAMP is outside the range .NET DateTime can hold (years 1-9999), e.g. 'infinity'. Cast it to VARCHAR to read it.");
        }

        return new DateTime(EpochTicks + (micros * TicksPerMicrosecond), DateTimeKind.Utc);
    }

    /// <summary>Days since 1970-01-01.</summary>
    public static int ToDays(DateOnly value) => value.DayNumber - EpochDayNumber;

    /// <summary>The date for days since 1970-01-01.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside years 1–9999 (DuckDB's
    /// <c>infinity</c> dates are); cast such columns to VARCHAR to read them.</exception>
    public static DateOnly FromDays(int days)
    {
        var dayNumber = (long)days + EpochDayNumber;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days,
                "DATE is outside the range .NET DateOnly can hold (years 1-9999), e.g. 'infinity'. Cast it to VARCHAR to read it.");
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }
}
