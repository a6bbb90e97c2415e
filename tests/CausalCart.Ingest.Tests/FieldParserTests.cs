using System.Globalization;
using System.Text;
using CausalCart.Ingest.Parsing;

namespace CausalCart.Ingest.Tests;

public sealed class FieldParserTests
{
    [Theory]
    [InlineData("2014-04-07T10:51:09.277Z", "2014-04-07T10:51:09.277Z")]
    [InlineData("2019-10-01 00:00:00 UTC", "2019-10-01T00:00:00Z")]
    [InlineData("2024-05-01T10:00:00+02:00", "2024-05-01T08:00:00Z")]
    [InlineData("2024-05-01T10:00:00+0200", "2024-05-01T08:00:00Z")]
    [InlineData("2024-05-01T10:00:00-05", "2024-05-01T15:00:00Z")]
    [InlineData("2024-02-29T23:59:59.1234567Z", "2024-02-29T23:59:59.123456Z")]
    [InlineData("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.5Z")]
    [InlineData("2000-03-01T00:00:00Z", "2000-03-01T00:00:00Z")]
    public void Iso8601_forms_parse_to_the_same_instant_as_the_framework(string text, string expected)
    {
        Assert.Equal(TimeParse.Ok, FieldParsers.TryParseIso8601(Encoding.ASCII.GetBytes(text), out var micros));
        Assert.Equal(Ingest.Micros(expected), micros);
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00")]
    [InlineData("2024-13-01T10:00:00Z")]
    [InlineData("2023-02-29T10:00:00Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("2024-05-01T10:00:00.Z")]
    [InlineData("2024-05-01T10:00:00+2")]
    [InlineData("2024-05-01")]
    [InlineData("2024-05-01T10:00:00 GMT")]
    public void Malformed_iso8601_is_unparsable(string text)
    {
        Assert.Equal(TimeParse.Unparsable, FieldParsers.TryParseIso8601(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Days_from_civil_matches_the_framework_for_every_day_of_four_centuries()
    {
        for (var date = new DateTime(1800, 1, 1); date < new DateTime(2200, 1, 1); date = date.AddDays(1))
        {
            var expected = (int)(date - DateTime.UnixEpoch).TotalDays;
            Assert.Equal(expected, FieldParsers.DaysFromCivil(date.Year, date.Month, date.Day));
        }
    }

    [Theory]
    [InlineData("1511658000", TimestampFormat.Auto, 1_511_658_000_000_000L)]
    [InlineData("99999999999", TimestampFormat.Auto, 99_999_999_999_000_000L)]
    [InlineData("100000000000", TimestampFormat.Auto, 100_000_000_000_000L)]
    [InlineData("1511658000.25", TimestampFormat.Auto, 1_511_658_000_250_000L)]
    [InlineData("1433221332117", TimestampFormat.Auto, 1_433_221_332_117_000L)]
    [InlineData("1433221332117.5", TimestampFormat.UnixMilliseconds, 1_433_221_332_117_500L)]
    [InlineData("1511658000", TimestampFormat.UnixMilliseconds, 1_511_658_000_000L)]
    [InlineData("-5", TimestampFormat.UnixSeconds, -5_000_000L)]
    public void Unix_times_parse_with_the_unit_chosen_by_format_or_magnitude(string text, TimestampFormat format, long expected)
    {
        Assert.Equal(TimeParse.Ok, FieldParsers.TryParseTimestamp(Encoding.ASCII.GetBytes(text), format, out var micros));
        Assert.Equal(expected, micros);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("12a")]
    [InlineData("1.")]
    [InlineData("1e9")]
    [InlineData(" 15")]
    public void Malformed_unix_times_are_unparsable(string text)
    {
        Assert.Equal(TimeParse.Unparsable, FieldParsers.TryParseTimestamp(Encoding.ASCII.GetBytes(text), TimestampFormat.UnixSeconds, out _));
    }

    [Fact]
    public void Fast_number_parser_agrees_with_double_parse()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var text = random.Next(6) switch
            {
                0 => random.Next().ToString(CultureInfo.InvariantCulture),
                1 => (random.Next(0, 1_000_000) / 100.0).ToString(CultureInfo.InvariantCulture),
                2 => $"{random.Next(0, 100_000)}.{random.Next(0, 1000):D3}",
                3 => (random.NextDouble() * Math.Pow(10, random.Next(-5, 20))).ToString("R", CultureInfo.InvariantCulture),
                4 => $"{random.NextInt64(0, 999_999_999_999_999)}.{random.Next(0, 100)}",
                _ => $".{random.Next(0, 1_000_000)}",
            };
            Assert.True(RowChecks.TryParseNumber(Encoding.ASCII.GetBytes(text), out var fast), text);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), fast);
        }
    }

    [Fact]
    public void Canonical_ids_follow_the_dictionary_rules()
    {
        Assert.True(FieldParsers.TryCanonicalId("42"u8, out var v) && v == 42);
        Assert.True(FieldParsers.TryCanonicalId("0"u8, out v) && v == 0);
        Assert.False(FieldParsers.TryCanonicalId("042"u8, out _));
        Assert.False(FieldParsers.TryCanonicalId("1234567890123456789"u8, out _));
        Assert.False(FieldParsers.TryCanonicalId(""u8, out _));
        Assert.False(FieldParsers.TryCanonicalId("-1"u8, out _));

        var ids = new IdDictionary("x");
        Assert.Equal(ids.GetOrAdd("42"u8), FieldParsers.GetOrAddId(ids, "42"u8));
        Assert.Equal(ids.GetOrAdd("042"), FieldParsers.GetOrAddId(ids, "042"u8));
        Assert.NotEqual(ids.GetOrAdd("42"), ids.GetOrAdd("042"));
    }

    [Fact]
    public void Nineteen_digit_key_is_one_key_whichever_overload_is_used()
    {
        // Regression: GetOrAdd(long) kept 19-digit keys numeric while the span overloads made them text, so one key got two ids.
        var ids = new IdDictionary("category");
        var fromLong = ids.GetOrAdd(2_053_013_555_631_882_655L);
        Assert.Equal(fromLong, ids.GetOrAdd("2053013555631882655"u8));
        Assert.Equal(fromLong, ids.GetOrAdd("2053013555631882655"));
        Assert.True(ids.TryGetId("2053013555631882655", out var found) && found == fromLong);
        Assert.Equal("2053013555631882655", ids.KeyOf(fromLong));
        Assert.Equal(1, ids.Count);
    }

    [Fact]
    public void Raw_text_is_cut_with_a_marker_and_never_splits_a_surrogate_pair()
    {
        var text = new string('a', RejectRecord.MaxRawTextChars - 13) + "😀" + new string('b', 100);
        var raw = RejectText.Raw(Encoding.UTF8.GetBytes(text), false);

        Assert.True(raw.Length <= RejectRecord.MaxRawTextChars);
        Assert.EndsWith("…[truncated]", raw, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(raw[^13]));
        Assert.Equal("short", RejectText.Raw("short"u8, false));
    }
}
