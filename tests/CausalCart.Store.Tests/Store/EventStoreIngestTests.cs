using CausalCart.Core.Events;
using CausalCart.Ingest;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Tests.Store;

public sealed class EventStoreIngestTests : IDisposable
{
    private static readonly DateTime T0 = new(2017, 11, 25, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void New_store_has_the_schema_and_reopens()
    {
        var path = _dir.File("s.duckdb");
        using (var store = EventStore.Open(path))
        {
            Assert.Equal("1", store.Connection.QueryScalar("SELECT value FROM store_meta WHERE key = 'schema_version'"));
        }

        using var again = EventStore.Open(path);
        var columns = again.Connection.Query(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'events' ORDER BY column_index");
        Assert.Equal(
            ["user", "item", "category", "action", "ts", "price", "session", "query", "source_file", "source_line"],
            columns.Strings("column_name"));
        Assert.Equal(
            ["INTEGER", "INTEGER", "INTEGER", "UTINYINT", "TIMESTAMP", "DOUBLE", "INTEGER", "VARCHAR", "INTEGER", "BIGINT"],
            columns.Strings("data_type"));
    }

    [Fact]
    public void Store_of_another_schema_version_is_a_clear_error()
    {
        var path = _dir.File("old.duckdb");
        using (var store = EventStore.Open(path))
        {
            store.Connection.Execute("UPDATE store_meta SET value = '0' WHERE key = 'schema_version'");
        }

        var ex = Assert.Throws<InvalidDataException>(() => EventStore.Open(path));

        Assert.Contains("schema version 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Foreign_duckdb_file_is_refused()
    {
        var path = _dir.File("other.duckdb");
        using (var db = DuckDbDatabase.Open(path))
        using (var c = db.Connect())
        {
            c.Execute("CREATE TABLE something(i INTEGER)");
        }

        var ex = Assert.Throws<InvalidDataException>(() => EventStore.Open(path));

        Assert.Contains("not a CausalCart event store", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INSERT INTO ids_user VALUES (1, 'u1')", "key 'u1' has id 1 but would get id 0")]   // a key twice
    [InlineData("INSERT INTO ids_user VALUES (0, 'u9')", "has id 0 but would get id 1")]               // an id twice (either row first)
    [InlineData("UPDATE ids_user SET id = 5", "key 'u1' has id 5 but would get id 0")]              // a gap
    public void Id_dictionary_that_is_not_dense_and_distinct_is_refused_when_loaded(string corruption, string expected)
    {
        // The ids_* tables have no PRIMARY KEY; uniqueness is checked when the dictionaries are loaded.
        var path = _dir.File("s.duckdb");
        using (var store = EventStore.Open(path))
        {
            store.IngestEvents(WriteSource("a.csv", "a"), "synthetic", SyntheticReader.Events([new("u1", "i1", CanonicalAction.View, T0)]));
            store.Connection.Execute(corruption);
        }

        using var reopened = EventStore.Open(path);
        var ex = Assert.Throws<InvalidDataException>(() => reopened.ReadDictionaries());
        Assert.Contains("ids_user is not a dense dictionary", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_rejects_dictionaries_and_source_file_are_stored_and_reconcile()
    {
        var file = WriteSource("a.csv", "a");
        SourceRow[] rows =
        [
            new("u1", "i1", CanonicalAction.View, T0, 9.5, "c1", null, null),
            new("u1", null, CanonicalAction.Search, T0.AddSeconds(1), Query: "red shoes"),
            new("u2", "i2", CanonicalAction.Buy, T0.AddSeconds(2), Session: "s-9"),
            new("x", "x", CanonicalAction.View, T0, Reject: RejectReason.UnknownAction),
            new("x", "x", CanonicalAction.View, T0, Reject: RejectReason.Duplicate),
            new("x", "x", CanonicalAction.View, T0, Reject: RejectReason.Duplicate),
        ];
        using var store = EventStore.Open(_dir.File("s.duckdb"));

        var result = store.IngestEvents(file, "synthetic", SyntheticReader.Events(rows));

        Assert.False(result.AlreadyIngested);
        Assert.True(result.Reconciles);
        Assert.Equal((6L, 3L, 3L), (result.Read, result.Accepted, result.Rejected));
        Assert.Equal(new Dictionary<string, long> { ["unknown_action"] = 1, ["duplicate"] = 2 }, result.RejectsByReason);
        Assert.Equal(EventStore.ComputeSha256(file), result.Sha256);
        Assert.Equal(SourceFileKind.Events, result.Kind);

        var c = store.Connection;
        var events = c.Query("SELECT * FROM events ORDER BY source_line");
        Assert.Equal(3, events.RowCount);
        Assert.Equal([0, 0, 1], events.Column<int>("user").Values.ToArray());
        Assert.True(events["item"].IsNull(1));
        Assert.Equal(1, events.Column<int>("item")[2]);
        Assert.Equal(0, events.Column<int>("category")[0]);
        Assert.True(events["category"].IsNull(1));
        Assert.Equal(9.5, events.Column<double>("price")[0]);
        Assert.True(events["price"].IsNull(2));
        Assert.Equal("red shoes", events.Column<string?>("query")[1]);
        Assert.True(events["query"].IsNull(0));
        Assert.True(events["session"].IsNull(0));
        Assert.Equal(0, events.Column<int>("session")[2]);
        Assert.Equal((byte)CanonicalAction.Buy, events.Column<byte>("action")[2]);
        Assert.Equal(T0.AddSeconds(2), events.Column<DateTime>("ts")[2]);
        Assert.Equal([2L, 3L, 4L], events.Column<long>("source_line").Values.ToArray());
        Assert.All(events.Column<int>("source_file").Values.ToArray(), id => Assert.Equal(result.SourceFileId, id));

        var rejects = c.Query("SELECT * FROM rejects ORDER BY line");
        Assert.Equal(["unknown_action", "duplicate", "duplicate"], rejects.Strings("reason"));
        Assert.Equal([5L, 6L, 7L], rejects.Column<long>("line").Values.ToArray());
        Assert.Equal("raw,5", rejects.Column<string?>("raw")[0]);
        Assert.Equal("row 5 rejected for test", rejects.Column<string?>("detail")[0]);

        Assert.Equal("u1,u2", c.QueryScalar("SELECT string_agg(key, ',' ORDER BY id) FROM ids_user"));
        Assert.Equal("i1,i2", c.QueryScalar("SELECT string_agg(key, ',' ORDER BY id) FROM ids_item"));
        Assert.Equal("s-9", c.QueryScalar("SELECT string_agg(key, ',' ORDER BY id) FROM ids_session"));
        var source = c.Query("SELECT * FROM source_files");
        Assert.Equal(file, source.Column<string?>("path")[0]);
        Assert.Equal("events", source.Column<string?>("kind")[0]);
        Assert.Equal("synthetic", source.Column<string?>("format")[0]);
        Assert.Equal(6L, source.Column<long>("read")[0]);
    }

    [Fact]
    public void Missing_file_into_an_empty_store_fails_before_reading_and_stores_nothing()
    {
        // An empty store hashes the file while it is read; a missing file must still fail up front.
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        var calls = 0;

        Assert.Throws<FileNotFoundException>(() => store.IngestEvents(_dir.File("absent.csv"), "synthetic", (d, s, ct) =>
        {
            calls++;
            return new IngestCounts(0, 0, 0);
        }));

        Assert.Equal(0, calls);
        Assert.Empty(store.SourceFiles());
    }

    [Fact]
    public void Same_bytes_are_not_ingested_twice_and_the_earlier_counts_are_returned()
    {
        var file = WriteSource("a.csv", "same");
        var copy = WriteSource("b.csv", "same");
        SourceRow[] rows = [new("u1", "i1", CanonicalAction.View, T0), new("u", "i", CanonicalAction.View, T0, Reject: RejectReason.MissingField)];
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        var first = store.IngestEvents(file, "synthetic", SyntheticReader.Events(rows));
        var calls = 0;

        var second = store.IngestEvents(copy, "synthetic", (d, s, ct) =>
        {
            calls++;
            return new IngestCounts(0, 0, 0);
        });

        Assert.Equal(0, calls);
        Assert.True(second.AlreadyIngested);
        Assert.Equal(first.SourceFileId, second.SourceFileId);
        Assert.Equal(file, second.Path);
        Assert.Equal((2L, 1L, 1L), (second.Read, second.Accepted, second.Rejected));
        Assert.Equal(new Dictionary<string, long> { ["missing_field"] = 1 }, second.RejectsByReason);
        Assert.Equal(1L, store.Connection.QueryScalar("SELECT count(*) FROM events"));
        Assert.Single(store.SourceFiles());
    }

    [Fact]
    public void Exception_inside_the_reader_after_some_batches_leaves_nothing_of_the_file_dictionaries_included()
    {
        var path = _dir.File("s.duckdb");
        using var store = EventStore.Open(path);
        store.IngestEvents(WriteSource("first.csv", "1"), "synthetic", SyntheticReader.Events(Rows(100, "old")));
        var before = Snapshot(store.Connection);
        var failing = Rows(10_000, "new");

        var ex = Assert.Throws<IOException>(() =>
            store.IngestEvents(WriteSource("second.csv", "2"), "synthetic", SyntheticReader.Events(failing, batchCapacity: 2048, throwAfterBatches: 3)));

        Assert.Equal("disk went away", ex.Message);
        Assert.Equal(before, Snapshot(store.Connection));
        Assert.False(store.Connection.InTransaction);

        // The next file sees the stored dictionaries, not the ones the failed reader grew.
        var result = store.IngestEvents(WriteSource("third.csv", "3"), "synthetic", SyntheticReader.Events(Rows(10, "third")));
        Assert.Equal(1, result.SourceFileId);
        Assert.Equal(0L, store.Connection.QueryScalar("SELECT count(*) FROM ids_user WHERE key LIKE 'new%'"));
        Assert.Equal(110L, store.Connection.QueryScalar("SELECT count(DISTINCT id) FROM ids_user WHERE id < 110"));
        Assert.Equal(110L, store.Connection.QueryScalar("SELECT (max(id) + 1)::BIGINT FROM ids_user"));
        Assert.Equal("third-u3", store.Connection.QueryScalar(
            "SELECT d.key FROM events e JOIN ids_user d ON d.id = e.user WHERE e.source_file = 1 AND e.source_line = 5"));
    }

    [Fact]
    public void Keys_added_during_and_after_the_last_batch_are_all_stored_in_id_order()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        store.IngestEvents(WriteSource("first.csv", "1"), "synthetic", (d, sink, ct) =>
        {
            for (var b = 0; b < 3; b++)
            {
                var batch = new EventBatch(4) { Count = 1 };
                batch.User[0] = d.Users.GetOrAdd(("u" + b).AsSpan());
                d.Users.GetOrAdd(("unused" + b).AsSpan());   // a key no stored event uses (a row rejected later)
                batch.Item[0] = -1;
                batch.Category[0] = -1;
                batch.Session[0] = d.Sessions.GetOrAdd(("s" + b).AsSpan());
                batch.Action[0] = (byte)CanonicalAction.View;
                batch.Price[0] = double.NaN;
                batch.SourceLine[0] = b + 2;
                sink.WriteEvents(batch);
            }

            d.Users.GetOrAdd("late".AsSpan());   // after the last batch
            d.Items.GetOrAdd("late-item".AsSpan());
            return new IngestCounts(3, 3, 0);
        });

        var c = store.Connection;
        Assert.Equal("0:u0,1:unused0,2:u1,3:unused1,4:u2,5:unused2,6:late", c.QueryScalar("SELECT string_agg(id || ':' || key, ',' ORDER BY rowid) FROM ids_user"));
        Assert.Equal("0:s0,1:s1,2:s2", c.QueryScalar("SELECT string_agg(id || ':' || key, ',' ORDER BY rowid) FROM ids_session"));
        Assert.Equal("0:late-item", c.QueryScalar("SELECT string_agg(id || ':' || key, ',' ORDER BY rowid) FROM ids_item"));
        Assert.Equal(7, store.ReadDictionaries().Users.Count);
    }

    [Fact]
    public void Store_reopened_after_a_failed_file_has_only_the_committed_files()
    {
        var path = _dir.File("s.duckdb");
        using (var store = EventStore.Open(path))
        {
            store.IngestEvents(WriteSource("first.csv", "1"), "synthetic", SyntheticReader.Events(Rows(50, "old")));
            Assert.Throws<IOException>(() =>
                store.IngestEvents(WriteSource("second.csv", "2"), "synthetic", SyntheticReader.Events(Rows(5000, "new"), 2048, 1)));
        }

        using var reopened = EventStore.Open(path);
        Assert.Equal(50L, reopened.Connection.QueryScalar("SELECT count(*) FROM events"));
        Assert.Equal(50, reopened.ReadDictionaries().Users.Count);
        Assert.Equal(1L, reopened.Connection.QueryScalar("SELECT count(*) FROM source_files"));
    }

    [Fact]
    public void Counts_that_do_not_match_the_sink_are_refused_and_nothing_is_stored()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        var inner = SyntheticReader.Events(Rows(10, "u"));

        var lying = Assert.Throws<InvalidOperationException>(() => store.IngestEvents(WriteSource("a.csv", "a"), "synthetic", (d, s, ct) =>
        {
            inner(d, s, ct);
            return new IngestCounts(11, 11, 0);
        }));
        var unreconciled = Assert.Throws<InvalidOperationException>(() => store.IngestEvents(WriteSource("b.csv", "b"), "synthetic", (d, s, ct) =>
        {
            inner(d, s, ct);
            return new IngestCounts(12, 10, 0);
        }));

        Assert.Contains("handed 10 accepted", lying.Message, StringComparison.Ordinal);
        Assert.Contains("do not reconcile", unreconciled.Message, StringComparison.Ordinal);
        Assert.Equal(0L, store.Connection.QueryScalar("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM ids_user) + (SELECT count(*) FROM source_files)"));
    }

    [Fact]
    public void Cancellation_rolls_the_file_back()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        using var cts = new CancellationTokenSource();
        var inner = SyntheticReader.Events(Rows(5000, "u"), batchCapacity: 2048);

        Assert.ThrowsAny<OperationCanceledException>(() => store.IngestEvents(WriteSource("a.csv", "a"), "synthetic", (d, s, ct) =>
        {
            cts.Cancel();
            return inner(d, s, ct);
        }, cts.Token));

        Assert.Equal(0L, store.Connection.QueryScalar("SELECT count(*) FROM events"));
    }

    [Fact]
    public void Event_without_a_user_is_a_reader_bug_and_is_refused()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));

        var ex = Assert.Throws<ArgumentException>(() => store.IngestEvents(WriteSource("a.csv", "a"), "synthetic", (d, sink, ct) =>
        {
            var batch = new EventBatch(2048) { Count = 1 };
            batch.User[0] = -1;
            batch.SourceLine[0] = 7;
            sink.WriteEvents(batch);
            return new IngestCounts(1, 1, 0);
        }));

        Assert.Contains("source line 7", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, store.Connection.QueryScalar("SELECT count(*) FROM events"));
    }

    [Fact]
    public void Exposures_are_stored_with_campaign_dictionary_and_nulls()
    {
        var file = WriteSource("exp.csv", "exposures");
        using var store = EventStore.Open(_dir.File("s.duckdb"));

        var result = store.IngestExposures(file, "generic", (d, sink, ct) =>
        {
            var batch = new ExposureBatch(2048) { Count = 2 };
            batch.User[0] = d.Users.GetOrAdd("u1".AsSpan());
            batch.User[1] = d.Users.GetOrAdd("u2".AsSpan());
            batch.Campaign[0] = batch.Campaign[1] = d.Campaigns.GetOrAdd("nov_coupon".AsSpan());
            batch.Arm[0] = "treatment";
            batch.Arm[1] = "control";
            batch.Item[0] = -1;
            batch.Item[1] = d.Items.GetOrAdd("42".AsSpan());
            batch.Propensity[0] = 0.5;
            batch.Propensity[1] = double.NaN;
            batch.TimestampMicros[0] = DuckDbTime.ToMicros(T0);
            batch.TimestampMicros[1] = DuckDbTime.ToMicros(T0.AddHours(1));
            batch.SourceLine[0] = 2;
            batch.SourceLine[1] = 3;
            sink.WriteExposures(batch);
            sink.WriteReject(new RejectRecord(4, RejectReason.MissingField, "campaign is empty", "u3,,treatment"));
            return new IngestCounts(3, 2, 1);
        });

        Assert.Equal(SourceFileKind.Exposures, result.Kind);
        var rows = store.Connection.Query("SELECT * FROM exposures ORDER BY source_line");
        Assert.Equal(["treatment", "control"], rows.Strings("arm"));
        Assert.True(rows["item"].IsNull(0));
        Assert.True(rows["propensity"].IsNull(1));
        Assert.Equal(0.5, rows.Column<double>("propensity")[0]);
        Assert.Equal("nov_coupon", store.Connection.QueryScalar("SELECT key FROM ids_campaign WHERE id = 0"));
        Assert.Equal("42", store.ReadDictionaries().Items.KeyOf(0));
    }

    internal static List<SourceRow> Rows(int n, string prefix)
    {
        var rows = new List<SourceRow>(n);
        for (var i = 0; i < n; i++)
        {
            rows.Add(new SourceRow($"{prefix}-u{i}", $"{prefix}-i{i % 7}", (CanonicalAction)(i % 5), T0.AddSeconds(i), i));
        }

        return rows;
    }

    private static string Snapshot(DuckDbConnection c) => (string)c.QueryScalar("""
        SELECT concat_ws('|',
            (SELECT count(*) FROM events), (SELECT count(*) FROM rejects), (SELECT count(*) FROM source_files),
            (SELECT count(*) FROM ids_user), (SELECT count(*) FROM ids_item), (SELECT count(*) FROM ids_category),
            (SELECT count(*) FROM ids_session), (SELECT count(*) FROM ids_campaign), (SELECT count(*) FROM exposures))
        """)!;

    private string WriteSource(string name, string content)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, content);
        return path;
    }
}
