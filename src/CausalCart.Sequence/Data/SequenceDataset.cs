using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Core.Events;

namespace CausalCart.Sequence.Data;

/// <summary>
/// Users' event sequences with a dense item vocabulary, ready for training. Built from a
/// <c>user item1 item2 …</c> file (<see cref="ReadItemSequences"/>) or from in-memory events
/// (<see cref="FromEvents"/>). Immutable.
/// </summary>
/// <remarks>
/// Implementation note: items are mapped to dense rows 0..V−1 in order of first appearance in the
/// input (for the file reader, items are numbered as in the file: id k → row k−1 when ids are 1..V);
/// the vocabulary hash (FNV-1a over the external ids in row order) ties checkpoints to this mapping.
/// </remarks>
public sealed class SequenceDataset
{
    private readonly Dictionary<long, int> _rows;

    private SequenceDataset(string source, long[] itemIds, string[] users, int[][] items, byte[][] actions, long[][]? times)
    {
        Source = source;
        ItemIds = itemIds;
        Users = users;
        Items = items;
        Actions = actions;
        Times = times;
        _rows = new Dictionary<long, int>(itemIds.Length);
        for (var i = 0; i < itemIds.Length; i++)
        {
            _rows[itemIds[i]] = i;
        }

        HasTimestamps = times is not null;
        var seen = new HashSet<byte>();
        foreach (var a in actions)
        {
            foreach (var x in a)
            {
                seen.Add(x);
            }
        }

        HasActions = seen.Count > 1;
        EventCount = items.Sum(s => (long)s.Length);
        VocabularyHash = HashIds(itemIds);
    }

    /// <summary>Where the data came from (file path or "events").</summary>
    public string Source { get; }

    /// <summary>Number of users.</summary>
    public int UserCount => Users.Length;

    /// <summary>Number of distinct items V.</summary>
    public int ItemCount => ItemIds.Length;

    /// <summary>Total number of events.</summary>
    public long EventCount { get; }

    /// <summary>Whether events carry timestamps.</summary>
    public bool HasTimestamps { get; }

    /// <summary>Whether more than one action type occurs.</summary>
    public bool HasActions { get; }

    /// <summary>FNV-1a 64-bit hash of the external item ids in row order.</summary>
    public ulong VocabularyHash { get; }

    internal long[] ItemIds { get; }

    internal string[] Users { get; }

    internal int[][] Items { get; }

    internal byte[][] Actions { get; }

    internal long[][]? Times { get; }

    /// <summary>The dense row of an external item id, or −1 when unknown.</summary>
    public int RowOf(long item) => _rows.TryGetValue(item, out var r) ? r : -1;

    /// <summary>The external id of a dense row.</summary>
    public long ItemOf(int row) => ItemIds[row];

