using System.Globalization;
using CausalCart.Ingest;
using CausalCart.Store.DuckDb;
using CausalCart.Store.Ingestion;

namespace CausalCart.Store;

public sealed partial class EventStore
{
    /// <summary>
    /// Ingests one file of events. The file's SHA-256 is computed first (into a store that holds no file yet, while
    /// the file is read, since it cannot be there already); when a file with the same hash is in
    /// the store already, nothing is read or written and the earlier result is returned with
    /// <see cref="FileIngestResult.AlreadyIngested"/> true. Otherwise <paramref name="read"/> is called once with
    /// the store's id dictionaries and a sink; everything it hands to the sink, the new dictionary entries and
    /// the <c>source_files</c> row are committed in one transaction.
    /// </summary>
    /// <param name="sourcePath">The file to ingest; recorded in <c>source_files.path</c>.</param>
    /// <param name="format">Format name recorded in <c>source_files.format</c> (e.g. <c>taobao</c>).</param>
    /// <param name="read">Reads the file: maps ids through the dictionaries, hands accepted events and rejects to the
    /// sink, and returns its counts. It must not keep the sink or the dictionaries after returning.</param>
    /// <param name="cancellationToken">Checked before the transaction, on every batch and before commit; cancellation rolls back.</param>
    /// <exception cref="InvalidOperationException">The reader's counts do not reconcile (<c>Read != Accepted + Rejected</c>) or differ
    /// from what reached the sink; nothing of the file is stored.</exception>
    /// <exception cref="ArgumentException">A batch holds an event without a user or with an unknown action byte; nothing of the file is stored.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing of the file is stored.</exception>
    /// <remarks>Whatever <paramref name="read"/> throws is rethrown after the transaction is rolled back and the cached
    /// dictionaries are dropped, so the store, dictionaries included, is exactly as before the call.</remarks>
    public FileIngestResult IngestEvents(
        string sourcePath,
        string format,
        Func<IdDictionaries, IEventSink, CancellationToken, IngestCounts> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        var (sessions, totals) = TrackSourceSessions();
        return IngestFile(sourcePath, SourceFileKind.Events, format, cancellationToken, singleThreaded: true, (fileId, dictionaries, growth, rejects) =>
            AppendAll("events", appender => new EventAppendSink(appender, rejects, fileId, sessions, totals, growth, cancellationToken), sink => read(dictionaries, sink, cancellationToken)));
    }

    /// <summary>
    /// Ingests one file of exposures, with the same hashing, transaction and reconciliation rules as
    /// <see cref="IngestEvents"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reader's counts do not reconcile or differ from what reached the sink.</exception>
    /// <exception cref="ArgumentException">A batch holds an exposure without a user, campaign or arm.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing of the file is stored.</exception>
    public FileIngestResult IngestExposures(
        string sourcePath,
        string format,
        Func<IdDictionaries, IExposureSink, CancellationToken, IngestCounts> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return IngestFile(sourcePath, SourceFileKind.Exposures, format, cancellationToken, singleThreaded: true, (fileId, dictionaries, _, rejects) =>
            AppendAll("exposures", appender => new ExposureAppendSink(appender, rejects, fileId, cancellationToken), sink => read(dictionaries, sink, cancellationToken)));
    }

    /// <summary>The rows of <c>source_files</c> in id order.</summary>
    public IReadOnlyList<FileIngestResult> SourceFiles()
    {
        var table = _connection.Query("SELECT id FROM source_files ORDER BY id");
        return [.. table.Column<int>("id").Values.ToArray().Select(id => StoredResult(id, TimeSpan.Zero))];
    }

    /// <summary>Opens an appender on <paramref name="table"/>, lets <paramref name="read"/> fill it through a sink, and closes it
    /// (or discards it when anything throws, leaving the rollback to the caller's transaction).</summary>
    private (IngestCounts Counts, long SinkAccepted) AppendAll<TSink>(string table, Func<DuckDbAppender, TSink> createSink, Func<TSink, IngestCounts> read)
        where TSink : AppendSink
    {
        var appender = _connection.CreateAppender(table);
        try
        {
            var sink = createSink(appender);
            var counts = read(sink) ?? throw new InvalidOperationException("The reader returned no counts.");
            appender.Close();
            return (counts, sink.Accepted);
        }
        catch
        {
            appender.Discard();
            throw;
        }
    }

