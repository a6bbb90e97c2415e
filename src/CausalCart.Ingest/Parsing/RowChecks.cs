using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace CausalCart.Ingest.Parsing;

/// <summary>Checks and messages shared by the event and exposure readers.</summary>
internal static class RowChecks
{
    private static readonly double[] PowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// The checks every row passes before its fields are read, in this order: the tokenizer's status
    /// (malformed quoting, oversized field or row), valid UTF-8, the column count.
    /// </summary>
    public static bool TryStructural(CsvRowReader csv, ColumnLayout layout, CleaningRules rules, out RejectReason reason, out string detail)
    {
        switch (csv.Status)
        {
            case RowStatus.MalformedQuoting:
                reason = RejectReason.MalformedQuoting;
                detail = $"{layout.LabelOf(csv.StatusField)}: {csv.StatusDetail}; the row is rejected as this one line";
                return false;
            case RowStatus.OversizedField:
                reason = RejectReason.OversizedField;
                detail = $"{layout.LabelOf(csv.StatusField)} is {csv.StatusLength} bytes, over the limit of {rules.MaxFieldBytes}";
                return false;
            case RowStatus.OversizedRow:
                reason = RejectReason.OversizedField;
                detail = csv.RawIsPrefix
                    ? $"row is over the limit of {rules.MaxRowBytes} bytes ({csv.StatusLength} bytes skipped, while reading {layout.LabelOf(csv.StatusField)})"
                    : $"row is {csv.StatusLength} bytes, over the limit of {rules.MaxRowBytes}";
                return false;
        }

        if (!Utf8.IsValid(csv.Raw))
        {
            reason = RejectReason.InvalidUtf8;
            detail = Utf8Detail(csv, layout);
            return false;
        }

        if (csv.FieldCount != layout.ColumnCount)
        {
            reason = RejectReason.WrongColumnCount;
            detail = $"row has {csv.FieldCount} field{(csv.FieldCount == 1 ? string.Empty : "s")}, expected {layout.ColumnCount} ({layout.ExpectedColumns})";
            return false;
        }

        reason = default;
        detail = string.Empty;
        return true;
    }

    private static string Utf8Detail(CsvRowReader csv, ColumnLayout layout)
    {
        for (var i = 0; i < Math.Min(csv.FieldCount, 4096); i++)
        {
            var field = csv.Field(i);
            if (!Utf8.IsValid(field))
            {
                var offset = FirstInvalidUtf8(field);
                return $"{layout.LabelOf(i)} is not valid UTF-8 (byte 0x{field[offset]:X2} at byte {offset} of the field)";
            }
        }

        var rawOffset = FirstInvalidUtf8(csv.Raw);
        return $"row is not valid UTF-8 (byte 0x{csv.Raw[rawOffset]:X2} at byte {rawOffset} of the row)";
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return 0;
    }

    /// <summary>Decodes the header row into trimmed names, or throws naming the source.</summary>
    /// <exception cref="InvalidDataException">The header row is malformed, oversized or not UTF-8.</exception>
    public static string[] ReadHeader(CsvRowReader csv, string source)
    {
        if (csv.Status != RowStatus.Ok)
        {
            throw new InvalidDataException($"{source}: the header (line {csv.Line}) cannot be read: {csv.Status} {csv.StatusDetail}.");
        }

        if (!Utf8.IsValid(csv.Raw))
        {
            throw new InvalidDataException($"{source}: the header (line {csv.Line}) is not valid UTF-8.");
        }

        var names = new string[csv.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Encoding.UTF8.GetString(csv.Field(i)).Trim();
        }

        return names;
    }

    /// <summary>What a timestamp format expects, for details.</summary>
    public static string Describe(TimestampFormat format) => format switch
    {
        TimestampFormat.UnixSeconds => "a unix time in seconds",
        TimestampFormat.UnixMilliseconds => "a unix time in milliseconds",
        TimestampFormat.Iso8601 => "an ISO-8601 date-time with seconds and a zone (Z, UTC or an offset)",
        _ => "a unix time (seconds or milliseconds) or an ISO-8601 date-time with a zone",
    };

    /// <summary>Microseconds since the epoch as ISO-8601 text (or the number, outside the calendar's range).</summary>
    public static string Instant(long micros)
    {
        const long MinMicros = -62_135_596_800_000_000L;    // 0001-01-01
        const long MaxMicros = 253_402_300_799_999_999L;    // 9999-12-31T23:59:59.999999
        return micros is < MinMicros or > MaxMicros
            ? $"{micros} µs after the epoch"
            : DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Parses a decimal number. Plain decimals of up to 15 significant digits take an exact fast path
    /// (an integer divided by a power of ten is correctly rounded when both are exact doubles);
    /// anything else goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> s, out double value)
    {
        long mantissa = 0;
        var digits = 0;
        var fractionDigits = 0;
        var seenPoint = false;
        var i = 0;
        for (; i < s.Length; i++)
        {
            var b = s[i];
            var digit = (uint)(b - '0');
            if (digit <= 9)
            {
                mantissa = (mantissa * 10) + digit;
                digits++;
                if (seenPoint)
                {
                    fractionDigits++;
                }
            }
            else if (b == (byte)'.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                break;
            }
        }

        if (i == s.Length && digits is > 0 and <= 15)
        {
            value = mantissa / PowersOf10[fractionDigits];
            return true;
        }

        return FieldParsers.TryParseDouble(s, out value);
    }
}
