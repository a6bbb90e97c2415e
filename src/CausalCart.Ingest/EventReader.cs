namespace CausalCart.Ingest;

/// <summary>
/// Reads an event log (CSV as UTF-8 bytes) in one of the <see cref="LogFormat"/> layouts, cleans it, and
/// hands accepted events to an <see cref="IEventSink"/> in batches and every other row as a
/// <see cref="RejectRecord"/>.
/// </summary>
/// <remarks>
/// <para>
/// Rows: RFC 4180 CSV. Quoted fields may hold delimiters, doubled quotes and line breaks; LF and CRLF
/// line endings both work; a UTF-8 byte order mark at the start is skipped; a last line without a line
/// ending is still a row. Empty lines are skipped and are not rows (they count nowhere). Line numbers
/// are physical 1-based lines of the file, so a row with a quoted line break advances them by more than one.
/// </para>
/// <para>
/// Each row is either accepted or rejected with the first problem found, checked in this order:
/// quoting (<see cref="RejectReason.MalformedQuoting"/>), size (<see cref="RejectReason.OversizedField"/>,
/// per field and per row, see <see cref="CleaningRules"/>), <see cref="RejectReason.InvalidUtf8"/>,
/// <see cref="RejectReason.WrongColumnCount"/>, then the fields: user, action, item, category, timestamp,
/// price (<see cref="RejectReason.MissingField"/>, <see cref="RejectReason.UnknownAction"/>,
/// <see cref="RejectReason.UnparsableField"/>, <see cref="RejectReason.ImplausibleTimestamp"/>,
/// <see cref="RejectReason.InvalidPrice"/>), and last <see cref="RejectReason.Duplicate"/>: a row whose
/// canonical values (user, item, category, action, timestamp, price, session, query) equal those of an
/// earlier accepted row of the same file; the first occurrence is accepted. Ids are added to the
/// dictionaries only for accepted rows.
/// </para>
/// <para>
/// Order: <see cref="IEventSink.WriteEvents"/> receives full batches (and one last partial batch) with
/// events in source order; <see cref="IEventSink.WriteReject"/> receives rejects in source order, at the latest
/// when the batch that was filling at the time is complete, so a reject can arrive before earlier accepted rows
/// that still wait in the current batch.
/// The file is streamed in chunks of <see cref="EventReaderOptions.BufferBytes"/>; memory is bounded by
/// the row limit, the batch, the dictionaries and (when duplicates are rejected) about 32–64 bytes per accepted row
/// plus a copy of the current batch's raw rows.
/// </para>
/// <para>Thread safety: an instance holds only its options; several files may be read concurrently with
/// separate dictionaries and sinks.</para>
/// </remarks>
public sealed partial class EventReader
{
    /// <summary>Creates a reader; the options are validated now.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent; the message names the setting.</exception>
    public EventReader(EventReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options this reader applies.</summary>
    public EventReaderOptions Options { get; }

    /// <summary>Reads a log file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="ids">Dictionaries that map source keys to dense ids; new keys of accepted rows are added.</param>
    /// <param name="sink">Receives batches and rejects.</param>
    /// <param name="cancellationToken">Checked between chunks and every few thousand rows.</param>
    /// <returns>Rows read, accepted and rejected (<see cref="IngestCounts.Reconciles"/> holds), with warnings.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist; the message names the path.</exception>
    /// <exception cref="InvalidDataException">The header lacks a required column (the message names it and lists the columns found) or cannot be read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the sink may have received part of the file.</exception>
    public IngestCounts Read(string path, IdDictionaries ids, IEventSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(sink);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Event log '{path}' does not exist.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(stream, path, ids, sink, cancellationToken);
    }

    /// <summary>Reads a log from a stream (see <see cref="Read(string, IdDictionaries, IEventSink, CancellationToken)"/>). The stream is read to its end and not closed.</summary>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="sourceName">Names the source in exception messages (a path, a URL).</param>
    /// <param name="ids">Dictionaries that map source keys to dense ids.</param>
    /// <param name="sink">Receives batches and rejects.</param>
    /// <param name="cancellationToken">Checked between chunks and every few thousand rows.</param>
    public IngestCounts Read(Stream stream, string sourceName, IdDictionaries ids, IEventSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(sink);
        return new Run(Options, sourceName, ids, sink, cancellationToken).Execute(stream);
    }
}