    private delegate (IngestCounts Counts, long SinkAccepted) FileBody(int sourceFileId, IdDictionaries dictionaries, DictionaryGrowthWriter growth, RejectWriter rejects);

    // singleThreaded: DuckDB runs on one thread for the file's transaction (appender loads; see SingleThreaded).
    private FileIngestResult IngestFile(string sourcePath, SourceFileKind kind, string format, CancellationToken cancellationToken, bool singleThreaded, FileBody body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        var clock = Options.TimeProvider;
        var started = clock.GetTimestamp();
        string? sha = null;
        Task<string>? hashing = null;
        if (Convert.ToInt64(_connection.QueryScalar("SELECT count(*) FROM source_files"), CultureInfo.InvariantCulture) == 0)
        {
            // A store without files cannot hold this one, so the hash (kept for later re-ingest checks) is computed on
            // another thread while the file is read. Opening it here fails for a missing file as the other path does.
            var stream = OpenForHashing(sourcePath);
            hashing = Task.Run(() =>
            {
                using (stream)
                {
                    return Sha256Hex(stream);
                }
            });
        }
        else
        {
            sha = ComputeSha256(sourcePath);
            if (FindBySha(sha) is { } existing)
            {
                return StoredResult(existing, clock.GetElapsedTime(started)) with { AlreadyIngested = true };
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var dictionaries = Dictionaries;
        var committed = false;
        using var threads = singleThreaded ? SingleThreaded() : null;
        try
        {
            using var transaction = _connection.BeginTransaction();
            var fileId = Convert.ToInt32(_connection.QueryScalar("SELECT coalesce(max(id) + 1, 0)::INTEGER FROM source_files"), CultureInfo.InvariantCulture);
            var growth = new DictionaryGrowthWriter(_connection, dictionaries);
            try
            {
                var result = ReadAndCommit(transaction, fileId, growth);
                committed = true;
                return result;
            }
            catch
            {
                growth.Discard();
                throw;
            }
        }
        finally
        {
            if (!committed)
            {
                // The transaction was rolled back; entries the reader added to the cached dictionaries, the
                // source-session summary and the event totals were not stored.
                _dictionaries = null;
                _sourceSessions = null;
                _eventTotals = null;
            }

            if (hashing is not null)
            {
                // Never leave the file open behind a failed ingest; WaitAny does not rethrow the hash's own failure.
                Task.WaitAny(hashing);
            }
        }

        FileIngestResult ReadAndCommit(DuckDbTransaction transaction, int fileId, DictionaryGrowthWriter growth)
        {
            var rejectAppender = _connection.CreateAppender("rejects");
            RejectWriter rejects;
            (IngestCounts Counts, long SinkAccepted) outcome;
            try
            {
                rejects = new RejectWriter(rejectAppender, fileId);
                outcome = body(fileId, dictionaries, growth, rejects);
                rejects.Complete();
            }
            catch
            {
                rejectAppender.Discard();
                throw;
            }

            var counts = outcome.Counts;
            if (!counts.Reconciles)
            {
                throw new InvalidOperationException(
                    $"The reader of '{sourcePath}' reported counts that do not reconcile: read {counts.Read} != accepted {counts.Accepted} + rejected {counts.Rejected}.");
            }

            if (counts.Accepted != outcome.SinkAccepted || counts.Rejected != rejects.Count)
            {
                throw new InvalidOperationException(
                    $"The reader of '{sourcePath}' reported {counts.Accepted} accepted and {counts.Rejected} rejected rows, " +
                    $"but handed {outcome.SinkAccepted} accepted and {rejects.Count} rejected rows to the store.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            sha ??= hashing!.GetAwaiter().GetResult();
            growth.WriteAll();
            InsertSourceFile(fileId, sourcePath, sha, kind, format, counts);
            transaction.Commit();
            return new FileIngestResult(
                fileId, sourcePath, sha, kind, format, AlreadyIngested: false, counts.Read, counts.Accepted, counts.Rejected,
                rejects.ByReason(), clock.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// Sets DuckDB's <c>threads</c> to 1 until the returned scope is disposed, then restores the previous value.
    /// </summary>
    /// <remarks>
    /// Implementation note: an appender flushes its rows (compressing them into row groups) through DuckDB's task
    /// scheduler. With more than one thread, the flushing thread hands the compression to a DuckDB worker and
    /// busy-waits on the scheduler until it is done, and the commit does the same for the dictionary tables; a
    /// profile of a 10M-event ingest on 2 cores showed about a quarter of the file's CPU time in that waiting
    /// (mutex lock/unlock, <c>Executor::ExecuteTask</c>), competing with the reader thread. On one thread the
    /// flushing thread compresses the rows itself. Our own pipeline already keeps a reader and a writer thread
    /// busy, so DuckDB's parallelism buys nothing here. What is stored is the same; later SQL (sessionize, the
    /// quality summary) runs with the configured threads again.
    /// </remarks>
    private ThreadsSetting SingleThreaded()
    {
        var previous = Convert.ToInt64(_connection.QueryScalar("SELECT current_setting('threads')"), CultureInfo.InvariantCulture);
        _connection.Execute("SET threads = 1");
        return new ThreadsSetting(_connection, previous);
    }

    /// <summary>Restores DuckDB's <c>threads</c> setting when disposed.</summary>
    private sealed class ThreadsSetting(DuckDbConnection connection, long previous) : IDisposable
    {
        public void Dispose() => connection.Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {previous}"));
    }

    private void InsertSourceFile(int id, string path, string sha, SourceFileKind kind, string format, IngestCounts counts)
    {
        using var insert = _connection.Prepare("INSERT INTO source_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.Bind(1, id);
        insert.Bind(2, path);
        insert.Bind(3, sha);
        insert.Bind(4, KindName(kind));
        insert.Bind(5, format);
        insert.Bind(6, counts.Read);
        insert.Bind(7, counts.Accepted);
        insert.Bind(8, counts.Rejected);
        insert.Bind(9, Options.TimeProvider.GetUtcNow().UtcDateTime);
        insert.Execute();
    }

    private int? FindBySha(string sha)
    {
        using var find = _connection.Prepare("SELECT id FROM source_files WHERE sha256 = ?");
        find.Bind(1, sha);
        var table = find.Query();
        return table.RowCount == 0 ? null : table.Column<int>("id")[0];
    }

    private FileIngestResult StoredResult(int id, TimeSpan elapsed)
    {
        using var select = _connection.Prepare("SELECT path, sha256, kind, format, read, accepted, rejected FROM source_files WHERE id = ?");
        select.Bind(1, id);
        var row = select.Query();
        using var reasons = _connection.Prepare("SELECT reason, count(*) AS n FROM rejects WHERE source_file = ? GROUP BY reason ORDER BY reason");
        reasons.Bind(1, id);
        var byReason = reasons.Query();
        var dict = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var r = 0; r < byReason.RowCount; r++)
        {
            dict[byReason.Column<string?>("reason")[r]!] = byReason.Column<long>("n")[r];
        }

        return new FileIngestResult(
            id,
            row.Column<string?>("path")[0]!,
            row.Column<string?>("sha256")[0]!,
            ParseKind(row.Column<string?>("kind")[0]!),
            row.Column<string?>("format")[0]!,
            AlreadyIngested: false,
            row.Column<long>("read")[0],
            row.Column<long>("accepted")[0],
            row.Column<long>("rejected")[0],
            dict,
            elapsed);
    }

    private static string KindName(SourceFileKind kind) => kind.ToString().ToLowerInvariant();

    private static SourceFileKind ParseKind(string name) =>
        Enum.TryParse<SourceFileKind>(name, ignoreCase: true, out var kind)
            ? kind
            : throw new InvalidDataException($"source_files.kind '{name}' is not one of events, exposures, items, users.");
}
