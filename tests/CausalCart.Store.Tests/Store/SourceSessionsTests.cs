using CausalCart.Core.Events;

namespace CausalCart.Store.Tests.Store;

/// <summary>
/// The source sessions that <see cref="EventStore.Sessionize"/> takes from the summary kept while appending, and the
/// quality summary that then reads the sessions rows, against the SQL they replace.
/// </summary>
public sealed class SourceSessionsTests : IDisposable
{
    private static readonly DateTime T0 = new(2019, 10, 1, 8, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Sessions_and_quality_from_the_summary_equal_the_sql_over_all_events()
    {
        var path = _dir.File("s.duckdb");
        string fast;
        QualityReport fastReport;
        using (var store = EventStore.Open(path))
        {
            store.IngestEvents(Source("a", "1"), "synthetic", SyntheticReader.Events(FileA(), batchCapacity: 4));
            store.Sessionize();
            store.IngestEvents(Source("b", "2"), "synthetic", SyntheticReader.Events(FileB()));
            Assert.True(store.SummarisesSourceSessions);

            var result = store.Sessionize();

            Assert.Equal(3, result.SourceSessions);
            fast = Dump(store);
            fastReport = store.QualityReport();
            Assert.Equal(ExpectedSourceSessions(store), Dump(store, "WHERE origin = 'source'"));
        }

        using var reopened = EventStore.Open(path);
        Assert.Equal(fastReport.ToJson(), reopened.QualityReport().ToJson());   // per-session counts by GROUP BY
        Assert.False(reopened.SummarisesSourceSessions);
        reopened.Sessionize();   // source sessions by the SQL
        Assert.Equal(fast, Dump(reopened));
        reopened.IngestEvents(Source("c", "3"), "synthetic", SyntheticReader.Events([new("Z", "i", CanonicalAction.View, T0)]));
        Assert.False(reopened.SummarisesSourceSessions);   // the store had events when this instance came
    }

    [Fact]
    public void A_rolled_back_file_drops_the_summary_and_the_sql_gives_the_sessions()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        store.IngestEvents(Source("a", "1"), "synthetic", SyntheticReader.Events(FileA()));
        Assert.Throws<IOException>(() =>
            store.IngestEvents(Source("b", "2"), "synthetic", SyntheticReader.Events(FileB(), batchCapacity: 2, throwAfterBatches: 1)));

        Assert.False(store.SummarisesSourceSessions);
        var result = store.Sessionize();

        Assert.Equal(2, result.SourceSessions);
        Assert.Equal(ExpectedSourceSessions(store), Dump(store, "WHERE origin = 'source'"));
        Assert.Equal("2,2", store.Connection.QueryScalar("SELECT string_agg(events::VARCHAR, ',' ORDER BY session) FROM sessions WHERE origin = 'source'"));
    }

    [Fact]
    public void A_source_session_key_that_names_a_gap_session_falls_back_to_the_sql()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        store.IngestEvents(Source("a", "1"), "synthetic", SyntheticReader.Events([new("A", "i", CanonicalAction.View, T0)]));
        store.Sessionize();   // gap session 0, key ~gap:0
        store.IngestEvents(Source("b", "2"), "synthetic", SyntheticReader.Events(
        [
            new("B", "i", CanonicalAction.View, T0, Session: "~gap:0"),
            new("B", "i", CanonicalAction.View, T0.AddMinutes(1), Session: "S1"),
        ]));
        Assert.True(store.SummarisesSourceSessions);

        var result = store.Sessionize();

