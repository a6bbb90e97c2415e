using CausalCart.Ingest;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Ingestion;

/// <summary>
/// What the event and exposure sinks share: the target appender of the open transaction, the rejects writer,
/// the file id repeated for a whole chunk, cancellation and the count of accepted rows.
/// </summary>
internal abstract class AppendSink
{
    protected AppendSink(DuckDbAppender target, RejectWriter rejects, int sourceFile, CancellationToken cancellationToken)
    {
        Target = target;
        Rejects = rejects;
        SourceFile = new int[DuckDbAppender.ChunkCapacity];
        Array.Fill(SourceFile, sourceFile);
        CancellationToken = cancellationToken;
    }

    /// <summary>Rows handed to the target appender so far.</summary>
    public long Accepted { get; protected set; }

    /// <summary>Rejects written so far.</summary>
    public long Rejected => Rejects.Count;

    /// <summary>The appender of the target table.</summary>
    protected DuckDbAppender Target { get; }

    /// <summary>The rejects writer of the open transaction.</summary>
    protected RejectWriter Rejects { get; }

    /// <summary>(chunk) the file id, repeated.</summary>
    protected int[] SourceFile { get; }

    /// <summary>Checked on every batch.</summary>
    protected CancellationToken CancellationToken { get; }

    /// <summary>Quarantines one row.</summary>
    public void WriteReject(RejectRecord reject) => Rejects.Add(reject);
}
