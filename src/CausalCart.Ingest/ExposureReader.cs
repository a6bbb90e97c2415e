namespace CausalCart.Ingest;

/// <summary>
/// Reads a generic exposures CSV, a header with <c>user_id, timestamp, campaign, arm</c> and optionally
/// <c>item_id</c> and <c>propensity</c> in any order (other columns are ignored and listed in
/// <see cref="IngestCounts.Warnings"/>), and hands accepted exposures to an <see cref="IExposureSink"/>
/// in batches and every other row as a <see cref="RejectRecord"/>.
/// </summary>
/// <remarks>
/// CSV handling, line numbers, empty lines, ordering and memory are as for <see cref="EventReader"/>.
/// Checks, in order: quoting, size, UTF-8, column count; then <c>user_id</c>, <c>campaign</c> and
/// <c>arm</c> must be non-empty (<see cref="RejectReason.MissingField"/>); the timestamp must parse and be
/// plausible; <c>item_id</c> may be empty (no item); <c>propensity</c> may be empty (not logged,
/// <see cref="double.NaN"/>), must otherwise be a number (<see cref="RejectReason.UnparsableField"/>) in
/// (0, 1] (<see cref="RejectReason.InvalidPropensity"/>); last, an exposure equal in user, timestamp,
/// campaign, arm, item and propensity to an earlier accepted one of the file is a
/// <see cref="RejectReason.Duplicate"/>. Campaigns go to <see cref="IdDictionaries.Campaigns"/>.
/// </remarks>
public sealed partial class ExposureReader
{
    /// <summary>Creates a reader; the options are validated now.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent; the message names the setting.</exception>
    public ExposureReader(ExposureReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options this reader applies.</summary>
    public ExposureReaderOptions Options { get; }

    /// <summary>Reads an exposures file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="ids">Dictionaries for users, items and campaigns; new keys of accepted rows are added.</param>
    /// <param name="sink">Receives batches and rejects.</param>
    /// <param name="cancellationToken">Checked between chunks and every few thousand rows.</param>
    /// <returns>Rows read, accepted and rejected, with warnings.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist; the message names the path.</exception>
    /// <exception cref="InvalidDataException">The header lacks a required column (the message names it and lists the columns found) or cannot be read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the sink may have received part of the file.</exception>
    public IngestCounts Read(string path, IdDictionaries ids, IExposureSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(sink);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Exposures file '{path}' does not exist.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(stream, path, ids, sink, cancellationToken);
    }

    /// <summary>Reads exposures from a stream (see <see cref="Read(string, IdDictionaries, IExposureSink, CancellationToken)"/>). The stream is read to its end and not closed.</summary>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="sourceName">Names the source in exception messages.</param>
    /// <param name="ids">Dictionaries for users, items and campaigns.</param>
    /// <param name="sink">Receives batches and rejects.</param>
    /// <param name="cancellationToken">Checked between chunks and every few thousand rows.</param>
    public IngestCounts Read(Stream stream, string sourceName, IdDictionaries ids, IExposureSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(sink);
        return new Run(Options, sourceName, ids, sink, cancellationToken).Execute(stream);
    }
}
