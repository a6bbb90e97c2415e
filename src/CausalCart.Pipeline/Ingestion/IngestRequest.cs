using CausalCart.Ingest;

namespace CausalCart.Pipeline.Ingestion;

/// <summary>What to ingest, into which store, and how.</summary>
public sealed record IngestRequest
{
    /// <summary>A log file (CSV or Parquet), or a directory laid out like ShopSim's output (<c>events.csv</c> or <c>events.parquet</c>, optional <c>exposures.csv</c>, <c>items.csv</c>, <c>users.csv</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The store file (created if missing).</summary>
    public required string StorePath { get; init; }

    /// <summary>Format preset: <c>taobao</c>, <c>retailrocket</c>, <c>rees46</c>, <c>yoochoose</c>, <c>generic</c>, or <c>custom</c> with a mapping.</summary>
    public LogFormat Format { get; init; } = LogFormat.Generic;

    /// <summary>What a single file holds; ignored for a directory.</summary>
    public IngestKind Kind { get; init; } = IngestKind.Events;

    /// <summary>Column mapping for the <c>custom</c> format (from YAML or a command-line string).</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>Timestamp encoding for the generic format (auto-detected by default).</summary>
    public TimestampFormat TimestampFormat { get; init; } = TimestampFormat.Auto;

    /// <summary>Inactivity gap that starts a new session for sources without session ids.</summary>
    public TimeSpan SessionGap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Largest share of rejected rows (over all files of this request) that still counts as success.</summary>
    public double MaxRejectShare { get; init; } = 0.5;
}

/// <summary>What a single ingested file holds.</summary>
public enum IngestKind
{
    /// <summary>Behaviour events.</summary>
    Events,

    /// <summary>Exposures (user, time, campaign, arm, item, propensity).</summary>
    Exposures,

    /// <summary>The item side table.</summary>
    Items,

    /// <summary>The user side table.</summary>
    Users,
}
