using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Ingestion;

/// <summary>
/// The <c>sessions</c> rows of origin <c>source</c>, kept up to date as events are appended: per session id of
/// <c>ids_session</c>, the number of events, the first and last timestamp, and the user of the first event (the
/// earliest in ingest order when several events share the first timestamp, which is what DuckDB's
/// <c>arg_min(user, ts)</c> gives over the events in row order).
/// </summary>
/// <remarks>
/// Implementation note: session ids are dense, so the summary is four arrays indexed by id rather than a hash
/// table; a 10M-event file with 1.8M sessions costs about 40 MB and a few tens of milliseconds on the writer
/// thread, against a SQL <c>GROUP BY session</c> over all events of over a CPU-second. Not thread-safe.
/// </remarks>
internal sealed class SourceSessionSummary
{
    private int[] _events = [];   // (capacity) events per session id; 0 when the id has no event with that session
    private long[] _first = [];   // (capacity) earliest ts, µs since the epoch
    private long[] _last = [];    // (capacity) latest ts, µs since the epoch
    private int[] _user = [];     // (capacity) user of the earliest event

    /// <summary>Number of session ids with at least one event.</summary>
    public int Sessions { get; private set; }

    /// <summary>Whether session id <paramref name="session"/> has at least one event.</summary>
    public bool Contains(int session) => (uint)session < (uint)_events.Length && _events[session] > 0;

    /// <summary>Adds events; a session of -1 (none from the source) is skipped.</summary>
    /// <param name="session">(n) session ids, -1 for none.</param>
    /// <param name="user">(n) user ids.</param>
    /// <param name="timestampMicros">(n) event times.</param>
    public void Add(ReadOnlySpan<int> session, ReadOnlySpan<int> user, ReadOnlySpan<long> timestampMicros)
    {
        if (user.Length != session.Length || timestampMicros.Length != session.Length)
        {
            throw new ArgumentException($"Spans of {session.Length} sessions, {user.Length} users and {timestampMicros.Length} times differ in length.");
        }

        if (session.IsEmpty)
        {
            return;
        }

        var events = _events;
        var first = _first;
        var last = _last;
        var users = _user;
        for (var i = 0; i < session.Length; i++)
        {
            var s = session[i];
            if (s < 0)
            {
                continue;
            }

            if (s >= events.Length)
            {
                EnsureCapacity(s + 1);
                (events, first, last, users) = (_events, _first, _last, _user);
            }

            var t = timestampMicros[i];
            var n = events[s];
            if (n == 0)
            {
                Sessions++;
                first[s] = t;
                last[s] = t;
                users[s] = user[i];
            }
            else if (t < first[s])
            {
                first[s] = t;
                users[s] = user[i];
            }
            else if (t > last[s])
            {
                last[s] = t;
            }

            events[s] = checked(n + 1);
        }
    }

    /// <summary>Appends one row per session with events, in session id order, to an appender on <c>sessions</c>.</summary>
    public void WriteTo(DuckDbAppender sessions)
    {
        var capacity = DuckDbAppender.ChunkCapacity;
        var id = new int[capacity];       // (chunk) session
        var user = new int[capacity];     // (chunk) user
        var start = new long[capacity];   // (chunk) start_ts
        var end = new long[capacity];     // (chunk) end_ts
        var events = new int[capacity];   // (chunk) events
        var origin = new string?[capacity];
        Array.Fill(origin, "source");
        var rows = 0;
        for (var s = 0; s < _events.Length; s++)
        {
            if (_events[s] == 0)
            {
                continue;
            }

            (id[rows], user[rows], start[rows], end[rows], events[rows]) = (s, _user[s], _first[s], _last[s], _events[s]);
            if (++rows == capacity)
            {
                WriteChunk(rows);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            WriteChunk(rows);
        }

        void WriteChunk(int n)
        {
            sessions.BeginChunk(n);
            sessions.Write<int>(0, id.AsSpan(0, n));
            sessions.Write<int>(1, user.AsSpan(0, n));
            sessions.Write<long>(2, start.AsSpan(0, n));
            sessions.Write<long>(3, end.AsSpan(0, n));
            sessions.Write<int>(4, events.AsSpan(0, n));
            sessions.WriteStrings(5, origin.AsSpan(0, n));
            sessions.EndChunk();
        }
    }

    private void EnsureCapacity(int length)
    {
        if (length <= _events.Length)
        {
            return;
        }

        var size = Math.Max(length, (int)Math.Min(Array.MaxLength, Math.Max(4096L, 2L * _events.Length)));
        Array.Resize(ref _events, size);
        Array.Resize(ref _first, size);
        Array.Resize(ref _last, size);
        Array.Resize(ref _user, size);
    }
}
