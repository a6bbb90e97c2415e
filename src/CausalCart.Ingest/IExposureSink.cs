namespace CausalCart.Ingest;

/// <summary>Receives accepted exposures in batches and rejected rows one by one (see <see cref="IEventSink"/>).</summary>
public interface IExposureSink
{
    /// <summary>Takes a batch of accepted exposures; the batch may be reused after the call returns.</summary>
    void WriteExposures(ExposureBatch batch);

    /// <summary>Takes one rejected row.</summary>
    void WriteReject(RejectRecord reject);
}
