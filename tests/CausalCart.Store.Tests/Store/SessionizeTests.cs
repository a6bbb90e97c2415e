using CausalCart.Core.Events;

namespace CausalCart.Store.Tests.Store;

public sealed class SessionizeTests : IDisposable
{
    private static readonly DateTime T0 = new(2019, 10, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Micro = TimeSpan.FromTicks(10);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Gap_equal_to_the_limit_continues_and_one_microsecond_more_starts_a_new_session()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        SourceRow[] rows =
        [
            new("A", "i", CanonicalAction.View, T0),
            new("C", "i", CanonicalAction.View, T0, Session: "S1"),
            new("A", "i", CanonicalAction.View, T0.AddMinutes(30)),              // gap exactly 30 min: same session
            new("A", "i", CanonicalAction.Cart, T0.AddMinutes(60) + Micro),       // gap 30 min + 1 µs: new session
            new("B", "i", CanonicalAction.View, T0.AddMinutes(5)),
            new("A", "i", CanonicalAction.Buy, T0.AddMinutes(61)),
            new("C", "i", CanonicalAction.Buy, T0.AddHours(5), Session: "S1"),
        ];
        store.IngestEvents(Source("a", "1"), "synthetic", SyntheticReader.Events(rows));

        var result = store.Sessionize();

        Assert.Equal(5, result.EventsAssigned);
        Assert.Equal(3, result.GapSessionsCreated);
        Assert.Equal(1, result.SourceSessions);
        Assert.Equal(TimeSpan.FromMinutes(30), result.InactivityGap);
        var c = store.Connection;
        Assert.Equal("1,1,2,2,0,0,3", c.QueryScalar("SELECT string_agg(session::VARCHAR, ',' ORDER BY user, ts) FROM events"));
        var sessions = c.Query("SELECT * FROM sessions ORDER BY session");
        Assert.Equal(["source", "gap", "gap", "gap"], sessions.Strings("origin"));
        Assert.Equal([2, 2, 2, 1], sessions.Column<int>("events").Values.ToArray());
        Assert.Equal(T0.AddMinutes(60) + Micro, sessions.Column<DateTime>("start_ts")[2]);
        Assert.Equal(T0.AddMinutes(61), sessions.Column<DateTime>("end_ts")[2]);
        Assert.Equal(T0.AddHours(5), sessions.Column<DateTime>("end_ts")[0]);
        Assert.Equal(1, sessions.Column<int>("user")[0]);   // C, the second user seen
        Assert.Equal("S1,~gap:1,~gap:2,~gap:3", c.QueryScalar("SELECT string_agg(key, ',' ORDER BY id) FROM ids_session"));
    }

    [Fact]
    public void Later_runs_only_touch_new_events_and_later_source_sessions_get_fresh_ids()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        store.IngestEvents(Source("a", "1"), "synthetic", SyntheticReader.Events([new("A", "i", CanonicalAction.View, T0)]));
        store.Sessionize();

        store.IngestEvents(Source("b", "2"), "synthetic", SyntheticReader.Events(
        [
            new("A", "i", CanonicalAction.View, T0.AddMinutes(1)),
            new("B", "i", CanonicalAction.View, T0, Session: "S9"),
        ]));
        var second = store.Sessionize();

        Assert.Equal(1, second.EventsAssigned);
        Assert.Equal(1, second.GapSessionsCreated);
        var c = store.Connection;
        Assert.Equal("0,2", c.QueryScalar("SELECT string_agg(session::VARCHAR, ',' ORDER BY ts) FROM events WHERE user = 0"));
        Assert.Equal(1, c.QueryScalar("SELECT session FROM events WHERE user = 1"));
        Assert.Equal(3L, c.QueryScalar("SELECT count(DISTINCT session) FROM sessions"));
        Assert.Equal(3L, c.QueryScalar("SELECT count(*) FROM sessions"));
        Assert.Equal("~gap:0,S9,~gap:2", c.QueryScalar("SELECT string_agg(key, ',' ORDER BY id) FROM ids_session"));
        Assert.Equal(3, store.ReadDictionaries().Sessions.Count);
    }

    [Fact]
    public void Configured_gap_is_used()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"), new EventStoreOptions { InactivityGap = TimeSpan.FromMinutes(5) });
        store.IngestEvents(Source("a", "1"), "synthetic", SyntheticReader.Events(
        [
            new("A", "i", CanonicalAction.View, T0),
            new("A", "i", CanonicalAction.View, T0.AddMinutes(5)),
            new("A", "i", CanonicalAction.View, T0.AddMinutes(10) + Micro),
            new("A", "i", CanonicalAction.View, T0.AddMinutes(10) + Micro),
        ]));

        var result = store.Sessionize();

        Assert.Equal(2, result.GapSessionsCreated);
        Assert.Equal("0,0,1,1", store.Connection.QueryScalar("SELECT string_agg(session::VARCHAR, ',' ORDER BY ts, source_line) FROM events"));
    }

    [Fact]
    public void Sessionize_on_an_empty_store_does_nothing()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));

        var result = store.Sessionize();

        Assert.Equal(new SessionizeResult(0, 0, 0, EventStoreOptions.DefaultInactivityGap), result);
    }

    [Fact]
    public void Non_positive_gap_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EventStore.Open(_dir.File("s.duckdb"), new EventStoreOptions { InactivityGap = TimeSpan.Zero }));
    }

    private string Source(string name, string content)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, content);
        return path;
    }
}
