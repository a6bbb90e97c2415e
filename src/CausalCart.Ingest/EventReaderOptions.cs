namespace CausalCart.Ingest;

/// <summary>How an <see cref="EventReader"/> reads a log: its format, and the cleaning limits.</summary>
/// <example>
/// <code>
/// var taobao = EventReaderOptions.For(LogFormat.Taobao);
/// var custom = EventReaderOptions.For(ColumnMapping.LoadYaml("mapping.yaml"));
/// var generic = new EventReaderOptions { TimestampFormat = TimestampFormat.UnixMilliseconds };
/// </code>
/// </example>
public sealed record EventReaderOptions
{
    /// <summary>The layout of the log (default <see cref="LogFormat.Generic"/>).</summary>
    public LogFormat Format { get; init; } = LogFormat.Generic;

    /// <summary>The column mapping; required when <see cref="Format"/> is <see cref="LogFormat.Custom"/> and not allowed otherwise.</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>
    /// How <see cref="LogFormat.Generic"/> timestamps are written (default <see cref="Ingest.TimestampFormat.Auto"/>).
    /// The other presets fix their own format and require <see cref="Ingest.TimestampFormat.Auto"/> here;
    /// a custom mapping carries its own.
    /// </summary>
    public TimestampFormat TimestampFormat { get; init; } = TimestampFormat.Auto;

    /// <summary>For <see cref="LogFormat.Yoochoose"/>: which file this is (default: decided by the first row).</summary>
    public YoochooseFile YoochooseFile { get; init; } = YoochooseFile.Auto;

    /// <summary>Limits on timestamps, field and row sizes, and duplicate detection.</summary>
    public CleaningRules Cleaning { get; init; } = new();

    /// <summary>Bytes read from the file at a time (default 1 MiB; at least 4 KiB).</summary>
    public int BufferBytes { get; init; } = 1 << 20;

    /// <summary>Rows per <see cref="EventBatch"/> handed to the sink (default <see cref="EventBatch.DefaultCapacity"/>).</summary>
    public int BatchCapacity { get; init; } = EventBatch.DefaultCapacity;

    /// <summary>Options for a preset format with default cleaning.</summary>
    public static EventReaderOptions For(LogFormat format) => new() { Format = format };

    /// <summary>Options for a custom layout with default cleaning.</summary>
    public static EventReaderOptions For(ColumnMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return new() { Format = LogFormat.Custom, Mapping = mapping };
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(Format))
        {
            throw new ArgumentException($"Unknown log format {(int)Format}. Valid formats: {string.Join(", ", LogFormats.Names)}.", nameof(Format));
        }

        ArgumentNullException.ThrowIfNull(Cleaning, nameof(Cleaning));
        Cleaning.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferBytes, 4096, nameof(BufferBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchCapacity, nameof(BatchCapacity));
        if (Format == LogFormat.Custom)
        {
            if (Mapping is null)
            {
                throw new ArgumentException("Format 'custom' needs a Mapping (ColumnMapping.FromYaml, ColumnMapping.Parse or a ColumnMapping built in code).", nameof(Mapping));
            }

            Mapping.Validate();
        }
        else if (Mapping is not null)
        {
            throw new ArgumentException($"A Mapping is only used with format 'custom', but Format is '{LogFormats.Name(Format)}'.", nameof(Mapping));
        }

        if (TimestampFormat != TimestampFormat.Auto && Format != LogFormat.Generic)
        {
            throw new ArgumentException(
                $"TimestampFormat applies to the 'generic' format only; '{LogFormats.Name(Format)}' fixes its own (a custom mapping sets it in the mapping).",
                nameof(TimestampFormat));
        }

        if (YoochooseFile != YoochooseFile.Auto && Format != LogFormat.Yoochoose)
        {
            throw new ArgumentException($"YoochooseFile applies to the 'yoochoose' format only, but Format is '{LogFormats.Name(Format)}'.", nameof(YoochooseFile));
        }
    }
}