        // The SQL leaves events of a gap session's id out of the source sessions, and the report counts them with it.
        Assert.Equal(1, result.SourceSessions);
        Assert.Equal(ExpectedSourceSessions(store), Dump(store, "WHERE origin = 'source'"));
        var report = store.QualityReport();
        Assert.Equal(2, report.DistinctSessions);
        Assert.Equal(2, report.EventsPerSession.Max);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(11, 500)]
    public void Quality_from_the_event_totals_equals_the_sql_over_all_events(int seed, int users)
    {
        var rng = new Random(seed);
        var actions = CanonicalActions.All.ToArray();
        SourceRow Row() => new(
            $"u{rng.Next(users)}",
            rng.Next(10) == 0 ? null : $"i{rng.Next(300)}",
            actions[rng.Next(actions.Length)],
            T0.AddSeconds(rng.Next(-86_400, 30 * 86_400)).AddTicks(rng.Next(10) * 10),
            Category: rng.Next(4) == 0 ? null : $"c{rng.Next(20)}",
            Session: rng.Next(3) == 0 ? null : $"s{rng.Next(400)}",
            Reject: rng.Next(50) == 0 ? CausalCart.Ingest.RejectReason.UnknownAction : null);
        var path = _dir.File($"t{seed}.duckdb");
        string beforeSessions, afterSessions;
        using (var store = EventStore.Open(path))
        {
            store.IngestEvents(Source("a", "1"), "synthetic", SyntheticReader.Events([.. Enumerable.Range(0, 3000).Select(_ => Row())], batchCapacity: 257));
            store.IngestEvents(Source("b", "2"), "synthetic", SyntheticReader.Events([.. Enumerable.Range(0, 1500).Select(_ => Row())]));
            beforeSessions = store.QualityReport().ToJson();
            Assert.Equal(Sql(store).ToJson(), beforeSessions);   // events without a session still counted
            store.Sessionize();
            afterSessions = store.QualityReport().ToJson();
            Assert.Equal(Sql(store).ToJson(), afterSessions);
            Assert.Equal(0, store.QualityReport().EventsWithoutSession);
        }

        using var reopened = EventStore.Open(path);   // no totals: every figure by SQL
        Assert.Equal(afterSessions, reopened.QualityReport().ToJson());

        // The figures a scan gives, from a second instance on a copy (the totals belong to the first one).
        QualityReport Sql(EventStore store)
        {
            var copy = _dir.File($"copy{seed}-{Guid.NewGuid():N}.duckdb");
            store.Connection.Execute("CHECKPOINT");
            File.Copy(path, copy);
            using var other = EventStore.Open(copy);
            return other.QualityReport();
        }
    }

    [Fact]
    public void A_rolled_back_file_drops_the_event_totals()
    {
        var path = _dir.File("r.duckdb");
        using var store = EventStore.Open(path);
        store.IngestEvents(Source("a", "1"), "synthetic", SyntheticReader.Events(FileA()));
        Assert.Throws<IOException>(() =>
            store.IngestEvents(Source("b", "2"), "synthetic", SyntheticReader.Events(FileB(), batchCapacity: 2, throwAfterBatches: 1)));

        var report = store.QualityReport();

        Assert.Equal(6, report.Events);   // the rolled-back batch is neither stored nor counted
        Assert.Equal(3, report.DistinctUsers);
        Assert.Equal(2, report.EventsPerUser.Max);
        Assert.Equal(2, report.EventsWithoutSession);
    }

    [Theory]
    [InlineData(new long[] { 5 })]
    [InlineData(new long[] { 1, 2 })]
    [InlineData(new long[] { 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89 })]
    [InlineData(new long[] { 3, 3, 3, 4, 100, 100, 7 })]
    public void Quantiles_match_duckdbs_quantile_cont(long[] values)
    {
        using var store = EventStore.Open(_dir.File("q.duckdb"));
        var sorted = values.Order().ToArray();
        var list = string.Join(", ", values.Select(v => $"({v})"));
        foreach (var q in new[] { 0.5, 0.9, 0.99 })
        {
            var sql = Convert.ToDouble(store.Connection.QueryScalar(
                FormattableString.Invariant($"SELECT quantile_cont(n, {q})::DOUBLE FROM (VALUES {list}) AS t(n)")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(sql, CountDistribution.QuantileCont(sorted.Length, q, k => sorted[k]));
        }
    }

    [Theory]
    [InlineData(1, 1000, 50)]         // small counts: the histogram
    [InlineData(2, 37, 5)]
    [InlineData(3, 20, 1_000_000)]    // a count far above the number of values: the sort
    public void Count_distributions_equal_duckdbs_aggregates(int seed, int n, int maxCount)
    {
        var rng = new Random(seed);
        int[] counts = [.. Enumerable.Range(0, n).Select(_ => rng.Next(0, maxCount + 1))];
        using var store = EventStore.Open(_dir.File($"d{seed}.duckdb"));
        var c = store.Connection;
        var sql = c.Query($"""
            SELECT count(*) AS count, avg(n)::DOUBLE AS mean, min(n)::BIGINT AS min, quantile_cont(n, 0.5)::DOUBLE AS p50,
                   quantile_cont(n, 0.9)::DOUBLE AS p90, quantile_cont(n, 0.99)::DOUBLE AS p99, max(n)::BIGINT AS max
            FROM (VALUES {string.Join(", ", counts.Select(v => $"({v})"))}) AS t(n)
            """);
        var expected = new CountDistribution(
            sql.Column<long>("count")[0], sql.Column<double>("mean")[0], sql.Column<long>("min")[0], sql.Column<double>("p50")[0],
            sql.Column<double>("p90")[0], sql.Column<double>("p99")[0], sql.Column<long>("max")[0]);
        Assert.Equal(expected, CountDistribution.Of(counts));
        Assert.Equal(CountDistribution.Empty, CountDistribution.Of([]));
    }

    // Two users, a session spanning both files, a tie on the first time, and events without a session.    // Two users, a session spanning both files, a tie on the first time, and events without a session.
    private static SourceRow[] FileA() =>
    [
        new("A", "i1", CanonicalAction.View, T0.AddMinutes(3), Session: "S1"),
        new("B", "i1", CanonicalAction.View, T0.AddMinutes(1), Session: "S2"),
        new("A", "i2", CanonicalAction.Cart, T0.AddMinutes(1), Session: "S1"),
        new("C", "i2", CanonicalAction.View, T0),
        new("C", "i3", CanonicalAction.View, T0.AddHours(2)),
        new("B", "i2", CanonicalAction.Buy, T0.AddMinutes(9), Session: "S2"),
    ];

    private static SourceRow[] FileB() =>
    [
        new("D", "i1", CanonicalAction.View, T0.AddMinutes(1), Session: "S1"),   // ties A's first event of S1
        new("B", "i1", CanonicalAction.View, T0.AddDays(1), Session: "S3"),
        new("A", "i1", CanonicalAction.View, T0.AddMinutes(30), Session: "S1"),
        new("C", "i1", CanonicalAction.View, T0.AddHours(2).AddMinutes(5)),
    ];

    // The statement the summary replaces, run on one thread so arg_min takes the first row among ties.
    private static string ExpectedSourceSessions(EventStore store)
    {
        var c = store.Connection;
        var threads = c.QueryScalar("SELECT current_setting('threads')");
        c.Execute("SET threads = 1");
        try
        {
            return Dump(c.Query("""
                SELECT e.session, arg_min(e.user, e.ts) AS user, min(e.ts) AS start_ts, max(e.ts) AS end_ts, count(*)::INTEGER AS events, 'source' AS origin
                FROM events e
                WHERE e.session IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions g WHERE g.origin = 'gap' AND g.session = e.session)
                GROUP BY e.session
                ORDER BY e.session
                """));
        }
        finally
        {
            c.Execute($"SET threads = {threads}");
        }
    }

    private static string Dump(EventStore store, string where = "") =>
        Dump(store.Connection.Query($"SELECT session, user, start_ts, end_ts, events, origin FROM sessions {where} ORDER BY rowid"));

    private static string Dump(CausalCart.Store.DuckDb.DuckDbTable t) =>
        string.Join(";", Enumerable.Range(0, t.RowCount).Select(r =>
            $"{t.Column<int>("session")[r]},{t.Column<int>("user")[r]},{t.Column<DateTime>("start_ts")[r]:O},{t.Column<DateTime>("end_ts")[r]:O},{t.Column<int>("events")[r]},{t.Column<string?>("origin")[r]}"));

    private string Source(string name, string content)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, content);
        return path;
    }
}
