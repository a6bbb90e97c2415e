using CausalCart.Ingest;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Ingestion;

/// <summary>
/// Writes a reader's exposures into the <c>exposures</c> and <c>rejects</c> appenders of the open transaction.
/// Item -1 and NaN propensity become NULL.
/// </summary>
internal sealed class ExposureAppendSink : IExposureSink
{
    private readonly DuckDbAppender _exposures;
    private readonly RejectWriter _rejects;
    private readonly int[] _sourceFile;   // (chunk) the file id, repeated
    private readonly CancellationToken _cancellationToken;

    public ExposureAppendSink(DuckDbAppender exposures, RejectWriter rejects, int sourceFile, CancellationToken cancellationToken)
    {
        _exposures = exposures;
        _rejects = rejects;
        _sourceFile = new int[DuckDbAppender.ChunkCapacity];
        Array.Fill(_sourceFile, sourceFile);
        _cancellationToken = cancellationToken;
    }

    public long Accepted { get; private set; }

    public long Rejected => _rejects.Count;

    public void WriteExposures(ExposureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _cancellationToken.ThrowIfCancellationRequested();
        var count = batch.Count;
        if ((uint)count > (uint)batch.Capacity)
        {
            throw new ArgumentException($"ExposureBatch.Count is {count}, outside [0, {batch.Capacity}].", nameof(batch));
        }

        for (var i = 0; i < count; i++)
        {
            if (batch.User[i] < 0 || batch.Campaign[i] < 0 || batch.Arm[i] is null)
            {
                throw new ArgumentException(
                    $"Exposure at source line {batch.SourceLine[i]} lacks a user, campaign or arm; every accepted exposure needs all three (reject the row instead).",
                    nameof(batch));
            }
        }

        var capacity = _sourceFile.Length;
        for (var start = 0; start < count; start += capacity)
        {
            var rows = Math.Min(capacity, count - start);
            _exposures.BeginChunk(rows);
            _exposures.Write<int>(0, batch.User.AsSpan(start, rows));
            _exposures.Write<long>(1, batch.TimestampMicros.AsSpan(start, rows));
            _exposures.Write<int>(2, batch.Campaign.AsSpan(start, rows));
            _exposures.WriteStrings(3, batch.Arm.AsSpan(start, rows));
            _exposures.Write(4, batch.Item.AsSpan(start, rows), -1);
            _exposures.Write(5, batch.Propensity.AsSpan(start, rows), double.NaN);
            _exposures.Write<int>(6, _sourceFile.AsSpan(0, rows));
            _exposures.Write<long>(7, batch.SourceLine.AsSpan(start, rows));
            _exposures.EndChunk();
        }

        Accepted += count;
    }

    public void WriteReject(RejectRecord reject)
    {
        _rejects.Add(reject);
    }
}
