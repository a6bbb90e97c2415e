using System.Text;
using CausalCart.Core.Events;

namespace CausalCart.Ingest.Tests;

/// <summary>One accepted event, copied out of a batch.</summary>
internal sealed record Event(string User, string? Item, string? Category, CanonicalAction Action, long TimestampMicros, double Price, string? Session, string? Query, long Line);

/// <summary>Keeps everything a reader hands over, copying batches because readers reuse them.</summary>
internal sealed class CollectingSink(IdDictionaries ids) : IEventSink
{
    public List<Event> Events { get; } = [];

    public List<RejectRecord> Rejects { get; } = [];

    public List<int> BatchSizes { get; } = [];

    public Action<EventBatch>? OnBatch { get; init; }

    public void WriteEvents(EventBatch batch)
    {
        BatchSizes.Add(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            Events.Add(new Event(
                ids.Users.KeyOf(batch.User[i]),
                batch.Item[i] < 0 ? null : ids.Items.KeyOf(batch.Item[i]),
                batch.Category[i] < 0 ? null : ids.Categories.KeyOf(batch.Category[i]),
                (CanonicalAction)batch.Action[i],
                batch.TimestampMicros[i],
                batch.Price[i],
                batch.Session[i] < 0 ? null : ids.Sessions.KeyOf(batch.Session[i]),
                batch.Query[i],
                batch.SourceLine[i]));
        }

        OnBatch?.Invoke(batch);
    }

    public void WriteReject(RejectRecord reject) => Rejects.Add(reject);
}

/// <summary>Counts only, for large inputs.</summary>
internal sealed class CountingSink : IEventSink
{
    public long Events { get; private set; }

    public List<RejectRecord> Rejects { get; } = [];

    public void WriteEvents(EventBatch batch) => Events += batch.Count;

    public void WriteReject(RejectRecord reject) => Rejects.Add(reject);
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal static class Ingest
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static CleaningRules Rules { get; } = new() { TimeProvider = new FixedClock(Now) };

    public static EventReaderOptions Options(LogFormat format) => new() { Format = format, Cleaning = Rules };

    public static EventReaderOptions Options(ColumnMapping mapping) => new() { Format = LogFormat.Custom, Mapping = mapping, Cleaning = Rules };

    public static (IngestCounts Counts, CollectingSink Sink, IdDictionaries Ids) Read(EventReaderOptions options, string text) =>
        Read(options, Encoding.UTF8.GetBytes(text));

    public static (IngestCounts Counts, CollectingSink Sink, IdDictionaries Ids) Read(EventReaderOptions options, byte[] bytes)
    {
        var ids = new IdDictionaries();
        var sink = new CollectingSink(ids);
        using var stream = new MemoryStream(bytes);
        var counts = new EventReader(options).Read(stream, "test.csv", ids, sink);
        Assert.True(counts.Reconciles, $"counts do not reconcile: {counts}");
        Assert.Equal(counts.Accepted, sink.Events.Count);
        Assert.Equal(counts.Rejected, sink.Rejects.Count);
        return (counts, sink, ids);
    }

    public static long Micros(string iso) => (DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
