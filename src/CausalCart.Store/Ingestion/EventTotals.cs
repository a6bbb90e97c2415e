namespace CausalCart.Store.Ingestion;

/// <summary>
/// The figures <see cref="EventStore.QualityReport"/> takes from the <c>events</c> table, kept up to date as events
/// are appended: the number of events, per action, the first and last timestamp, the events of each user, the
/// distinct items and categories, and the events without a session.
/// </summary>
/// <remarks>
/// Implementation note: user, item and category ids are dense, so the summary is a count per user id and a bit per
/// item and category id. For a 10M-event file this costs a few tens of milliseconds on the store's thread, against a
/// quarter of a second on both cores for the quality report's scans of all events (two <c>count(DISTINCT …)</c>,
/// a <c>GROUP BY user</c> and the per-action counts). It is used only when it provably covers every event in the
/// store (see <see cref="EventStore"/>'s source-session summary, which has the same life). Not thread-safe.
/// </remarks>
internal sealed class EventTotals
{
    private readonly long[] _byAction = new long[256];  // (action byte) events
    private int[] _perUser = [];                        // (capacity) events per user id; 0 when the user has none
    private ulong[] _items = [];                        // (bits) whether an event has that item id
    private ulong[] _categories = [];                   // (bits) whether an event has that category id

    /// <summary>Number of events.</summary>
    public long Events { get; private set; }

    /// <summary>Earliest event time, µs since the epoch (<see cref="long.MaxValue"/> without events).</summary>
    public long FirstMicros { get; private set; } = long.MaxValue;

    /// <summary>Latest event time, µs since the epoch (<see cref="long.MinValue"/> without events).</summary>
    public long LastMicros { get; private set; } = long.MinValue;

    /// <summary>Number of distinct users with events.</summary>
    public int Users { get; private set; }

    /// <summary>Number of distinct non-NULL items in the events.</summary>
    public int Items { get; private set; }

    /// <summary>Number of distinct non-NULL categories in the events.</summary>
    public int Categories { get; private set; }

    /// <summary>Events whose session is NULL.</summary>
    public long WithoutSession { get; private set; }

    /// <summary>Events with action byte <paramref name="action"/>.</summary>
    public long ByAction(byte action) => _byAction[action];

    /// <summary>Adds events (ids of −1 are NULL).</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or a user id is negative.</exception>
    public void Add(ReadOnlySpan<int> user, ReadOnlySpan<int> item, ReadOnlySpan<int> category, ReadOnlySpan<byte> action,
        ReadOnlySpan<long> timestampMicros, ReadOnlySpan<int> session)
    {
        var n = user.Length;
        if (item.Length != n || category.Length != n || action.Length != n || timestampMicros.Length != n || session.Length != n)
        {
            throw new ArgumentException($"Event spans differ in length ({n} users, {item.Length} items, {category.Length} categories, " +
                $"{action.Length} actions, {timestampMicros.Length} times, {session.Length} sessions).");
        }

        for (var i = 0; i < n; i++)
        {
            var u = user[i];
            ArgumentOutOfRangeException.ThrowIfNegative(u, nameof(user));
            if (u >= _perUser.Length)
            {
                Array.Resize(ref _perUser, Grow(_perUser.Length, u + 1));
            }

            if (_perUser[u]++ == 0)
            {
                Users++;
            }

            if (item[i] >= 0 && Set(ref _items, item[i]))
            {
                Items++;
            }

            if (category[i] >= 0 && Set(ref _categories, category[i]))
            {
                Categories++;
            }

            _byAction[action[i]]++;
            var t = timestampMicros[i];
            FirstMicros = Math.Min(FirstMicros, t);
            LastMicros = Math.Max(LastMicros, t);
        }

        WithoutSession += session.Count(-1);
        Events += n;
    }

    /// <summary>Records that <paramref name="events"/> events without a session were given one (by sessionizing).</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="WithoutSession"/>, or negative.</exception>
    public void SessionsAssigned(long events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(events, WithoutSession);
        WithoutSession -= events;
    }

    /// <summary>The distribution of events per user, as <see cref="EventStore.QualityReport"/> computes it in SQL
    /// (see <see cref="CountDistribution.Of"/>).</summary>
    public CountDistribution EventsPerUser()
    {
        var counts = new int[Users];
        var k = 0;
        foreach (var c in _perUser)
        {
            if (c > 0)
            {
                counts[k++] = c;
            }
        }

        return CountDistribution.Of(counts);
    }

    private static bool Set(ref ulong[] bits, int id)
    {
        var word = id >> 6;
        if (word >= bits.Length)
        {
            Array.Resize(ref bits, Grow(bits.Length, word + 1));
        }

        var mask = 1UL << (id & 63);
        if ((bits[word] & mask) != 0)
        {
            return false;
        }

        bits[word] |= mask;
        return true;
    }

    private static int Grow(int length, int needed) => Math.Max(needed, (int)Math.Min(Array.MaxLength, Math.Max(1024L, 2L * length)));
}
