using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Tests.DuckDb;

public sealed class DuckDbTypesTests : IDisposable
{
    private readonly DuckDbDatabase _db = DuckDbDatabase.Open(null);
    private readonly DuckDbConnection _c;

    public DuckDbTypesTests()
    {
        _c = _db.Connect();
    }

    public void Dispose()
    {
        _c.Dispose();
        _db.Dispose();
    }

    [Fact]
    public void Every_supported_type_reads_back_with_its_value_and_nulls()
    {
        _c.Execute("""
            CREATE TABLE t(b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER, i64 BIGINT,
                           u8 UTINYINT, u16 USMALLINT, u32 UINTEGER, u64 UBIGINT, h HUGEINT,
                           f FLOAT, d DOUBLE, s VARCHAR, dt DATE, ts TIMESTAMP, tz TIMESTAMPTZ);
            INSERT INTO t VALUES (true, -128, -32768, -2147483648, -9223372036854775808,
                                  255, 65535, 4294967295, 18446744073709551615, -170141183460469231731687303715884105728,
                                  1.5, -2.25, 'hello', DATE '1969-12-31', TIMESTAMP '2024-02-29 23:59:59.123456', TIMESTAMPTZ '2024-01-02 03:04:05.5+00');
            INSERT INTO t VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            INSERT INTO t VALUES (false, 127, 32767, 2147483647, 9223372036854775807,
                                  0, 0, 0, 0, 170141183460469231731687303715884105727,
                                  -0.0, 1e308, '', DATE '2000-03-01', TIMESTAMP '1900-01-01 00:00:00', TIMESTAMPTZ '1970-01-01 00:00:00+00');
            """);

        var table = _c.Query("SELECT * FROM t");

        Assert.Equal(3, table.RowCount);
        Assert.Equal(
            [DuckDbType.Boolean, DuckDbType.TinyInt, DuckDbType.SmallInt, DuckDbType.Integer, DuckDbType.BigInt,
             DuckDbType.UTinyInt, DuckDbType.USmallInt, DuckDbType.UInteger, DuckDbType.UBigInt, DuckDbType.HugeInt,
             DuckDbType.Float, DuckDbType.Double, DuckDbType.Varchar, DuckDbType.Date, DuckDbType.Timestamp, DuckDbType.TimestampTz],
            table.Columns.Select(c => c.Type));
        foreach (var column in table.Columns)
        {
            Assert.False(column.IsNull(0), column.Name);
            Assert.True(column.IsNull(1), column.Name);
            Assert.Null(column.GetValue(1));
            Assert.False(column.IsNull(2), column.Name);
        }

        Assert.True(table.Column<bool>("b")[0]);
        Assert.False(table.Column<bool>("b")[2]);
        Assert.Equal(sbyte.MinValue, table.Column<sbyte>("i8")[0]);
        Assert.Equal(sbyte.MaxValue, table.Column<sbyte>("i8")[2]);
        Assert.Equal(short.MinValue, table.Column<short>("i16")[0]);
        Assert.Equal(int.MinValue, table.Column<int>("i32")[0]);
        Assert.Equal(int.MaxValue, table.Column<int>("i32")[2]);
        Assert.Equal(long.MinValue, table.Column<long>("i64")[0]);
        Assert.Equal(long.MaxValue, table.Column<long>("i64")[2]);
        Assert.Equal(byte.MaxValue, table.Column<byte>("u8")[0]);
        Assert.Equal(ushort.MaxValue, table.Column<ushort>("u16")[0]);
        Assert.Equal(uint.MaxValue, table.Column<uint>("u32")[0]);
        Assert.Equal(ulong.MaxValue, table.Column<ulong>("u64")[0]);
        Assert.Equal(Int128.MinValue, table.Column<Int128>("h")[0]);
        Assert.Equal(Int128.MaxValue, table.Column<Int128>("h")[2]);
        Assert.Equal(1.5f, table.Column<float>("f")[0]);
        Assert.Equal(-2.25, table.Column<double>("d")[0]);
        Assert.Equal(1e308, table.Column<double>("d")[2]);
        Assert.Equal("hello", table.Column<string?>("s")[0]);
        Assert.Equal(string.Empty, table.Column<string?>("s")[2]);
        Assert.Equal(new DateOnly(1969, 12, 31), table.Column<DateOnly>("dt")[0]);
        Assert.Equal(new DateOnly(2000, 3, 1), table.Column<DateOnly>("dt")[2]);
        var ts = table.Column<DateTime>("ts")[0];
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1234560), ts);
        Assert.Equal(DateTimeKind.Utc, ts.Kind);
        Assert.Equal(new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc), table.Column<DateTime>("ts")[2]);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.Zero), table.Column<DateTimeOffset>("tz")[0]);
        Assert.Equal(DateTimeOffset.UnixEpoch, table.Column<DateTimeOffset>("tz")[2]);
        Assert.Throws<InvalidOperationException>(() => table.Column<int>("i32")[1]);
    }

    [Fact]
    public void Chunk_reader_exposes_raw_vectors_in_storage_units()
    {
        using var reader = _c.ExecuteReader(
            "SELECT DATE '1970-01-11' AS d, TIMESTAMP '1970-01-01 00:00:01.000002' AS ts, 42::INTEGER AS i, NULL::INTEGER AS n");

        Assert.True(reader.ReadChunk());
        Assert.Equal(10, reader.GetValues<int>(0)[0]);
        Assert.Equal(1_000_002L, reader.GetValues<long>(1)[0]);
        Assert.Equal(42, reader.GetValues<int>(2)[0]);
        Assert.False(reader.HasNulls(2));
        Assert.True(reader.HasNulls(3));
        Assert.True(reader.IsNull(3, 0));
        var wrongType = Assert.Throws<InvalidOperationException>(() => reader.GetValues<long>(0));
        Assert.Contains("DATE", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("days since 1970-01-01", wrongType.Message, StringComparison.Ordinal);
        Assert.False(reader.ReadChunk());
    }

    [Fact]
    public void Sum_of_bigint_is_a_hugeint_beyond_the_range_of_long()
    {
        var table = _c.Query("SELECT sum(x) AS s FROM (VALUES (9223372036854775807::BIGINT), (9223372036854775807::BIGINT), (3::BIGINT)) t(x)");

        Assert.Equal(DuckDbType.HugeInt, table["s"].Type);
        Assert.Equal(((Int128)long.MaxValue * 2) + 3, table.Column<Int128>("s")[0]);
    }

    [Fact]
    public void Negative_hugeint_reads_with_sign()
    {
        Assert.Equal((Int128)(-5), _c.QueryScalar("SELECT sum(x) FROM (VALUES (-7::BIGINT), (2::BIGINT)) t(x)"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("twelve bytes")]           // exactly 12 bytes: inlined
    [InlineData("thirteen byte")]          // 13 bytes: stored behind a pointer
    [InlineData("héllo wörld")]            // 13 UTF-8 bytes in 11 characters
    [InlineData("ab✓")]                    // 5 bytes, multi-byte character inside the inline area
    [InlineData("a long string that is stored outside the 16-byte string header, with ünïcödé ✓✓✓")]
    public void Strings_read_back_exactly_whether_inlined_or_not(string value)
    {
        using var statement = _c.Prepare("SELECT ?::VARCHAR AS s, strlen(?::VARCHAR)::BIGINT AS n");
        statement.Bind(1, value);
        statement.Bind(2, value);

        var table = statement.Query();

        Assert.Equal(value, table.Column<string?>("s")[0]);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(value), table.Column<long>("n")[0]);
    }

    [Fact]
    public void Unsupported_type_is_refused_with_the_column_named_and_a_cast_suggested()
    {
        var ex = Assert.Throws<NotSupportedException>(() => _c.Query("SELECT 1.25::DECIMAL(10,2) AS price"));

        Assert.Contains("'price'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DECIMAL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cast", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infinite_timestamp_is_reported_not_wrapped()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _c.Query("SELECT 'infinity'::TIMESTAMP AS t"));

        Assert.Contains("VARCHAR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_result_has_columns_and_no_rows()
    {
        var table = _c.Query("SELECT 1::INTEGER AS a, 'x' AS b WHERE false");

        Assert.Equal(0, table.RowCount);
        Assert.Equal(["a", "b"], table.Columns.Select(c => c.Name));
        Assert.Null(_c.QueryScalar("SELECT 1 WHERE false"));
    }

    [Fact]
    public void Time_conversions_round_trip_before_and_after_the_epoch()
    {
        var before = new DateTime(1969, 7, 20, 20, 17, 40, DateTimeKind.Utc).AddTicks(10);
        Assert.Equal(before, DuckDbTime.FromMicros(DuckDbTime.ToMicros(before)));
        Assert.Equal(-1, DuckDbTime.ToMicros(DateTime.UnixEpoch.AddTicks(-1)));
        Assert.Equal(0, DuckDbTime.ToMicros(DateTime.UnixEpoch.AddTicks(9)));
        Assert.Equal(-1, DuckDbTime.ToDays(new DateOnly(1969, 12, 31)));
        Assert.Equal(new DateOnly(2024, 2, 29), DuckDbTime.FromDays(DuckDbTime.ToDays(new DateOnly(2024, 2, 29))));
    }
}
