namespace CausalCart.Store;

/// <summary>
/// What happened to one source file. <c>Read == Accepted + Rejected</c> always holds, and the values of
/// <see cref="RejectsByReason"/> add up to <see cref="Rejected"/>.
/// </summary>
/// <param name="SourceFileId">The file's id in <c>source_files</c> (also in <c>events.source_file</c> and <c>rejects.source_file</c>).</param>
/// <param name="Path">The path given when the file was ingested (for an already-ingested file: the path recorded then).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Kind">What the file held.</param>
/// <param name="Format">The format name given by the caller (e.g. <c>taobao</c>, <c>generic</c>, <c>csv</c>).</param>
/// <param name="AlreadyIngested">True when a file with the same SHA-256 was in the store already: nothing was
/// written, and the counts are those recorded at the first ingestion.</param>
/// <param name="Read">Data rows read.</param>
/// <param name="Accepted">Rows stored.</param>
/// <param name="Rejected">Rows quarantined in <c>rejects</c>.</param>
/// <param name="RejectsByReason">Rejected rows per reason code (<see cref="CausalCart.Ingest.RejectReasons.Code"/>); reasons with no rows are absent.</param>
/// <param name="Elapsed">Wall time of this call, hashing included.</param>
public sealed record FileIngestResult(
    int SourceFileId,
    string Path,
    string Sha256,
    SourceFileKind Kind,
    string Format,
    bool AlreadyIngested,
    long Read,
    long Accepted,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectsByReason,
    TimeSpan Elapsed)
{
    /// <summary>Whether <c>Read == Accepted + Rejected</c> (always true for results the store returns).</summary>
    public bool Reconciles => Read == Accepted + Rejected && RejectsByReason.Values.Sum() == Rejected;
}
