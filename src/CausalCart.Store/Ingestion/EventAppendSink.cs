using CausalCart.Core.Events;
using CausalCart.Ingest;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Ingestion;

/// <summary>
/// Writes a reader's output straight into the <c>events</c> and <c>rejects</c> appenders of the open
/// transaction. Ids of -1, NaN prices and null queries become NULL. When given a <see cref="SourceSessionSummary"/>
/// and <see cref="EventTotals"/>, adds the accepted events to them as they are appended; after each batch, appends the
/// dictionary keys published so far (so the keys of every id in the batch) through <paramref name="growth"/>.
/// </summary>
internal sealed class EventAppendSink(
    DuckDbAppender events, RejectWriter rejects, int sourceFile, SourceSessionSummary? sessions, EventTotals? totals, DictionaryGrowthWriter growth,
    CancellationToken cancellationToken)
    : AppendSink(events, rejects, sourceFile, cancellationToken), IEventSink
{
    private static readonly byte MaxAction = (byte)CanonicalActions.All.Max();

    public void WriteEvents(EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CancellationToken.ThrowIfCancellationRequested();
        var count = batch.Count;
        CheckBatch(batch, count);
        sessions?.Add(batch.Session.AsSpan(0, count), batch.User.AsSpan(0, count), batch.TimestampMicros.AsSpan(0, count));
        totals?.Add(batch.User.AsSpan(0, count), batch.Item.AsSpan(0, count), batch.Category.AsSpan(0, count), batch.Action.AsSpan(0, count),
            batch.TimestampMicros.AsSpan(0, count), batch.Session.AsSpan(0, count));
        var capacity = SourceFile.Length;
        for (var start = 0; start < count; start += capacity)
        {
            var rows = Math.Min(capacity, count - start);
            Target.BeginChunk(rows);
            Target.Write<int>(0, batch.User.AsSpan(start, rows));
            Target.Write(1, batch.Item.AsSpan(start, rows), -1);
            Target.Write(2, batch.Category.AsSpan(start, rows), -1);
            Target.Write<byte>(3, batch.Action.AsSpan(start, rows));
            Target.Write<long>(4, batch.TimestampMicros.AsSpan(start, rows));
            Target.Write(5, batch.Price.AsSpan(start, rows), double.NaN);
            Target.Write(6, batch.Session.AsSpan(start, rows), -1);
            var queries = batch.Query.AsSpan(start, rows);
            if (!AllNull(queries))
            {
                Target.WriteStrings(7, queries);
            }
            else
            {
                Target.WriteNulls(7);
            }

            Target.Write<int>(8, SourceFile.AsSpan(0, rows));
            Target.Write<long>(9, batch.SourceLine.AsSpan(start, rows));
            Target.EndChunk();
        }

        Accepted += count;
        growth.WritePublished();
    }

    private static bool AllNull(ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (value is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckBatch(EventBatch batch, int count)
    {
        if ((uint)count > (uint)batch.Capacity)
        {
            throw new ArgumentException($"EventBatch.Count is {count}, outside [0, {batch.Capacity}].", nameof(batch));
        }

        var badUser = batch.User.AsSpan(0, count).IndexOfAnyInRange(int.MinValue, -1);
        if (badUser >= 0)
        {
            throw new ArgumentException(
                $"Event at source line {batch.SourceLine[badUser]} has user id {batch.User[badUser]}; every accepted event needs a user (reject the row instead).", nameof(batch));
        }

        var badAction = batch.Action.AsSpan(0, count).IndexOfAnyInRange((byte)(MaxAction + 1), byte.MaxValue);
        if (badAction >= 0)
        {
            throw new ArgumentException(
                $"Event at source line {batch.SourceLine[badAction]} has action byte {batch.Action[badAction]}, which is not a CanonicalAction (0-{MaxAction}).", nameof(batch));
        }
    }
}
