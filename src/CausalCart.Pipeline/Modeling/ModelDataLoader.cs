using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Core.Results;
using CausalCart.Sequence.Data;
using CausalCart.Store;

namespace CausalCart.Pipeline.Modeling;

/// <summary>Loads <see cref="ModelData"/> from a store or a sequence file.</summary>
public static class ModelDataLoader
{
    /// <summary>
    /// Loads the sequences of <paramref name="source"/>. For a store, <paramref name="horizon"/> places the
    /// default cut one purchase horizon before the last event. Deterministic: the same store or file gives the
    /// same datasets, vocabulary (rows in order of first appearance, users in store id order) and hash.
    /// </summary>
    /// <exception cref="CausalCartException">The source is invalid or missing, or holds no usable events, or the cut leaves no training events.</exception>
    public static ModelData Load(ModelDataSource source, TimeSpan horizon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Validate();
        if (source.SequencesPath is { } path)
        {
            var data = SequenceDataset.ReadItemSequences(path);
            var keys = new Dictionary<long, string>(data.ItemCount);
            for (var r = 0; r < data.ItemCount; r++)
            {
                keys[data.ItemOf(r)] = data.ItemOf(r).ToString(CultureInfo.InvariantCulture);
            }

            if (data.UserCount == 0)
            {
                throw new CausalCartException($"Sequence file '{path}' holds no user with at least one item.");
            }

            return new ModelData("sequences", data, data, null, keys, new InputFile(path, EventStore.ComputeSha256(path)), 0);
        }

        var storePath = source.StorePath!;
        using var store = EventStore.Open(storePath);
        var (users, keysById, sha, withoutItem) = StoreSequenceReader.ReadAll(store, cancellationToken);
        if (users.Count == 0)
        {
            throw new CausalCartException($"Store '{storePath}' holds no events with an item; ingest events first.");
        }

        var all = SequenceDataset.FromEvents(users);
        var last = users.Max(u => u.Events[^1].Timestamp!.Value);
        var cut = source.Cut ?? DateTimeOffset.FromUnixTimeSeconds((last - horizon).ToUnixTimeSeconds());
        var first = users.Min(u => u.Events[0].Timestamp!.Value);
        if (cut <= first)
        {
            throw new CausalCartException(string.Create(CultureInfo.InvariantCulture,
                $"--cut {cut:u} is not after the store's first event ({first:u}); no event would be left to train on."));
        }

        return new ModelData("store", all, all.Before(cut), cut, keysById, new InputFile(storePath, sha), withoutItem);
    }

    /// <summary>Parses a cut given on the command line: an ISO 8601 time (UTC unless it has an offset) or a date.</summary>
    /// <exception cref="CausalCartException">The text is not a time (the message shows the accepted forms).</exception>
    public static DateTimeOffset ParseCut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return t;
        }

        throw new CausalCartException($"--cut '{text}' is not a time; use ISO 8601, e.g. 2024-03-13 or 2024-03-13T12:00:00Z.");
    }
}
