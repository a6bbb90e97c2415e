using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Tests.DuckDb;

public sealed class DuckDbConnectionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Bad_sql_gives_duckdbs_own_message()
    {
        using var db = DuckDbDatabase.Open(null);
        using var c = db.Connect();

        var ex = Assert.Throws<DuckDbException>(() => c.Execute("SELEC 1"));

        Assert.Contains("Parser Error", ex.DuckDbMessage, StringComparison.Ordinal);
        Assert.Contains("SELEC", ex.DuckDbMessage, StringComparison.Ordinal);
        Assert.Contains(ex.DuckDbMessage, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_table_gives_a_catalog_error_from_query_prepare_and_appender()
    {
        using var db = DuckDbDatabase.Open(null);
        using var c = db.Connect();

        var query = Assert.Throws<DuckDbException>(() => c.Query("SELECT * FROM nowhere"));
        var prepare = Assert.Throws<DuckDbException>(() => c.Prepare("SELECT * FROM nowhere WHERE x = ?"));
        var appender = Assert.Throws<DuckDbException>(() => c.CreateAppender("nowhere"));

        Assert.Contains("Catalog Error", query.DuckDbMessage, StringComparison.Ordinal);
        Assert.Contains("nowhere", prepare.DuckDbMessage, StringComparison.Ordinal);
        Assert.Contains("nowhere", appender.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_error_in_a_query_is_reported()
    {
        using var db = DuckDbDatabase.Open(null);
        using var c = db.Connect();

        var ex = Assert.Throws<DuckDbException>(() => c.Query("SELECT CAST('abc' AS INTEGER)"));

        Assert.Contains("Conversion Error", ex.DuckDbMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepared_statement_is_reused_with_different_parameters()
    {
        using var db = DuckDbDatabase.Open(null);
        using var c = db.Connect();
        c.Execute("CREATE TABLE p(b BOOLEAN, i INTEGER, l BIGINT, d DOUBLE, s VARCHAR, ts TIMESTAMP)");
        using var insert = c.Prepare("INSERT INTO p VALUES (?, ?, ?, ?, ?, ?)");
        Assert.Equal(6, insert.ParameterCount);
        var t0 = new DateTime(2023, 11, 5, 8, 30, 0, DateTimeKind.Utc);

        for (var k = 0; k < 3; k++)
        {
            insert.Bind(1, k % 2 == 0);
            insert.Bind(2, k);
            insert.Bind(3, 10_000_000_000L * k);
            insert.Bind(4, k / 4.0);
            insert.Bind(5, "row " + k);
            insert.Bind(6, t0.AddMinutes(k));
            Assert.Equal(1, insert.Execute());
        }

        insert.BindNull(1);
        insert.BindNull(2);
        insert.BindNull(3);
        insert.BindNull(4);
        insert.Bind(5, (string?)null);
        insert.BindNull(6);
        insert.Execute();

        using var select = c.Prepare("SELECT s, l, ts FROM p WHERE i = $1");
        for (var k = 2; k >= 0; k--)
        {
            select.Bind(1, k);
            var row = select.Query();
            Assert.Equal(1, row.RowCount);
            Assert.Equal("row " + k, row.Column<string?>("s")[0]);
            Assert.Equal(10_000_000_000L * k, row.Column<long>("l")[0]);
            Assert.Equal(t0.AddMinutes(k), row.Column<DateTime>("ts")[0]);
        }

        Assert.Equal(1L, c.QueryScalar("SELECT count(*) FROM p WHERE i IS NULL AND b IS NULL AND s IS NULL AND ts IS NULL"));
        Assert.Equal(0.5, c.QueryScalar("SELECT d FROM p WHERE i = 2"));
        Assert.Equal(true, c.QueryScalar("SELECT b FROM p WHERE i = 2"));
    }

    [Fact]
    public void Binding_outside_the_parameter_range_names_the_count()
    {
        using var db = DuckDbDatabase.Open(null);
        using var c = db.Connect();
        using var statement = c.Prepare("SELECT ?::INTEGER");

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => statement.Bind(2, 1));

        Assert.Contains("1 parameter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Streaming_result_spans_many_chunks_and_adds_up()
    {
        using var db = DuckDbDatabase.Open(null);
        using var c = db.Connect();
        const int n = 1_000_000;

        using var reader = c.ExecuteReader($"SELECT range::BIGINT AS i, CASE WHEN range % 7 = 0 THEN NULL ELSE range::INTEGER END AS j FROM range({n})");
        long rows = 0, sum = 0, nulls = 0, chunks = 0;
        while (reader.ReadChunk())
        {
            chunks++;
            var i = reader.GetValues<long>(0);
            for (var r = 0; r < reader.RowCount; r++)
            {
                sum += i[r];
                if (reader.IsNull(1, r))
                {
                    Assert.Equal(0, i[r] % 7);
                    nulls++;
                }
            }

            rows += reader.RowCount;
        }

        Assert.True(reader.IsStreaming);
        Assert.Equal(n, rows);
        Assert.Equal((long)n * (n - 1) / 2, sum);
        Assert.Equal((n + 6) / 7, nulls);
        Assert.True(chunks >= n / 2048, $"only {chunks} chunks");
    }

    [Fact]
    public void Materialised_result_spans_many_chunks()
    {
        using var db = DuckDbDatabase.Open(null);
        using var c = db.Connect();

        var table = c.Query("SELECT range::INTEGER AS i, 'v' || range AS s FROM range(10000) ORDER BY range");

        Assert.Equal(10000, table.RowCount);
        Assert.Equal(9999, table.Column<int>("i")[9999]);
        Assert.Equal("v5000", table.Column<string?>("s")[5000]);
    }

    [Fact]
    public void Transaction_rollback_discards_and_commit_keeps()
    {
        using var db = DuckDbDatabase.Open(null);
        using var c = db.Connect();
        c.Execute("CREATE TABLE x(i INTEGER)");

        using (var t = c.BeginTransaction())
        {
            c.Execute("INSERT INTO x VALUES (1)");
            t.Rollback();
        }

        using (c.BeginTransaction())
        {
            c.Execute("INSERT INTO x VALUES (2)");
        }

        using (var t = c.BeginTransaction())
        {
            c.Execute("INSERT INTO x VALUES (3)");
            t.Commit();
        }

        Assert.Throws<InvalidOperationException>(() => c.RunInTransaction<int>(_ => throw new InvalidOperationException("boom")));
        Assert.Equal(4, c.RunInTransaction(conn => (int)conn.Execute("INSERT INTO x VALUES (4)") + 3));
        Assert.False(c.InTransaction);
        Assert.Equal(2L, c.QueryScalar("SELECT count(*) FROM x"));
        Assert.Equal((Int128)7, c.QueryScalar("SELECT sum(i) FROM x"));
    }

    [Fact]
    public void Nested_transaction_is_refused()
    {
        using var db = DuckDbDatabase.Open(null);
        using var c = db.Connect();
        using var t = c.BeginTransaction();

        Assert.Throws<InvalidOperationException>(() => c.BeginTransaction());
    }

    [Fact]
    public void Open_options_are_applied_and_extensions_never_autoload()
    {
        using var db = DuckDbDatabase.Open(_dir.File("o.duckdb"), new DuckDbOpenOptions { Threads = 1, MemoryLimit = "256MB" });
        using var c = db.Connect();

        Assert.Equal(1L, c.QueryScalar("SELECT current_setting('threads')::BIGINT"));
        Assert.Equal(false, c.QueryScalar("SELECT current_setting('autoload_known_extensions')::BOOLEAN"));
        Assert.Equal(false, c.QueryScalar("SELECT current_setting('autoinstall_known_extensions')::BOOLEAN"));
        Assert.StartsWith("v1.5", DuckDbDatabase.LibraryVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_setting_is_named()
    {
        var ex = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(null, new DuckDbOpenOptions { MemoryLimit = "lots" }));

        Assert.Contains("memory_limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_only_database_refuses_writes_and_a_file_persists_between_opens()
    {
        var path = _dir.File("ro.duckdb");
        using (var db = DuckDbDatabase.Open(path))
        using (var c = db.Connect())
        {
            c.Execute("CREATE TABLE k(i INTEGER); INSERT INTO k VALUES (5)");
        }

        using var ro = DuckDbDatabase.Open(path, new DuckDbOpenOptions { ReadOnly = true });
        using var rc = ro.Connect();
        Assert.Equal(5, rc.QueryScalar("SELECT i FROM k"));
        var ex = Assert.Throws<DuckDbException>(() => rc.Execute("INSERT INTO k VALUES (6)"));
        Assert.Contains("read-only", ex.DuckDbMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Library_search_explains_how_to_install_when_nothing_is_found()
    {
        var ex = Assert.Throws<DllNotFoundException>(() => DuckDbNativeLibrary.FindLibrary(null, _dir.Path));

        Assert.Contains("./scripts/install-native.sh", ex.Message, StringComparison.Ordinal);
        Assert.Contains(DuckDbNativeLibrary.EnvironmentVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_search_names_a_missing_environment_path()
    {
        var missing = _dir.File("nope/libduckdb.so");

        var ex = Assert.Throws<DllNotFoundException>(() => DuckDbNativeLibrary.FindLibrary(missing, _dir.Path));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_search_prefers_the_environment_and_else_walks_up()
    {
        var native = Directory.CreateDirectory(Path.Combine(_dir.Path, "native"));
        var deep = Directory.CreateDirectory(Path.Combine(_dir.Path, "a", "b", "c"));
        var lib = Path.Combine(native.FullName, "libduckdb.so");
        File.WriteAllText(lib, "stub");
        var other = _dir.File("other.so");
        File.WriteAllText(other, "stub");

        Assert.Equal(lib, DuckDbNativeLibrary.FindLibrary(null, deep.FullName));
        Assert.Equal(lib, DuckDbNativeLibrary.FindLibrary("  ", deep.FullName));
        Assert.Equal(other, DuckDbNativeLibrary.FindLibrary(other, deep.FullName));
    }
}
