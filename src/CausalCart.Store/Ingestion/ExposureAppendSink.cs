using CausalCart.Ingest;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Ingestion;

/// <summary>
/// Writes a reader's exposures into the <c>exposures</c> and <c>rejects</c> appenders of the open transaction.
/// Item -1 and NaN propensity become NULL.
/// </summary>
internal sealed class ExposureAppendSink(DuckDbAppender exposures, RejectWriter rejects, int sourceFile, CancellationToken cancellationToken)
    : AppendSink(exposures, rejects, sourceFile, cancellationToken), IExposureSink
{
    public void WriteExposures(ExposureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CancellationToken.ThrowIfCancellationRequested();
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

        var capacity = SourceFile.Length;
        for (var start = 0; start < count; start += capacity)
        {
            var rows = Math.Min(capacity, count - start);
            Target.BeginChunk(rows);
            Target.Write<int>(0, batch.User.AsSpan(start, rows));
            Target.Write<long>(1, batch.TimestampMicros.AsSpan(start, rows));
            Target.Write<int>(2, batch.Campaign.AsSpan(start, rows));
            Target.WriteStrings(3, batch.Arm.AsSpan(start, rows));
            Target.Write(4, batch.Item.AsSpan(start, rows), -1);
            Target.Write(5, batch.Propensity.AsSpan(start, rows), double.NaN);
            Target.Write<int>(6, SourceFile.AsSpan(0, rows));
            Target.Write<long>(7, batch.SourceLine.AsSpan(start, rows));
            Target.EndChunk();
        }

        Accepted += count;
    }
}
