using CausalCart.Store;

namespace CausalCart.Pipeline.Ingestion;

/// <summary>
/// The outcome of an ingest request: per-file results and the store's contents afterwards. Serialised
/// as the CLI's <c>ingest --json</c> output.
/// </summary>
/// <param name="SchemaVersion">Version of this record's JSON shape.</param>
/// <param name="Store">The store file.</param>
/// <param name="Files">One result per file, in ingestion order (an already-ingested file says so and adds nothing).</param>
/// <param name="Read">Rows read over the files of this request (already-ingested files count zero).</param>
/// <param name="Accepted">Rows accepted over the files of this request.</param>
/// <param name="Rejected">Rows rejected over the files of this request.</param>
/// <param name="RejectsByReason">Rejected rows of this request by reason code.</param>
/// <param name="Actions">Events in the store by canonical action name.</param>
/// <param name="Users">Distinct users with events in the store.</param>
/// <param name="Items">Distinct items with events in the store.</param>
/// <param name="Sessions">Distinct sessions in the store.</param>
/// <param name="Exposures">Exposures in the store.</param>
/// <param name="Sessionized">What sessionization did after the files were in.</param>
public sealed record IngestSummary(
    string SchemaVersion,
    string Store,
    IReadOnlyList<FileIngestResult> Files,
    long Read,
    long Accepted,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectsByReason,
    IReadOnlyDictionary<string, long> Actions,
    long Users,
    long Items,
    long Sessions,
    long Exposures,
    SessionizeResult? Sessionized)
{
    /// <summary>Current schema version.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>Whether read = accepted + rejected for the request and for every file.</summary>
    public bool Reconciles => Read == Accepted + Rejected && Files.All(f => f.Reconciles);

    /// <summary>Rejected share of the rows read by this request (0 when nothing was read).</summary>
    public double RejectedShare => Read == 0 ? 0 : (double)Rejected / Read;
}
