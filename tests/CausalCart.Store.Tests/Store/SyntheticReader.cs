using CausalCart.Core.Events;
using CausalCart.Ingest;

namespace CausalCart.Store.Tests.Store;

/// <summary>One source row for <see cref="SyntheticReader"/>: either an event or a reject.</summary>
internal sealed record SourceRow(
    string User,
    string? Item,
    CanonicalAction Action,
    DateTime Ts,
    double Price = double.NaN,
    string? Category = null,
    string? Session = null,
    string? Query = null,
    RejectReason? Reject = null);

/// <summary>A reader stand-in that maps keys through the store's dictionaries, like the real readers do.</summary>
internal static class SyntheticReader
{
    public static Func<IdDictionaries, IEventSink, CancellationToken, IngestCounts> Events(
        IReadOnlyList<SourceRow> rows, int batchCapacity = 2048, int? throwAfterBatches = null)
    {
        return (dictionaries, sink, ct) =>
        {
            var batch = new EventBatch(batchCapacity);
            long accepted = 0, rejected = 0, batches = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var line = i + 2;
                if (row.Reject is { } reason)
                {
                    sink.WriteReject(new RejectRecord(line, reason, $"row {line} rejected for test", $"raw,{line}"));
                    rejected++;
                    continue;
                }

                var k = batch.Count;
                batch.User[k] = dictionaries.Users.GetOrAdd(row.User.AsSpan());
                batch.Item[k] = row.Item is null ? -1 : dictionaries.Items.GetOrAdd(row.Item.AsSpan());
                batch.Category[k] = row.Category is null ? -1 : dictionaries.Categories.GetOrAdd(row.Category.AsSpan());
                batch.Session[k] = row.Session is null ? -1 : dictionaries.Sessions.GetOrAdd(row.Session.AsSpan());
                batch.Action[k] = (byte)row.Action;
                batch.TimestampMicros[k] = CausalCart.Store.DuckDb.DuckDbTime.ToMicros(row.Ts);
                batch.Price[k] = row.Price;
                batch.Query[k] = row.Query;
                batch.SourceLine[k] = line;
                batch.Count++;
                accepted++;
                if (batch.IsFull)
                {
                    sink.WriteEvents(batch);
                    batch.Clear();
                    if (++batches == throwAfterBatches)
                    {
                        throw new IOException("disk went away");
                    }
                }
            }

            if (batch.Count > 0)
            {
                sink.WriteEvents(batch);
            }

            return new IngestCounts(rows.Count, accepted, rejected);
        };
    }
}
