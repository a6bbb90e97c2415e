using System.Text;
using CausalCart.Core.Events;

namespace CausalCart.Ingest.Tests;

/// <summary>
/// A large file with every kind of key and reject, across many batches: the result is what a single pass in source
/// order gives; and a failure in the sink or in the stream stops the read with its own exception.
/// </summary>
public sealed class EventReaderLargeFileTests
{
    private const string Header = "user_id,item_id,category_id,action,timestamp,price,session_id,query\n";

    /// <summary>
    /// Rows with numeric and text keys mixed in every dictionary, bad rows, and verbatim copies of earlier rows (exact
    /// duplicates when the copied row was accepted). Every other row is distinct (its timestamp is unique).
    /// </summary>
    private static List<string> MixedRows(int count)
    {
        var rows = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            if (i % 37 == 36)
            {
                rows.Add(rows[i - 5 - (i % 11)]);
                continue;
            }

            var user = i % 7 == 0 ? $"u{i % 101}" : $"{i % 101}";
            var search = i % 13 == 0;
            var item = search ? string.Empty : i % 5 == 0 ? $"item-{i % 400}" : $"{i % 500}";
            var category = i % 17 == 0 ? string.Empty : i % 3 == 0 ? $"0{i % 9}" : $"{i % 9}";
            var session = i % 29 == 0 ? string.Empty : i % 4 == 0 ? $"s{i / 6}" : $"{1_000_000 + (i / 6)}";
            var action = i % 41 == 40 ? "fly" : search ? "search" : "view";
            var query = search ? $"\"q {i % 10}, more\"" : string.Empty;
            rows.Add($"{user},{item},{category},{action},{1_714_550_400 + i},{i % 50}.5,{session},{query}");
        }

        return rows;
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(EventBatch.DefaultCapacity)]
    public void A_large_mixed_file_reads_as_one_pass_in_source_order_would(int batchCapacity)
    {
        var rows = MixedRows(30_000);
        var options = Ingest.Options(LogFormat.Generic) with { BatchCapacity = batchCapacity };

        var (counts, sink, ids) = Ingest.Read(options, Header + string.Join("\n", rows) + "\n");

        // The reference: a row is accepted unless its action is bad or the same text was accepted before.
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var expectedEvents = new List<long>();
        var expectedRejects = new List<(long Line, RejectReason Reason)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var line = i + 2L;
            if (rows[i].Contains(",fly,", StringComparison.Ordinal))
            {
                expectedRejects.Add((line, RejectReason.UnknownAction));
            }
            else if (!accepted.Add(rows[i]))
            {
                expectedRejects.Add((line, RejectReason.Duplicate));
            }
            else
            {
                expectedEvents.Add(line);
            }
        }

        Assert.Equal(new IngestCounts(rows.Count, expectedEvents.Count, expectedRejects.Count), counts);
        Assert.Contains(expectedRejects, r => r.Reason == RejectReason.Duplicate);
        Assert.Equal(expectedEvents, sink.Events.Select(e => e.Line));
        Assert.Equal(expectedRejects, sink.Rejects.Select(r => (r.Line, r.Reason)));
        Assert.All(sink.BatchSizes[..^1], n => Assert.Equal(batchCapacity, n));

        // Each event carries its own row's keys, and ids are dense in order of first appearance among accepted rows.
        foreach (var e in sink.Events)
        {
            var fields = rows[(int)e.Line - 2].Split(',');
            Assert.Equal(fields[0], e.User);
            Assert.Equal(fields[1].Length == 0 ? null : fields[1], e.Item);
            Assert.Equal(fields[2].Length == 0 ? null : fields[2], e.Category);
            Assert.Equal(fields[6].Length == 0 ? null : fields[6], e.Session);
        }

        AssertFirstAppearanceOrder(ids.Users, sink.Events.Select(e => e.User));
        AssertFirstAppearanceOrder(ids.Items, sink.Events.Select(e => e.Item));
        AssertFirstAppearanceOrder(ids.Categories, sink.Events.Select(e => e.Category));
        AssertFirstAppearanceOrder(ids.Sessions, sink.Events.Select(e => e.Session));
    }

    [Fact]
    public void A_failing_sink_stops_the_read_with_its_own_exception_and_is_not_called_afterwards()
    {
        var body = Header + string.Join("\n", MixedRows(30_000)) + "\n";
        var sink = new FailingSink(failOnBatch: 3);

        var error = Assert.Throws<InvalidDataException>(() => new EventReader(Ingest.Options(LogFormat.Generic) with { BatchCapacity = 1000 })
            .Read(new MemoryStream(Encoding.UTF8.GetBytes(body)), "x", new IdDictionaries(), sink));

        Assert.Equal("store full", error.Message);
        var calls = sink.Calls;
        Thread.Sleep(50);
        Assert.Equal(calls, sink.Calls);
        Assert.Equal(3, sink.Batches);
    }

    [Fact]
    public void A_failure_while_reading_reaches_the_caller_and_nothing_is_written_afterwards()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + string.Join("\n", MixedRows(30_000)) + "\n");
        var sink = new FailingSink(failOnBatch: int.MaxValue);

        var error = Assert.Throws<IOException>(() => new EventReader(Ingest.Options(LogFormat.Generic) with { BatchCapacity = 1000, BufferBytes = 4096 })
            .Read(new BrokenStream(bytes, failAfter: bytes.Length / 2), "x", new IdDictionaries(), sink));

        Assert.Equal("disk gone", error.Message);
        var calls = sink.Calls;
        Thread.Sleep(50);
        Assert.Equal(calls, sink.Calls);
        Assert.InRange(sink.Batches, 0, 15);   // at most the rows before the failure; the last partial batch never goes
    }

    private static void AssertFirstAppearanceOrder(IdDictionary dictionary, IEnumerable<string?> keysInEventOrder)
    {
        var firstAppearance = keysInEventOrder.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal(firstAppearance, Enumerable.Range(0, dictionary.Count).Select(dictionary.KeyOf));
    }

    private sealed class FailingSink(int failOnBatch) : IEventSink
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public int Batches { get; private set; }

        public void WriteEvents(EventBatch batch)
        {
            Interlocked.Increment(ref _calls);
            if (++Batches == failOnBatch)
            {
                throw new InvalidDataException("store full");
            }
        }

        public void WriteReject(RejectRecord reject) => Interlocked.Increment(ref _calls);
    }

    private sealed class BrokenStream(byte[] bytes, int failAfter) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAfter)
            {
                throw new IOException("disk gone");
            }

            return base.Read(buffer, offset, (int)Math.Min(count, failAfter - Position));
        }

        public override int Read(Span<byte> buffer)
        {
            if (Position >= failAfter)
            {
                throw new IOException("disk gone");
            }

            return base.Read(buffer[..(int)Math.Min(buffer.Length, failAfter - Position)]);
        }
    }
}
