using System.Collections.Concurrent;
using CausalCart.Ingest;

namespace CausalCart.Pipeline.Ingestion;

/// <summary>
/// Lets parsing and storing run on two cores: the reader's thread hands batches and rejects to this
/// sink, which copies them and passes them, in the same order, to an inner sink on one background
/// thread. The inner sink therefore sees exactly the calls it would have seen, from a single thread.
/// </summary>
/// <remarks>
/// Implementation note: a bounded queue of at most <see cref="Depth"/> items keeps memory flat (the
/// reader waits when the store falls behind); batches are recycled through a small pool. An exception
/// in the inner sink is rethrown to the reader on its next call and from <see cref="Complete"/>, so a
/// failing store stops the read and the store's transaction rolls back.
/// </remarks>
public sealed class BackgroundEventSink : IEventSink, IDisposable
{
    private const int Depth = 4;
    private readonly IEventSink _inner;
    private readonly BlockingCollection<object> _queue = new(Depth);
    private readonly ConcurrentBag<EventBatch> _pool = [];
    private readonly Thread _worker;
    private Exception? _failure;
    private bool _completed;

    /// <summary>Starts the background thread that feeds <paramref name="inner"/>.</summary>
    public BackgroundEventSink(IEventSink inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _worker = new Thread(Drain) { IsBackground = true, Name = "causalcart-store-writer" };
        _worker.Start();
    }

    /// <inheritdoc />
    public void WriteEvents(EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfFailed();
        if (!_pool.TryTake(out var copy) || copy.Capacity < batch.Count)
        {
            copy = new EventBatch(batch.Capacity);
        }

        var n = batch.Count;
        batch.User.AsSpan(0, n).CopyTo(copy.User);
        batch.Item.AsSpan(0, n).CopyTo(copy.Item);
        batch.Category.AsSpan(0, n).CopyTo(copy.Category);
        batch.Action.AsSpan(0, n).CopyTo(copy.Action);
        batch.TimestampMicros.AsSpan(0, n).CopyTo(copy.TimestampMicros);
        batch.Price.AsSpan(0, n).CopyTo(copy.Price);
        batch.Session.AsSpan(0, n).CopyTo(copy.Session);
        batch.Query.AsSpan(0, n).CopyTo(copy.Query);
        batch.SourceLine.AsSpan(0, n).CopyTo(copy.SourceLine);
        copy.Count = n;
        Enqueue(copy);
    }

    /// <inheritdoc />
    public void WriteReject(RejectRecord reject)
    {
        ArgumentNullException.ThrowIfNull(reject);
        ThrowIfFailed();
        Enqueue(reject);
    }

    /// <summary>Waits until the inner sink has taken everything; rethrows its failure if it had one.</summary>
    public void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            _queue.CompleteAdding();
            _worker.Join();
        }

        ThrowIfFailed();
    }

    /// <summary>Stops the background thread (without rethrowing); pending items are dropped.</summary>
    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            _queue.CompleteAdding();
            _worker.Join();
        }

        _queue.Dispose();
    }

    private void Enqueue(object item)
    {
        // Add blocks while the queue is full; a failed worker stops taking, so poll for its failure.
        while (!_queue.TryAdd(item, 50))
        {
            ThrowIfFailed();
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new InvalidOperationException("Storing the events failed: " + failure.Message, failure);
        }
    }

    private void Drain()
    {
        try
        {
            foreach (var item in _queue.GetConsumingEnumerable())
            {
                if (item is EventBatch batch)
                {
                    _inner.WriteEvents(batch);
                    batch.Clear();
                    _pool.Add(batch);
                }
                else
                {
                    _inner.WriteReject((RejectRecord)item);
                }
            }
        }
#pragma warning disable CA1031 // The failure is handed to the reader's thread, which rethrows it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _failure, ex);
        }
    }
}
