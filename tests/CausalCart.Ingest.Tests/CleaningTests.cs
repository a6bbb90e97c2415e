using System.Text;
using CausalCart.Core.Events;
using CausalCart.Ingest.Parsing;

namespace CausalCart.Ingest.Tests;

public sealed class CleaningTests
{
    private const string Header = "user_id,item_id,category_id,action,timestamp,price\n";

    private static (IngestCounts Counts, CollectingSink Sink, IdDictionaries Ids) Generic(string body, CleaningRules? rules = null) =>
        Ingest.Read(Ingest.Options(LogFormat.Generic) with { Cleaning = rules ?? Ingest.Rules }, Header + body);

    [Theory]
    [InlineData(",i,c,view,1714550400,1", RejectReason.MissingField, "column 'user_id' is empty")]
    [InlineData("u,i,c,,1714550400,1", RejectReason.MissingField, "column 'action' is empty")]
    [InlineData("u,i,c,view,,1", RejectReason.MissingField, "column 'timestamp' is empty")]
    [InlineData("u,i,c,clik,1714550400,1", RejectReason.UnknownAction, "column 'action' value 'clik' is not one of view, click, cart, fav, buy, search, remove_from_cart")]
    [InlineData("u,i,c,view,yesterday,1", RejectReason.UnparsableField, "column 'timestamp' value 'yesterday' is not a unix time (seconds or milliseconds) or an ISO-8601 date-time with a zone")]
    [InlineData("u,i,c,view,2024-05-01T08:00:00,1", RejectReason.UnparsableField, "column 'timestamp' value '2024-05-01T08:00:00' is not a unix time (seconds or milliseconds) or an ISO-8601 date-time with a zone")]
    [InlineData("u,i,c,view,2024-02-30T08:00:00Z,1", RejectReason.UnparsableField, "column 'timestamp' value '2024-02-30T08:00:00Z' is not a unix time (seconds or milliseconds) or an ISO-8601 date-time with a zone")]
    [InlineData("u,i,c,view,1714550400,abc", RejectReason.UnparsableField, "column 'price' value 'abc' is not a number")]
    [InlineData("u,i,c,view,1714550400,-1.5", RejectReason.InvalidPrice, "column 'price' value '-1.5' is negative")]
    [InlineData("u,i,c,view,1714550400,NaN", RejectReason.InvalidPrice, "column 'price' value 'NaN' is not finite")]
    [InlineData("u,i,c,view,1714550400,1e400", RejectReason.InvalidPrice, "column 'price' value '1e400' is not finite")]
    [InlineData("u,i,c,view,1714550400", RejectReason.WrongColumnCount, "row has 5 fields, expected 6 (user_id, item_id, category_id, action, timestamp, price)")]
    [InlineData("u,i,c,view,1714550400,1,extra", RejectReason.WrongColumnCount, "row has 7 fields, expected 6 (user_id, item_id, category_id, action, timestamp, price)")]
    [InlineData("u,i,c,view,946684799,1", RejectReason.ImplausibleTimestamp, "column 'timestamp' value '946684799' is 1999-12-31T23:59:59Z, outside the plausible range 2000-01-01T00:00:00Z to 2026-01-02T00:00:00Z")]
    [InlineData("u,i,c,view,1767312000001,1", RejectReason.ImplausibleTimestamp, "column 'timestamp' value '1767312000001' is 2026-01-02T00:00:00.001Z, outside the plausible range 2000-01-01T00:00:00Z to 2026-01-02T00:00:00Z")]
    [InlineData("u,i,c,view,99999999999999999999,1", RejectReason.ImplausibleTimestamp, "column 'timestamp' value '99999999999999999999' is too far from 1970 to be a time")]
    [InlineData("u,\"i\"x,c,view,1714550400,1", RejectReason.MalformedQuoting, "'item_id': closing quote is followed by 'x' instead of a delimiter or the line end; the row is rejected as this one line")]
    [InlineData("u,i\"i,c,view,1714550400,1", RejectReason.MalformedQuoting, "'item_id': a quote appears inside an unquoted field; the row is rejected as this one line")]
    public void A_bad_row_is_rejected_with_its_reason_and_a_detail_naming_column_and_value(string row, RejectReason reason, string detail)
    {
        var (counts, sink, ids) = Generic($"u0,i0,c0,view,1714550400,1\n{row}\nu0,i0,c0,cart,1714550400,1\n");

        Assert.Equal(new IngestCounts(3, 2, 1), counts);
        var reject = Assert.Single(sink.Rejects);
        Assert.Equal(reason, reject.Reason);
        Assert.Equal(detail, reject.Detail);
        Assert.Equal(3, reject.Line);
        Assert.Equal(row, reject.RawText);
        Assert.Equal(1, ids.Users.Count);   // ids of rejected rows are never added
    }

