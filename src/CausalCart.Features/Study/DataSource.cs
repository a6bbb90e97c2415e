namespace CausalCart.Features.Study;

/// <summary>
/// Where a study's data lives: an event store file (<c>store</c>), or raw files to ingest first
/// (<c>events</c> with its <c>format</c>, optional <c>exposures</c>, <c>items</c>, <c>users</c>).
/// Exactly one of <see cref="Store"/> and <see cref="Events"/> is set in a valid spec. Paths are kept as
/// written; <see cref="StudySpec.Load"/> resolves relative paths against the spec file's folder.
/// </summary>
public sealed record DataSource
{
    /// <summary>Path of a DuckDB event store file (<c>data.store</c>), or null.</summary>
    public string? Store { get; init; }

    /// <summary>Path of an event log to ingest (<c>data.events</c>), or null.</summary>
    public string? Events { get; init; }

    /// <summary>Layout of <see cref="Events"/> (<c>data.format</c>); <see cref="EventLogFormat.Generic"/> unless given.</summary>
    public EventLogFormat Format { get; init; } = EventLogFormat.Generic;

    /// <summary>Path of a campaign exposure log (<c>data.exposures</c>), or null.</summary>
    public string? Exposures { get; init; }

    /// <summary>Path of an item side table (<c>data.items</c>), or null.</summary>
    public string? Items { get; init; }

    /// <summary>Path of a user side table (<c>data.users</c>), or null.</summary>
    public string? Users { get; init; }

    /// <summary>A source that reads an existing event store.</summary>
    public static DataSource FromStore(string path) => new() { Store = path };
}
