namespace CausalCart.Ingest;

/// <summary>How a timestamp field is written.</summary>
public enum TimestampFormat
{
    /// <summary>
    /// Decided per value: a decimal number is unix time, in seconds when its magnitude is below 1e11
    /// (before the year 5138) and in milliseconds otherwise; anything else must be ISO-8601.
    /// </summary>
    Auto,

    /// <summary>Unix time in seconds, optionally with a fraction (<c>1511658000</c>, <c>1511658000.25</c>).</summary>
    UnixSeconds,

    /// <summary>Unix time in milliseconds, optionally with a fraction (<c>1433221332117</c>).</summary>
    UnixMilliseconds,

    /// <summary>
    /// ISO-8601 date and time with seconds and an explicit zone: <c>2014-04-07T10:51:09.277Z</c>,
    /// <c>2019-10-01 00:00:00 UTC</c>, <c>2019-10-01T02:00:00+02:00</c> (also <c>+0200</c>, <c>+02</c>).
    /// Up to 9 fraction digits; precision beyond microseconds is truncated. A time without a zone is rejected.
    /// </summary>
    Iso8601,
}
