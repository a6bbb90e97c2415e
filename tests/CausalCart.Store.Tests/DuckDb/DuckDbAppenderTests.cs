using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Tests.DuckDb;

public sealed class DuckDbAppenderTests : IDisposable
{
    private readonly DuckDbDatabase _db = DuckDbDatabase.Open(null);
    private readonly DuckDbConnection _c;

    public DuckDbAppenderTests()
    {
        _c = _db.Connect();
    }

    public void Dispose()
    {
        _c.Dispose();
        _db.Dispose();
    }

    [Fact]
    public void Round_trip_of_250k_rows_with_every_column_kind_and_nulls()
    {
        _c.Execute("CREATE TABLE a(i INTEGER, l BIGINT, d DOUBLE, s VARCHAR, ts TIMESTAMP, b BOOLEAN, u UTINYINT, dt DATE)");
        const int n = 250_000;
        var t0 = DuckDbTime.ToMicros(new DateTime(2019, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        var cap = DuckDbAppender.ChunkCapacity;
        Assert.Equal(2048, cap);
        var i = new int[cap];
        var l = new long[cap];
        var d = new double[cap];
        var s = new string?[cap];
        var ts = new long[cap];
        var b = new bool[cap];
        var u = new byte[cap];
        var dt = new int[cap];

        using (var appender = _c.CreateAppender("a"))
        {
            Assert.Equal(8, appender.ColumnCount);
            Assert.Equal(DuckDbType.Varchar, appender.ColumnTypes[3]);
            for (var start = 0; start < n; start += cap)
            {
                var rows = Math.Min(cap, n - start);
                for (var r = 0; r < rows; r++)
                {
                    var k = start + r;
                    i[r] = k % 5 == 0 ? -1 : k;
                    l[r] = (long)k * 1_000_003;
                    d[r] = k % 3 == 0 ? double.NaN : k * 0.5;
                    s[r] = (k % 4) switch { 0 => null, 1 => "s" + k, 2 => "a longer string than twelve bytes #" + k, _ => string.Empty };
                    ts[r] = t0 + (k * 1_000_000L);
                    b[r] = k % 2 == 1;
                    u[r] = (byte)(k % 7);
                    dt[r] = k % 1000;
                }

                appender.BeginChunk(rows);
                appender.Write(0, i.AsSpan(0, rows), -1);
                appender.Write<long>(1, l.AsSpan(0, rows));
                appender.Write(2, d.AsSpan(0, rows), double.NaN);
                appender.WriteStrings(3, s.AsSpan(0, rows));
                appender.Write<long>(4, ts.AsSpan(0, rows));
                appender.Write<bool>(5, b.AsSpan(0, rows));
                appender.Write<byte>(6, u.AsSpan(0, rows));
                appender.Write<int>(7, dt.AsSpan(0, rows));
                appender.EndChunk();
            }

            Assert.Equal(n, appender.RowsAppended);
            appender.Close();
        }

        var stats = _c.Query("""
            SELECT count(*) AS n, count(i) AS ni, sum(l)::DOUBLE AS sl, count(d) AS nd, count(s) AS ns,
                   count(*) FILTER (WHERE s = '') AS empty, min(ts) AS t_min, max(ts) AS t_max,
                   count(*) FILTER (WHERE b) AS nb, sum(u)::BIGINT AS su, max(dt) AS dt_max
            FROM a
            """);
        Assert.Equal(n, stats.Column<long>("n")[0]);
        Assert.Equal(n - (n / 5), stats.Column<long>("ni")[0]);
        Assert.Equal(1_000_003.0 * n * (n - 1) / 2, stats.Column<double>("sl")[0], 1e-9 * 1_000_003.0 * n * n);
        Assert.Equal(n - ((n + 2) / 3), stats.Column<long>("nd")[0]);
        Assert.Equal(n - (n / 4), stats.Column<long>("ns")[0]);
        Assert.Equal(n / 4, stats.Column<long>("empty")[0]);
        Assert.Equal(DuckDbTime.FromMicros(t0), stats.Column<DateTime>("t_min")[0]);
        Assert.Equal(DuckDbTime.FromMicros(t0 + ((n - 1) * 1_000_000L)), stats.Column<DateTime>("t_max")[0]);
        Assert.Equal(n / 2, stats.Column<long>("nb")[0]);
        Assert.Equal(new DateOnly(1972, 9, 26), stats.Column<DateOnly>("dt_max")[0]);

        var sample = _c.Query("SELECT i, d, s FROM a WHERE l IN (1000003::BIGINT * 12345, 1000003::BIGINT * 12346, 1000003::BIGINT * 12347) ORDER BY l");
        Assert.Equal<string?[]>(["s12345", "a longer string than twelve bytes #12346", ""], sample.Column<string?>("s").Values.ToArray());
        Assert.True(sample["i"].IsNull(0));
        Assert.True(sample["d"].IsNull(0));
        Assert.False(sample["d"].IsNull(2));
        Assert.Equal(12346 * 0.5, sample.Column<double>("d")[1]);
    }

    [Fact]
    public void Short_strings_written_in_place_equal_duckdbs_own_strings_on_both_sides_of_twelve_bytes()
    {
        // Lengths 0-30 in ASCII, and multi-byte characters that end at 11, 12 and 13 bytes; each string is written three
        // ways (WriteStrings, WriteUtf8, and DuckDB's own INSERT) and must compare, hash and sort as the same value.
        string[] values =
        [
            .. Enumerable.Range(0, 31).Select(k => new string((char)('a' + (k % 26)), k)),
            "aaaaaaaaaé",   // 11 bytes
            "aaaaaaaaaaé",  // 12 bytes
            "aaaaaaaaaaaé", // 13 bytes
            "€€€€",         // 12 bytes
            "𝄞𝄞𝄞",          // 12 bytes, surrogate pairs
        ];
        _c.Execute("CREATE TABLE s(k INTEGER, via VARCHAR, v VARCHAR)");
        var utf8 = System.Text.Encoding.UTF8;
        var offsets = new int[values.Length + 1];
        var bytes = new List<byte>();
        for (var r = 0; r < values.Length; r++)
        {
            offsets[r] = bytes.Count;
            bytes.AddRange(utf8.GetBytes(values[r]));
        }

        offsets[^1] = bytes.Count;
        var keys = Enumerable.Range(0, values.Length).ToArray();
        using (var appender = _c.CreateAppender("s"))
        {
            // A chunk of 12-byte strings before each, so the reused chunk's slots hold bytes past every shorter value.
            foreach (var via in new[] { "junk", "strings", "junk", "utf8" })
            {
                appender.BeginChunk(values.Length);
                appender.Write<int>(0, keys);
                appender.WriteStrings(1, Enumerable.Repeat<string?>(via, values.Length).ToArray());
                if (via == "junk")
                {
                    appender.WriteStrings(2, Enumerable.Repeat<string?>("zzzzzzzzzzzz", values.Length).ToArray());
                }
                else if (via == "strings")
                {
                    appender.WriteStrings(2, values);
                }
                else
                {
                    appender.WriteUtf8(2, bytes.ToArray(), offsets);
                }

                appender.EndChunk();
            }

            appender.Close();
        }

        _c.Execute("DELETE FROM s WHERE via = 'junk'");

        using (var insert = _c.Prepare("INSERT INTO s VALUES ($1, 'sql', $2)"))
        {
            for (var r = 0; r < values.Length; r++)
            {
                insert.Bind(1, r);
                insert.Bind(2, values[r]);
                insert.Execute();
            }
        }

        Assert.Equal(0L, _c.QueryScalar("SELECT count(*) FROM s a JOIN s b USING (k) WHERE a.v <> b.v OR hash(a.v) <> hash(b.v) OR length(a.v) <> length(b.v)"));
        Assert.Equal((long)values.Length, _c.QueryScalar("SELECT count(DISTINCT v) FROM s"));
        Assert.Equal(3L * values.Length, _c.QueryScalar("SELECT count(*) FROM s a JOIN s b ON a.v = b.v AND a.k = b.k AND b.via = 'sql'"));
        var read = _c.Query("SELECT v FROM s WHERE via = 'utf8' ORDER BY k").Column<string?>("v").Values.ToArray();
        Assert.Equal(values, read);
    }

    [Fact]
    public void Utf8_values_with_bad_offsets_or_bytes_are_refused_by_row()
    {
        _c.Execute("CREATE TABLE u(v VARCHAR)");
        using var appender = _c.CreateAppender("u");
        appender.BeginChunk(2);
        var e = Assert.Throws<ArgumentException>(() => appender.WriteUtf8(0, "abc"u8, [0, 2, 1]));
        Assert.Contains("row 1 spans bytes [2, 1)", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => appender.WriteUtf8(0, "abc"u8, [0, 2, 9]));
        Assert.Contains("of a 3-byte buffer", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => appender.WriteUtf8(0, [0x61, 0xC3, 0x28], [0, 1, 3]));
        Assert.Contains("row 1 is not valid UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => appender.WriteUtf8(0, "abc"u8, [0, 3]));   // one row for a chunk of two
        appender.Discard();
    }

    [Fact]
    public void Whole_null_column_and_single_nulls()
    {
        _c.Execute("CREATE TABLE n(a INTEGER, b VARCHAR)");
        using (var appender = _c.CreateAppender("n"))
        {
            appender.BeginChunk(3);
            appender.Write<int>(0, [1, 2, 3]);
            appender.SetNull(0, 1);
            appender.WriteNulls(1);
            appender.EndChunk();
            appender.Close();
        }

        Assert.Equal(1L, _c.QueryScalar("SELECT count(a) FILTER (WHERE a = 3) + count(b) FROM n WHERE a IS NOT NULL AND a <> 1"));
        Assert.Equal(1L, _c.QueryScalar("SELECT count(*) FROM n WHERE a IS NULL"));
        Assert.Equal(3L, _c.QueryScalar("SELECT count(*) FROM n WHERE b IS NULL"));
    }

    [Fact]
    public void Chunk_with_an_unwritten_column_is_refused_by_name()
    {
        _c.Execute("CREATE TABLE w(a INTEGER, b DOUBLE)");
        using var appender = _c.CreateAppender("w");
        appender.BeginChunk(2);
        appender.Write<int>(0, [1, 2]);

        var ex = Assert.Throws<InvalidOperationException>(appender.EndChunk);

        Assert.Contains("Column 1 (DOUBLE)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_element_type_and_length_are_refused()
    {
        _c.Execute("CREATE TABLE y(ts TIMESTAMP, s VARCHAR)");
        using var appender = _c.CreateAppender("y");
        appender.BeginChunk(2);

        var type = Assert.Throws<InvalidOperationException>(() => appender.Write<int>(0, [1, 2]));
        var length = Assert.Throws<ArgumentException>(() => appender.Write<long>(0, [1L]));
        var text = Assert.Throws<InvalidOperationException>(() => appender.Write<long>(1, [1L, 2L]));

        Assert.Contains("microseconds", type.Message, StringComparison.Ordinal);
        Assert.Contains("1 values for a chunk of 2 rows", length.Message, StringComparison.Ordinal);
        Assert.Contains("VARCHAR", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constraint_violation_is_reported_with_duckdbs_text()
    {
        _c.Execute("CREATE TABLE nn(a INTEGER NOT NULL)");
        var appender = _c.CreateAppender("nn");
        appender.BeginChunk(2);
        appender.Write<int>(0, [1, 2]);
        appender.SetNull(0, 1);

        var ex = Record.Exception(() =>
        {
            appender.EndChunk();
            appender.Close();
        });

        appender.Dispose();
        var duck = Assert.IsType<DuckDbException>(ex);
        Assert.Contains("NOT NULL", duck.DuckDbMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, _c.QueryScalar("SELECT count(*) FROM nn"));
    }

    [Fact]
    public void Appended_rows_follow_the_transaction_and_discard_drops_buffered_rows()
    {
        _c.Execute("CREATE TABLE tx(a INTEGER)");
        using (var t = _c.BeginTransaction())
        {
            using var appender = _c.CreateAppender("tx");
            appender.BeginChunk(2);
            appender.Write<int>(0, [1, 2]);
            appender.EndChunk();
            appender.Close();
            Assert.Equal(2L, _c.QueryScalar("SELECT count(*) FROM tx"));
            t.Rollback();
        }

        using (var t = _c.BeginTransaction())
        {
            var appender = _c.CreateAppender("tx");
            appender.BeginChunk(1);
            appender.Write<int>(0, [3]);
            appender.EndChunk();
            appender.Discard();
            t.Commit();
        }

        Assert.Equal(0L, _c.QueryScalar("SELECT count(*) FROM tx"));
    }
}
