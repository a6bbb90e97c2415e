using CausalCart.Store.DuckDb;

namespace CausalCart.Store;

/// <summary>Settings of an <see cref="EventStore"/>.</summary>
public sealed record EventStoreOptions
{
    /// <summary>The default inactivity gap after which sessionization starts a new session: 30 minutes.</summary>
    public static readonly TimeSpan DefaultInactivityGap = TimeSpan.FromMinutes(30);

    /// <summary>DuckDB settings (threads, memory limit). Extension autoloading is always off.</summary>
    public DuckDbOpenOptions DuckDb { get; init; } = new();

    /// <summary>
    /// For events without a source session: a gap between two consecutive events of a user longer than this
    /// starts a new session (a gap exactly equal to it does not). Must be positive. Default 30 minutes.
    /// </summary>
    public TimeSpan InactivityGap { get; init; } = DefaultInactivityGap;

    /// <summary>Clock for <c>source_files.ingested_at</c> and elapsed times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
