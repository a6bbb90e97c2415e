using System.Globalization;

namespace CausalCart.Ingest.Parsing;

/// <summary>Outcome of parsing a timestamp field.</summary>
internal enum TimeParse : byte
{
    /// <summary>Parsed.</summary>
    Ok,

    /// <summary>Not a timestamp in the expected format.</summary>
    Unparsable,

    /// <summary>Well formed, but too far from 1970 to be held in microseconds.</summary>
    OutOfRange,
}

/// <summary>Allocation-free parsers for the field types of event logs, on UTF-8 bytes.</summary>
/// <remarks>
/// Implementation note: ids and unix times are plain ASCII digit loops (faster than a general number
/// parser for the short runs seen in logs). The ISO-8601 parser accepts only the fixed-width forms
/// logs actually use (see <see cref="TimestampFormat.Iso8601"/>) and computes days from the civil
/// date with Howard Hinnant's <c>days_from_civil</c>.
/// </remarks>
internal static class FieldParsers
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MaxSeconds = long.MaxValue / MicrosPerSecond - 1;
    private const long MaxMillis = long.MaxValue / 1000 - 1;

    /// <summary>
    /// Whether the field is a canonical non-negative decimal as <see cref="IdDictionary"/> defines it
    /// (no sign, no leading zero, at most 18 digits), and its value.
    /// </summary>
    public static bool TryCanonicalId(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if ((uint)(s.Length - 1) >= 18 || (s[0] == (byte)'0' && s.Length > 1))
        {
            return false;
        }

        long acc = 0;
        foreach (var b in s)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            acc = (acc * 10) + digit;
        }

        value = acc;
        return true;
    }

    /// <summary>Returns the dense id of a key field, adding it to the dictionary if new.</summary>
    public static int GetOrAddId(IdDictionary dictionary, ReadOnlySpan<byte> key)
    {
        return TryCanonicalId(key, out var number) ? dictionary.GetOrAdd(number) : dictionary.GetOrAdd(key);
    }

    /// <summary>Parses a timestamp in the given format into microseconds since the Unix epoch.</summary>
    public static TimeParse TryParseTimestamp(ReadOnlySpan<byte> s, TimestampFormat format, out long micros)
    {
        switch (format)
        {
            case TimestampFormat.UnixSeconds:
                return TryParseUnix(s, MicrosPerSecond, out micros);
            case TimestampFormat.UnixMilliseconds:
                return TryParseUnix(s, 1000, out micros);
            case TimestampFormat.Iso8601:
                return TryParseIso8601(s, out micros);
            default:
                if (s.IsEmpty)
                {
                    micros = 0;
                    return TimeParse.Unparsable;
                }

                var first = s[0];
                if (first == (byte)'-' || (uint)(first - '0') <= 9)
                {
                    // Numbers and ISO dates both start with a digit; a '-' or 'T' or ' ' at index 4 means a date.
                    if (s.Length >= 10 && s[4] == (byte)'-')
                    {
                        return TryParseIso8601(s, out micros);
                    }

                    if (!TrySplitDecimal(s, out var negative, out var integer, out var fraction, out var overflow))
                    {
                        micros = 0;
                        return TimeParse.Unparsable;
                    }

                    // Below 1e11 a count is read as seconds (up to the year 5138), else as milliseconds.
                    var unit = !overflow && integer < 100_000_000_000L ? MicrosPerSecond : 1000;
                    return FromParts(negative, integer, fraction, overflow, unit, out micros);
                }

                return TryParseIso8601(s, out micros);
        }
    }

    /// <summary>Parses <c>[-]digits[.digits]</c> as a count of units of <paramref name="microsPerUnit"/> microseconds.</summary>
    public static TimeParse TryParseUnix(ReadOnlySpan<byte> s, long microsPerUnit, out long micros)
    {
        micros = 0;
        return TrySplitDecimal(s, out var negative, out var integer, out var fraction, out var overflow)
            ? FromParts(negative, integer, fraction, overflow, microsPerUnit, out micros)
            : TimeParse.Unparsable;
    }

    private static TimeParse FromParts(bool negative, long integer, ReadOnlySpan<byte> fraction, bool overflow, long microsPerUnit, out long micros)
    {
        micros = 0;
        if (overflow || integer > (microsPerUnit == MicrosPerSecond ? MaxSeconds : MaxMillis))
        {
            return TimeParse.OutOfRange;
        }

        // fraction holds the digits after the point; scale them to microseconds, truncating.
        long fractionMicros = 0;
        var scale = microsPerUnit;
        foreach (var b in fraction)
        {
            scale /= 10;
            if (scale == 0)
            {
                break;
            }

            fractionMicros += (b - '0') * scale;
        }

        var value = (integer * microsPerUnit) + fractionMicros;
        micros = negative ? -value : value;
        return TimeParse.Ok;
    }

    private static bool TrySplitDecimal(ReadOnlySpan<byte> s, out bool negative, out long integer, out ReadOnlySpan<byte> fraction, out bool overflow)
    {
        negative = false;
        integer = 0;
        fraction = default;
        overflow = false;
        var i = 0;
        if (!s.IsEmpty && s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        var digitsStart = i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            if (i - digitsStart >= 18)
            {
                overflow = true;
            }
            else
            {
                integer = (integer * 10) + (s[i] - '0');
            }

            i++;
        }

        if (i == digitsStart)
        {
            return false;
        }

        if (i == s.Length)
        {
            return true;
        }

        if (s[i] != (byte)'.')
        {
            return false;
        }

        var fractionStart = ++i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            i++;
        }

        fraction = s[fractionStart..i];
        return i == s.Length && i > fractionStart;
    }

    /// <summary>
    /// Parses <c>YYYY-MM-DD(T| )hh:mm:ss[.f{1,9}](Z| UTC|±hh[:mm]|±hhmm)</c> into microseconds since the epoch.
    /// </summary>
    public static TimeParse TryParseIso8601(ReadOnlySpan<byte> s, out long micros)
    {
        micros = 0;
        if (s.Length < 20
            || s[4] != (byte)'-' || s[7] != (byte)'-'
            || (s[10] != (byte)'T' && s[10] != (byte)' ' && s[10] != (byte)'t')
            || s[13] != (byte)':' || s[16] != (byte)':')
        {
            return TimeParse.Unparsable;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return TimeParse.Unparsable;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return TimeParse.Unparsable;
        }

        var i = 19;
        long fractionMicros = 0;
        if (s[i] == (byte)'.' || s[i] == (byte)',')
        {
            i++;
            var start = i;
            var scale = MicrosPerSecond;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                scale /= 10;
                fractionMicros += (s[i] - '0') * scale;
                i++;
            }

            if (i == start || i - start > 9)
            {
                return TimeParse.Unparsable;
            }
        }

        var rest = s[i..];
        long offsetSeconds;
        if (rest.SequenceEqual("Z"u8) || rest.SequenceEqual("z"u8) || rest.SequenceEqual(" UTC"u8))
        {
            offsetSeconds = 0;
        }
        else if (!TryOffset(rest, out offsetSeconds))
        {
            return TimeParse.Unparsable;
        }

        long days = DaysFromCivil(year, month, day);
        var seconds = (days * 86_400) + (hour * 3600) + (minute * 60) + second - offsetSeconds;
        micros = (seconds * MicrosPerSecond) + fractionMicros;
        return TimeParse.Ok;
    }

    private static bool TryOffset(ReadOnlySpan<byte> s, out long offsetSeconds)
    {
        offsetSeconds = 0;
        if (s.Length < 3 || (s[0] != (byte)'+' && s[0] != (byte)'-') || !TryDigits(s, 1, 2, out var hours))
        {
            return false;
        }

        var minutes = 0;
        if (s.Length == 6)
        {
            if (s[3] != (byte)':' || !TryDigits(s, 4, 2, out minutes))
            {
                return false;
            }
        }
        else if (s.Length == 5)
        {
            if (!TryDigits(s, 3, 2, out minutes))
            {
                return false;
            }
        }
        else if (s.Length != 3)
        {
            return false;
        }

        if (hours > 18 || minutes > 59)
        {
            return false;
        }

        offsetSeconds = ((hours * 3600) + (minutes * 60)) * (s[0] == (byte)'-' ? -1 : 1);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    /// <summary>Days from 1970-01-01 to the proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms").</summary>
    internal static int DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - (era * 400);                                          // [0, 399]
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;  // [0, 365]
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;  // [0, 146096]
        return (era * 146_097) + dayOfEra - 719_468;
    }

    /// <summary>Parses a decimal number (invariant culture, exponent allowed); <c>NaN</c> and infinities parse too.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