    [Fact]
    public void Timestamps_at_the_plausible_bounds_are_accepted()
    {
        var (counts, _, _) = Generic("u,i,c,view,946684800,1\nu,i,c,view,1767312000000,1\n");

        Assert.Equal(2, counts.Accepted);
    }

    [Fact]
    public void Plausible_range_is_configurable()
    {
        var rules = Ingest.Rules with { EarliestTimestamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), LatestTimestamp = new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.Zero) };
        var (_, sink, _) = Generic("u,i,c,view,1714550400,1\nu,i,c,view,1700000000,1\nu,i,c,view,1740000000,1\n", rules);

        Assert.Equal([3L, 4], sink.Rejects.Select(r => r.Line));
        Assert.All(sink.Rejects, r => Assert.Equal(RejectReason.ImplausibleTimestamp, r.Reason));
    }

    [Fact]
    public void Exact_duplicates_are_rejected_by_canonical_values_and_the_first_is_kept()
    {
        var (counts, sink, _) = Generic("u,i,c,view,1714550400,1.0\nu,i,c,view,1714550400,1.00\nu,i,c,view,1714550400000,1\nu,i,c,view,1714550400,1.01\nu,i,c,cart,1714550400,1\nu,i,c,view,1714550400,\nu,i,c,view,1714550400,\n");

        Assert.Equal(new IngestCounts(7, 4, 3), counts);
        Assert.Equal([2L, 5, 6, 7], sink.Events.Select(e => e.Line));
        Assert.Equal([3L, 4, 8], sink.Rejects.Select(r => r.Line));
        Assert.All(sink.Rejects, r => Assert.Equal(RejectReason.Duplicate, r.Reason));
        Assert.Equal("same user, item, category, action, timestamp, price, session and query as line 2", sink.Rejects[0].Detail);
        Assert.Equal("same user, item, category, action, timestamp, price, session and query as line 7", sink.Rejects[2].Detail);
    }

    [Fact]
    public void Duplicate_detection_can_be_switched_off()
    {
        var (counts, _, _) = Generic("u,i,c,view,1714550400,1\nu,i,c,view,1714550400,1\n", Ingest.Rules with { RejectDuplicates = false });

        Assert.Equal(2, counts.Accepted);
    }

    [Fact]
    public void Rows_differing_only_in_session_or_query_are_not_duplicates()
    {
        const string text = "user_id,item_id,category_id,action,timestamp,session_id,query\n" +
                            "u,,,search,1714550400,s1,shoes\nu,,,search,1714550400,s2,shoes\nu,,,search,1714550400,s1,boots\nu,,,search,1714550400,s1,shoes\n";
        var (counts, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Generic), text);

        Assert.Equal(new IngestCounts(4, 3, 1), counts);
        Assert.Equal(5, Assert.Single(sink.Rejects).Line);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_naming_the_column()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "u,i,c,view,1714550400,1\n").Concat("u,i"u8.ToArray()).Concat(new byte[] { 0xC3, 0x28 }).Concat(",c,view,1714550400,1\n"u8.ToArray()).ToArray();
        var (counts, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Generic), bytes);

        Assert.Equal(new IngestCounts(2, 1, 1), counts);
        var reject = Assert.Single(sink.Rejects);
        Assert.Equal(RejectReason.InvalidUtf8, reject.Reason);
        Assert.Equal("'item_id' is not valid UTF-8 (byte 0xC3 at byte 1 of the field)", reject.Detail);
        Assert.Equal(3, reject.Line);
        Assert.StartsWith("u,i\uFFFD", reject.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_fields_hold_delimiters_doubled_quotes_and_line_breaks_and_lines_stay_physical()
    {
        const string text = "user_id,item_id,category_id,action,timestamp,query\n" +
                            "u,\"i,1\",c,view,1714550400,\n" +
                            "u,,,search,1714550400,\"say \"\"hi\"\"\nand\r\nbye\"\n" +
                            "\"u\",\"\",\"\",\"search\",\"1714550400\",\"\"\n" +
                            "u,i2,c,view,1714550400,\n";
        var (counts, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Generic), text);

        Assert.Equal(new IngestCounts(4, 4, 0), counts);
        Assert.Equal("i,1", sink.Events[0].Item);
        Assert.Equal("say \"hi\"\nand\r\nbye", sink.Events[1].Query);
        Assert.Equal([2L, 3, 6, 7], sink.Events.Select(e => e.Line));
        Assert.Equal("u", sink.Events[2].User);
        Assert.Null(sink.Events[2].Item);
        Assert.Null(sink.Events[2].Query);
    }

    [Fact]
    public void An_unclosed_quote_rejects_only_its_own_line_and_reading_resumes()
    {
        var (counts, sink, _) = Generic("u,i,c,view,1714550400,1\nu,\"i,c,view,1714550400,1\nu,i2,c,view,1714550400,1\nu,i3,c,view,1714550400,1\n");

        Assert.Equal(new IngestCounts(4, 3, 1), counts);
        var reject = Assert.Single(sink.Rejects);
        Assert.Equal(RejectReason.MalformedQuoting, reject.Reason);
        Assert.Equal(3, reject.Line);
        Assert.Equal("u,\"i,c,view,1714550400,1", reject.RawText);
        Assert.Contains("not closed before the end of the file", reject.Detail, StringComparison.Ordinal);
        Assert.Equal([2L, 4, 5], sink.Events.Select(e => e.Line));
    }

    [Fact]
    public void A_quote_closed_lines_later_by_another_row_is_caught_and_each_line_is_accounted_for()
    {
        var (counts, sink, _) = Generic("u,\"i,c,view,1714550400,1\nu,\"i2\",c,view,1714550400,1\n");

        Assert.True(counts.Reconciles);
        Assert.Equal(2, counts.Read);
        Assert.Equal(2, sink.Rejects[0].Line);
        Assert.Equal(RejectReason.MalformedQuoting, sink.Rejects[0].Reason);
        Assert.Equal(3, Assert.Single(sink.Events).Line);
    }

    [Fact]
    public void An_oversized_field_is_rejected()
    {
        var big = new string('x', 70_000);
        var (counts, sink, _) = Generic($"u,{big},c,view,1714550400,1\nu,i,c,view,1714550400,1\n");

        Assert.Equal(new IngestCounts(2, 1, 1), counts);
        var reject = Assert.Single(sink.Rejects);
        Assert.Equal(RejectReason.OversizedField, reject.Reason);
        Assert.Equal("'item_id' is 70000 bytes, over the limit of 65536", reject.Detail);
        Assert.Equal(RejectRecord.MaxRawTextChars, reject.RawText.Length);
        Assert.EndsWith("…[truncated]", reject.RawText, StringComparison.Ordinal);
        Assert.Equal(3, sink.Events[0].Line);
    }

    [Fact]
    public void An_oversized_row_is_skipped_without_holding_it_and_the_next_rows_are_read()
    {
        var rules = Ingest.Rules with { MaxFieldBytes = 1000, MaxRowBytes = 5000 };
        var big = new string('x', 200_000);
        var options = Ingest.Options(LogFormat.Generic) with { Cleaning = rules, BufferBytes = 4096 };
        var (counts, sink, _) = Ingest.Read(options, $"{Header}u,i,c,view,1714550400,1\nu,{big},c,view,1714550400,1\nu,i2,c,view,1714550400,1\n\"u\",{big}\nu,i3,c,view,1714550400,1");

        Assert.Equal(new IngestCounts(5, 3, 2), counts);
        Assert.Equal([3L, 5], sink.Rejects.Select(r => r.Line));
        Assert.All(sink.Rejects, r => Assert.Equal(RejectReason.OversizedField, r.Reason));
        Assert.StartsWith("row is over the limit of 5000 bytes", sink.Rejects[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("u,xxxx", sink.Rejects[0].RawText, StringComparison.Ordinal);
        Assert.True(sink.Rejects[0].RawText.Length <= RejectRecord.MaxRawTextChars);
        Assert.Equal([2L, 4, 6], sink.Events.Select(e => e.Line));
    }

    [Fact]
    public void Bom_crlf_empty_lines_and_a_last_line_without_newline_are_handled()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("user_id,item_id,category_id,action,timestamp\r\n\r\nu,i,c,view,1714550400\r\n\nu,i2,c,view,1714550400\r\n\r\nu,i3,c,view,1714550400")).ToArray();
        var (counts, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Generic), bytes);

        Assert.Equal(new IngestCounts(3, 3, 0), counts);
        Assert.Equal([3L, 5, 7], sink.Events.Select(e => e.Line));
        Assert.Equal(["i", "i2", "i3"], sink.Events.Select(e => e.Item));
    }

    [Fact]
    public void A_truncated_last_line_is_a_row_with_the_wrong_column_count()
    {
        var (counts, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Taobao), "1,100,10,pv,1511658000\n1,101,1");

        Assert.Equal(new IngestCounts(2, 1, 1), counts);
        Assert.Equal(RejectReason.WrongColumnCount, sink.Rejects[0].Reason);
        Assert.Equal("row has 3 fields, expected 5 (user_id, item_id, category_id, behavior, timestamp)", sink.Rejects[0].Detail);
        Assert.Equal(2, sink.Rejects[0].Line);
    }

    [Fact]
    public void Batches_are_full_except_the_last_and_keep_source_order()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 25; i++)
        {
            body.Append(i == 7 ? "u,i,c,bad,1714550400,1\n" : $"u,i{i},c,view,1714550400,1\n");
        }

        var options = Ingest.Options(LogFormat.Generic) with { BatchCapacity = 10 };
        var (counts, sink, _) = Ingest.Read(options, Header + body);

        Assert.Equal(new IngestCounts(25, 24, 1), counts);
        Assert.Equal([10, 10, 4], sink.BatchSizes);
        Assert.Equal(Enumerable.Range(2, 25).Where(l => l != 9).Select(l => (long)l), sink.Events.Select(e => e.Line));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(1000)]
    public void Duplicates_and_other_rejects_come_in_source_order_and_batches_stay_full_whatever_the_batch_size(int capacity)
    {
        string[] rows =
        [
            "u,i1,c,view,1714550400,1",     // line 2: accepted
            "u,i2,c,view,1714550400,1",     // 3: accepted
            "u,i3,c,fly,1714550400,1",      // 4: unknown action
            "u,i1,c,view,1714550400,1",     // 5: duplicate of 2
            "u,i4,c,view,1714550400,1",     // 6: accepted
            "u,i2,c,view,1714550400,1.0",   // 7: duplicate of 3 (same canonical price)
            "u,i5,c,view,1714550400,1",     // 8: accepted
            ",i6,c,view,1714550400,1",      // 9: missing user
            "u,i4,c,view,1714550400,1",     // 10: duplicate of 6
            "u,i1,c,view,1714550400,1",     // 11: duplicate of 2
            "u,i7,c,view,1714550400,1",     // 12: accepted
            "u,i7,c,view,1714550400,1",     // 13: duplicate of 12
        ];
        var options = Ingest.Options(LogFormat.Generic) with { BatchCapacity = capacity };

        var (counts, sink, _) = Ingest.Read(options, Header + string.Join("\n", rows) + "\n");

        Assert.Equal(new IngestCounts(12, 5, 7), counts);
        Assert.Equal([2L, 3, 6, 8, 12], sink.Events.Select(e => e.Line));
        Assert.Equal([4L, 5, 7, 9, 10, 11, 13], sink.Rejects.Select(r => r.Line));
        Assert.Equal(
            [RejectReason.UnknownAction, RejectReason.Duplicate, RejectReason.Duplicate, RejectReason.MissingField, RejectReason.Duplicate, RejectReason.Duplicate, RejectReason.Duplicate],
            sink.Rejects.Select(r => r.Reason));
        Assert.Equal([2L, 3, 6, 2, 12], sink.Rejects.Where(r => r.Reason == RejectReason.Duplicate).Select(r => long.Parse(r.Detail[(r.Detail.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(rows[5], sink.Rejects[2].RawText);
        Assert.All(sink.BatchSizes[..^1], n => Assert.Equal(capacity, n));
        Assert.Equal(5, sink.BatchSizes.Sum());
    }

    [Fact]
    public void A_long_duplicate_row_keeps_the_cut_raw_text_of_its_reject()
    {
        var row = "u,i,c,search,1714550400,1,s," + new string('q', 5 * RejectRecord.MaxRawTextChars) + "é";
        var text = "user_id,item_id,category_id,action,timestamp,price,session_id,query\n" + row + "\n" + row + "\n";

        var (counts, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Generic) with { BatchCapacity = 4 }, text);

        Assert.Equal(new IngestCounts(2, 1, 1), counts);
        var reject = Assert.Single(sink.Rejects);
        Assert.Equal(RejectReason.Duplicate, reject.Reason);
        Assert.Equal(RejectText.Raw(Encoding.UTF8.GetBytes(row), alreadyTruncated: false), reject.RawText);
        Assert.EndsWith("[truncated]", reject.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_reconcile_and_every_line_is_accounted_for_in_a_mixed_file()
    {
        const string body = "u,i,c,view,1714550400,1\n,i,c,view,1714550400,1\nu,i,c,view\n\nu,i,c,fly,1714550400,1\nu,i,c,view,1714550400,1\nu,\"i\nj\",c,cart,1714550400,2\n";
        var (counts, sink, _) = Generic(body);

        Assert.Equal(6, counts.Read);
        var lines = sink.Events.Select(e => e.Line).Concat(sink.Rejects.Select(r => r.Line)).Order();
        Assert.Equal([2L, 3, 4, 6, 7, 8], lines);
        Assert.Equal(CanonicalAction.Cart, sink.Events[^1].Action);
        Assert.Equal("i\nj", sink.Events[^1].Item);
    }

    [Fact]
    public void Duplicates_are_found_across_the_table_resizing_of_a_large_file()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            body.Append(i % 50_000 == 49_999 ? "u7,i7,c,view,1714550400,1\n" : $"u{i % 977},i{i},c,view,1714550400,1\n");
        }

        var (counts, sink, _) = Generic(body.ToString());

        // Row 7 (line 9) is the first u7,i7; its copies sit on either side of the table's resizing.
        Assert.Equal(new IngestCounts(200_000, 199_996, 4), counts);
        Assert.Equal([50_001L, 100_001, 150_001, 200_001], sink.Rejects.Select(r => r.Line));
        Assert.All(sink.Rejects, r => Assert.EndsWith("as line 9", r.Detail, StringComparison.Ordinal));
    }
}