    /// <summary>
    /// Reads one user per line, <c>user item1 item2 …</c>, items chronological (the S3Rec/ICLRec
    /// format). Every event is taken as a <see cref="CanonicalAction.Buy"/> without timestamp.
    /// Throws <see cref="CausalCartException"/> naming the line of a malformed item id.
    /// </summary>
    public static SequenceDataset ReadItemSequences(string path)
    {
        if (!File.Exists(path))
        {
            throw new CausalCartException($"Sequence file '{path}' not found.");
        }

        var users = new List<string>();
        var raw = new List<long[]>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            var ids = new long[parts.Length - 1];
            for (var i = 1; i < parts.Length; i++)
            {
                if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out ids[i - 1]))
                {
                    throw new CausalCartException($"{path}:{lineNo}: item '{parts[i]}' is not an integer id.");
                }
            }

            users.Add(parts[0]);
            raw.Add(ids);
        }

        // Rows in ascending id order, so that ids 1..V map to rows 0..V−1.
        var itemIds = raw.SelectMany(r => r).Distinct().Order().ToArray();
        var rows = new Dictionary<long, int>(itemIds.Length);
        for (var i = 0; i < itemIds.Length; i++)
        {
            rows[itemIds[i]] = i;
        }

        var items = raw.Select(r => r.Select(id => rows[id]).ToArray()).ToArray();
        var actions = items.Select(s => Enumerable.Repeat((byte)CanonicalAction.Buy, s.Length).ToArray()).ToArray();
        return new SequenceDataset(path, itemIds, [.. users], items, actions, null);
    }

    /// <summary>
    /// Builds a dataset from in-memory events (each user's events oldest first). Timestamps must be
    /// all present or all absent. Throws <see cref="CausalCartException"/> on an empty input, mixed
    /// timestamps, or events out of chronological order (naming the user).
    /// </summary>
    public static SequenceDataset FromEvents(IEnumerable<UserSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var rows = new Dictionary<long, int>();
        var ids = new List<long>();
        var users = new List<string>();
        var items = new List<int[]>();
        var actions = new List<byte[]>();
        var times = new List<long[]>();
        bool? timed = null;
        foreach (var seq in sequences)
        {
            if (seq.Events.Count == 0)
            {
                continue;
            }

            var it = new int[seq.Events.Count];
            var ac = new byte[seq.Events.Count];
            var tm = new long[seq.Events.Count];
            for (var i = 0; i < seq.Events.Count; i++)
            {
                var e = seq.Events[i];
                if (!rows.TryGetValue(e.Item, out var r))
                {
                    r = ids.Count;
                    rows[e.Item] = r;
                    ids.Add(e.Item);
                }

                it[i] = r;
                ac[i] = (byte)e.Action;
                var has = e.Timestamp.HasValue;
                timed ??= has;
                if (timed != has)
                {
                    throw new CausalCartException($"User '{seq.User}': timestamps must be given for all events or for none.");
                }

                if (has)
                {
                    tm[i] = e.Timestamp!.Value.ToUnixTimeSeconds();
                    if (i > 0 && tm[i] < tm[i - 1])
                    {
                        throw new CausalCartException($"User '{seq.User}': event {i} is earlier than event {i - 1}; events must be chronological.");
                    }
                }
            }

            users.Add(seq.User);
            items.Add(it);
            actions.Add(ac);
            times.Add(tm);
        }

        if (users.Count == 0)
        {
            throw new CausalCartException("No events: every user sequence was empty.");
        }

        return new SequenceDataset("events", [.. ids], [.. users], [.. items], [.. actions], timed == true ? [.. times] : null);
    }

    /// <summary>The same users and vocabulary with only the events strictly before <paramref name="cutoff"/> (for a time split). Requires timestamps.</summary>
    public SequenceDataset Before(DateTimeOffset cutoff)
    {
        if (Times is null)
        {
            throw new CausalCartException("A time split needs timestamps; this dataset has none.");
        }

        var t = cutoff.ToUnixTimeSeconds();
        var keep = Enumerable.Range(0, UserCount).Select(u => Times[u].Count(x => x < t)).ToArray();
        var idx = Enumerable.Range(0, UserCount).Where(u => keep[u] > 0).ToArray();
        return new SequenceDataset(Source + $" before {cutoff:O}", ItemIds, [.. idx.Select(u => Users[u])],
            [.. idx.Select(u => Items[u][..keep[u]])], [.. idx.Select(u => Actions[u][..keep[u]])], [.. idx.Select(u => Times[u][..keep[u]])]);
    }

    /// <summary>
    /// A time split for next-event evaluation: the same vocabulary and, for each user with events both
    /// strictly before <paramref name="cutoff"/> and at or after it, the events before it followed by the
    /// first event at or after it. Evaluating the <see cref="Evaluation.EvaluationSplit.Test"/> split of the
    /// result predicts every such user's first event after the cut-off from their history before it.
    /// Requires timestamps.
    /// </summary>
    public SequenceDataset UpToFirstEventAfter(DateTimeOffset cutoff)
    {
        if (Times is null)
        {
            throw new CausalCartException("A time split needs timestamps; this dataset has none.");
        }

        var t = cutoff.ToUnixTimeSeconds();
        var before = Enumerable.Range(0, UserCount).Select(u => Times[u].Count(x => x < t)).ToArray();
        var idx = Enumerable.Range(0, UserCount).Where(u => before[u] > 0 && before[u] < Times[u].Length).ToArray();
        return new SequenceDataset(Source + $" up to the first event after {cutoff:O}", ItemIds, [.. idx.Select(u => Users[u])],
            [.. idx.Select(u => Items[u][..(before[u] + 1)])], [.. idx.Select(u => Actions[u][..(before[u] + 1)])], [.. idx.Select(u => Times[u][..(before[u] + 1)])]);
    }

    internal static ulong HashIds(long[] ids)
    {
        var h = 14695981039346656037UL;
        foreach (var id in ids)
        {
            var v = (ulong)id;
            for (var b = 0; b < 8; b++)
            {
                h ^= (v >> (8 * b)) & 0xFF;
                h *= 1099511628211UL;
            }
        }

        return h;
    }
}
