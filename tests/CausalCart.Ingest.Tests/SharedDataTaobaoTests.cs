using System.Text;
using CausalCart.Core.Events;

namespace CausalCart.Ingest.Tests;

/// <summary>Tests on the real Taobao UserBehavior slice in ../shared/data (see shared/data/README.md).</summary>
public sealed class SharedDataTaobaoTests
{
    private static string SlicePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var data = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(data))
            {
                var path = Path.Combine(data, "taobao_userbehavior", "UserBehavior_110k.csv");
                Assert.True(File.Exists(path), $"This test needs {path} (the Taobao slice in ../shared/data).");
                return path;
            }
        }

        Assert.Fail($"This test needs the shared data folder ../shared/data, found by walking up from {AppContext.BaseDirectory}; it was not found.");
        return string.Empty;
    }

    [Fact]
    public void Taobao_slice_reads_completely_with_the_published_counts()
    {
        var ids = new IdDictionaries();
        var sink = new CollectingSink(ids);
        var counts = new EventReader(Ingest.Options(LogFormat.Taobao)).Read(SlicePath(), ids, sink);

        Assert.Equal(new IngestCounts(110_300, 110_300, 0), counts);
        var byAction = sink.Events.GroupBy(e => e.Action).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(98_361, byAction[CanonicalAction.View]);
        Assert.Equal(6_063, byAction[CanonicalAction.Cart]);
        Assert.Equal(3_383, byAction[CanonicalAction.Fav]);
        Assert.Equal(2_493, byAction[CanonicalAction.Buy]);
        Assert.Equal(4, byAction.Count);
        Assert.Equal(66_454, ids.Users.Count);
        Assert.Equal(84_793, ids.Items.Count);
        Assert.Equal(Enumerable.Range(1, 110_300).Select(l => (long)l), sink.Events.Select(e => e.Line));
        Assert.Equal(Ingest.Micros("2017-11-26T01:00:00Z"), sink.Events.Min(e => e.TimestampMicros));
        Assert.Equal(Ingest.Micros("2017-11-26T03:10:11Z"), sink.Events.Max(e => e.TimestampMicros));
    }

    [Fact]
    public void Corrupted_taobao_copy_rejects_every_bad_row_with_its_reason_and_line()
    {
        var lines = File.ReadAllLines(SlicePath()).Select(Encoding.UTF8.GetBytes).ToList();
        var expected = new SortedDictionary<int, RejectReason>();   // 1-based line → reason

        void Corrupt(int line, byte[] bytes, RejectReason reason)
        {
            lines[line - 1] = bytes;
            expected.Add(line, reason);
        }

        byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
        string Line(int line) => Encoding.UTF8.GetString(lines[line - 1]);

        Corrupt(10, lines[9][..(lines[9].Length / 2)], RejectReason.WrongColumnCount);                        // truncated
        Corrupt(500, Text(string.Join(',', Line(500).Split(',')[..3]) + ",clik," + Line(500).Split(',')[4]), RejectReason.UnknownAction);
        Corrupt(1_000, Text(string.Join(',', Line(1_000).Split(',')[..4]) + ",86400"), RejectReason.ImplausibleTimestamp);
        Corrupt(1_500, Text(string.Join(',', Line(1_500).Split(',')[..4]) + ",4102444800"), RejectReason.ImplausibleTimestamp);   // 2100
        Corrupt(2_000, Text(string.Join(',', Line(2_000).Split(',')[..4]) + ",15116x8000"), RejectReason.UnparsableField);
        Corrupt(3_000, lines[2_499], RejectReason.Duplicate);                                                  // exact copy of line 2,500
        Corrupt(4_000, [.. Text("12345,67"), 0xFF, 0xFE, .. Text(",1464116,pv,1511658000")], RejectReason.InvalidUtf8);
        Corrupt(5_000, Text(Line(5_000) + ",extra"), RejectReason.WrongColumnCount);
        Corrupt(6_000, Text(string.Join(',', Line(6_000).Split(',')[1..])), RejectReason.WrongColumnCount);  // a column missing
        Corrupt(7_000, Text($"777,{new string('9', 1_000_000)},1464116,pv,1511658000"), RejectReason.OversizedField);
        Corrupt(8_000, Text("888,\"2244074,1575622,pv,1511658000"), RejectReason.MalformedQuoting);             // a quote never closed
        Corrupt(9_000, Text("889,22\"44074,1575622,pv,1511658000"), RejectReason.MalformedQuoting);              // a quote in an unquoted field
        Corrupt(10_000, Text(",1,1,pv,1511658000"), RejectReason.MissingField);
        Corrupt(110_300, lines[110_299][..7], RejectReason.WrongColumnCount);                                  // truncated last line, no newline

        var bytes = lines.SelectMany((l, i) => i < lines.Count - 1 ? [.. l, (byte)'\n'] : l).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"taobao-corrupted-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        try
        {
            var ids = new IdDictionaries();
            var sink = new CollectingSink(ids);
            var counts = new EventReader(Ingest.Options(LogFormat.Taobao)).Read(path, ids, sink);

            Assert.Equal(expected.Select(kv => ((long)kv.Key, kv.Value)), sink.Rejects.Select(r => (r.Line, r.Reason)));
            Assert.Equal(new IngestCounts(110_300, 110_300 - expected.Count, expected.Count), counts);
            Assert.Equal("line 2500", sink.Rejects.Single(r => r.Reason == RejectReason.Duplicate).Detail[^9..]);
            Assert.Equal("'item_id' is 1000000 bytes, over the limit of 65536", sink.Rejects.Single(r => r.Line == 7_000).Detail);
            Assert.Equal("row has 6 fields, expected 5 (user_id, item_id, category_id, behavior, timestamp)", sink.Rejects.Single(r => r.Line == 5_000).Detail);
            Assert.Equal("888,\"2244074,1575622,pv,1511658000", sink.Rejects.Single(r => r.Line == 8_000).RawText);
            Assert.All(sink.Rejects, r => Assert.True(r.RawText.Length <= RejectRecord.MaxRawTextChars));
            var accepted = sink.Events.Select(e => e.Line).ToHashSet();
            Assert.Equal(Enumerable.Range(1, 110_300).Where(l => !expected.ContainsKey(l)).Select(l => (long)l), sink.Events.Select(e => e.Line));
            Assert.DoesNotContain(8_001L, sink.Rejects.Select(r => r.Line));
            Assert.Contains(8_001L, accepted);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
