using CausalCart.Core.Errors;

namespace CausalCart.Pipeline.Modeling;

/// <summary>
/// Where the behaviour model's sequences come from: an event store (with a time cut) or a sequence file in
/// the <c>user item1 item2 …</c> format of <c>amazon_sequences</c>. Exactly one of
/// <see cref="StorePath"/> and <see cref="SequencesPath"/> is set. Immutable.
/// </summary>
public sealed record ModelDataSource
{
    /// <summary>The DuckDB event store; events with an item (every action but searches) become sequences.</summary>
    public string? StorePath { get; init; }

    /// <summary>A sequence file: one user per line, items oldest first, no actions or timestamps.</summary>
    public string? SequencesPath { get; init; }

    /// <summary>
    /// Store only: training histories are the events strictly before this time (whole seconds, UTC); purchase
    /// labels and the time-split next event lie at or after it. Null means one purchase horizon before the
    /// store's last event (rounded down to the second).
    /// </summary>
    public DateTimeOffset? Cut { get; init; }

    /// <summary>Throws <see cref="CausalCartException"/> (usage) naming what is wrong.</summary>
    public void Validate()
    {
        if ((StorePath is null) == (SequencesPath is null))
        {
            throw new CausalCartException("Give exactly one data source: --store <file.duckdb> or --sequences <file.txt>.");
        }

        if (SequencesPath is not null && Cut is not null)
        {
            throw new CausalCartException("--cut needs timestamped events (--store); a sequence file has no timestamps.");
        }

        var path = StorePath ?? SequencesPath!;
        if (!File.Exists(path))
        {
            throw new CausalCartException(StorePath is not null ? $"Store '{path}' does not exist." : $"Sequence file '{path}' does not exist.");
        }
    }
}
