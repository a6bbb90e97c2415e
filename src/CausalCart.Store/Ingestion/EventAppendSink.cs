using CausalCart.Core.Events;
using CausalCart.Ingest;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Ingestion;

/// <summary>
/// Writes a reader's output straight into the <c>events</c> and <c>rejects</c> appenders of the open
/// transaction. Ids of -1, NaN prices and null queries become NULL.
/// </summary>
internal sealed class EventAppendSink : IEventSink
{
    private static readonly byte MaxAction = (byte)CanonicalActions.All.Max();
    private readonly DuckDbAppender _events;
    private readonly RejectWriter _rejects;
    private readonly int[] _sourceFile;   // (chunk) the file id, repeated
    private readonly CancellationToken _cancellationToken;

    public EventAppendSink(DuckDbAppender events, RejectWriter rejects, int sourceFile, CancellationToken cancellationToken)
    {
        _events = events;
        _rejects = rejects;
        _sourceFile = new int[DuckDbAppender.ChunkCapacity];
        Array.Fill(_sourceFile, sourceFile);
        _cancellationToken = cancellationToken;
    }

    public long Accepted { get; private set; }

    public long Rejected => _rejects.Count;

    public void WriteEvents(EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _cancellationToken.ThrowIfCancellationRequested();
        var count = batch.Count;
        CheckBatch(batch, count);
        var capacity = _sourceFile.Length;
        for (var start = 0; start < count; start += capacity)
        {
            var rows = Math.Min(capacity, count - start);
            _events.BeginChunk(rows);
            _events.Write<int>(0, batch.User.AsSpan(start, rows));
            _events.Write(1, batch.Item.AsSpan(start, rows), -1);
            _events.Write(2, batch.Category.AsSpan(start, rows), -1);
            _events.Write<byte>(3, batch.Action.AsSpan(start, rows));
            _events.Write<long>(4, batch.TimestampMicros.AsSpan(start, rows));
            _events.Write(5, batch.Price.AsSpan(start, rows), double.NaN);
            _events.Write(6, batch.Session.AsSpan(start, rows), -1);
            var queries = batch.Query.AsSpan(start, rows);
            if (!AllNull(queries))
            {
                _events.WriteStrings(7, queries);
            }
            else
            {
                _events.WriteNulls(7);
            }

            _events.Write<int>(8, _sourceFile.AsSpan(0, rows));
            _events.Write<long>(9, batch.SourceLine.AsSpan(start, rows));
            _events.EndChunk();
        }

        Accepted += count;
    }

    public void WriteReject(RejectRecord reject)
    {
        _rejects.Add(reject);
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
