using CausalCart.Core.Events;

namespace CausalCart.Pipeline.Modeling;

/// <summary>
/// A user's recent history and what to predict after it. The history is exactly one of: <see cref="Items"/>,
/// <see cref="EventsPath"/>, or <see cref="StorePath"/> with <see cref="User"/>. Immutable.
/// </summary>
public sealed record ModelPredictRequest
{
    /// <summary>The checkpoint written by training.</summary>
    public required string CheckpointPath { get; init; }

    /// <summary>Item ids (the source's own), oldest first.</summary>
    public IReadOnlyList<string>? Items { get; init; }

    /// <summary>
    /// The action of each of <see cref="Items"/> and of file events without one. Null means
    /// <see cref="CanonicalAction.View"/> for a model with a next-action head and <see cref="CanonicalAction.Buy"/>
    /// otherwise (sequence files are read as purchases).
    /// </summary>
    public CanonicalAction? DefaultAction { get; init; }

    /// <summary>A CSV or JSON file of events (see <see cref="HistoryFile"/>).</summary>
    public string? EventsPath { get; init; }

    /// <summary>An event store holding <see cref="User"/>.</summary>
    public string? StorePath { get; init; }

    /// <summary>The source's user id in <see cref="StorePath"/>.</summary>
    public string? User { get; init; }

    /// <summary>With a store user: only the events strictly before this time (to predict as of a past moment).</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>How many next items to return.</summary>
    public int TopK { get; init; } = 10;
}
