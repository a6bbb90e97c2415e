namespace CausalCart.Ingest;

/// <summary>How an <see cref="ExposureReader"/> reads an exposures CSV.</summary>
public sealed record ExposureReaderOptions
{
    /// <summary>How the timestamp column is written (default <see cref="Ingest.TimestampFormat.Auto"/>: per value).</summary>
    public TimestampFormat TimestampFormat { get; init; } = TimestampFormat.Auto;

    /// <summary>Limits on timestamps, field and row sizes, and duplicate detection.</summary>
    public CleaningRules Cleaning { get; init; } = new();

    /// <summary>Bytes read from the file at a time (default 1 MiB; at least 4 KiB).</summary>
    public int BufferBytes { get; init; } = 1 << 20;

    /// <summary>Rows per <see cref="ExposureBatch"/> handed to the sink (default <see cref="ExposureBatch.DefaultCapacity"/>).</summary>
    public int BatchCapacity { get; init; } = ExposureBatch.DefaultCapacity;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(TimestampFormat))
        {
            throw new ArgumentException($"Unknown timestamp format {(int)TimestampFormat}.", nameof(TimestampFormat));
        }

        ArgumentNullException.ThrowIfNull(Cleaning, nameof(Cleaning));
        Cleaning.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferBytes, 4096, nameof(BufferBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchCapacity, nameof(BatchCapacity));
    }
}
