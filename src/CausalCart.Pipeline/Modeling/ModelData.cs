using CausalCart.Core.Results;
using CausalCart.Sequence.Data;

namespace CausalCart.Pipeline.Modeling;

/// <summary>
/// Sequences loaded for the behaviour model: every user's events (<see cref="All"/>), the part used for
/// training (<see cref="Training"/>: the events before <see cref="Cut"/>, or all of them without a cut),
/// the string id of each item and a hash of the data. Both datasets share one vocabulary. Immutable.
/// </summary>
public sealed class ModelData
{
    internal ModelData(string source, SequenceDataset all, SequenceDataset training, DateTimeOffset? cut, IReadOnlyDictionary<long, string> keysById, InputFile input, long eventsWithoutItem)
    {
        Source = source;
        All = all;
        Training = training;
        Cut = cut;
        KeysById = keysById;
        Input = input;
        EventsWithoutItem = eventsWithoutItem;
    }

    /// <summary>"store" or "sequences".</summary>
    public string Source { get; }

    /// <summary>Every user's events, oldest first (ties in time keep the source's line order).</summary>
    public SequenceDataset All { get; }

    /// <summary>The events strictly before <see cref="Cut"/>; <see cref="All"/> when there is no cut.</summary>
    public SequenceDataset Training { get; }

    /// <summary>The time cut (store sources), or null.</summary>
    public DateTimeOffset? Cut { get; }

    /// <summary>The source's string id of every model item id.</summary>
    public IReadOnlyDictionary<long, string> KeysById { get; }

    /// <summary>The input and the SHA-256 of its data (a store: of the (user, item, action, time) rows read, in order; a file: of its bytes).</summary>
    public InputFile Input { get; }

    /// <summary>Store events without an item (searches), which sequences leave out.</summary>
    public long EventsWithoutItem { get; }

    /// <summary>The string ids in the vocabulary's row order.</summary>
    public IReadOnlyList<string> ItemKeysInRowOrder() =>
        [.. Enumerable.Range(0, All.ItemCount).Select(r => KeysById[All.ItemOf(r)])];
}
