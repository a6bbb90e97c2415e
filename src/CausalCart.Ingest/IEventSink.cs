namespace CausalCart.Ingest;

/// <summary>
/// Receives what a reader produces: accepted events in columnar batches, and rejected rows one by one.
/// Calls come from the reader's thread in source order. A batch instance may be reused by the reader
/// after <see cref="WriteEvents"/> returns, so a sink copies what it keeps.
/// </summary>
public interface IEventSink
{
    /// <summary>Takes a batch of accepted events (<see cref="EventBatch.Count"/> rows are valid).</summary>
    void WriteEvents(EventBatch batch);

    /// <summary>Takes one rejected row.</summary>
    void WriteReject(RejectRecord reject);
}
