using System.Text;

namespace CausalCart.Store.DuckDb;

/// <summary>
/// Reads a query result one data chunk (at most 2048 rows) at a time, without materialising it.
/// Call <see cref="ReadChunk"/> until it returns false; between calls, the typed accessors read the
/// current chunk's columns directly from DuckDB's vectors.
/// </summary>
/// <remarks>
/// Spans returned by <see cref="GetValues{T}"/> point into DuckDB's memory and are valid only until the
/// next <see cref="ReadChunk"/> or <see cref="Dispose"/>. A streaming reader (<see cref="IsStreaming"/>)
/// holds the connection: running another statement on the same connection before the reader is
/// disposed invalidates it. Not thread-safe.
/// </remarks>
public sealed unsafe class DuckDbChunkReader : IDisposable
{
    private readonly ResultHandle _result;
    private readonly DuckDbColumnInfo[] _columns;
    private readonly IntPtr[] _data;        // (ColumnCount) vector data of the current chunk
    private readonly IntPtr[] _validity;    // (ColumnCount) validity bitmask of the current chunk, or zero when all rows are valid
    private DataChunkHandle? _chunk;
    private bool _finished;

    internal DuckDbChunkReader(ResultHandle result)
    {
        _result = result;
        var count = checked((int)NativeMethods.duckdb_column_count(result.Pointer));
        _columns = new DuckDbColumnInfo[count];
        for (var i = 0; i < count; i++)
        {
            var name = NativeMethods.Utf8(NativeMethods.duckdb_column_name(result.Pointer, (ulong)i)) ?? string.Empty;
            var type = (DuckDbType)NativeMethods.duckdb_column_type(result.Pointer, (ulong)i);
            _columns[i] = new DuckDbColumnInfo(name, type);
        }

        _data = new IntPtr[count];
        _validity = new IntPtr[count];
        IsStreaming = NativeMethods.duckdb_result_is_streaming(*result.Pointer) != 0;
    }

    /// <summary>The result's columns in order.</summary>
    public IReadOnlyList<DuckDbColumnInfo> Columns => _columns;

    /// <summary>Number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>Whether DuckDB produces the rows as they are read (true) or had materialised them already.</summary>
    public bool IsStreaming { get; }

    /// <summary>Rows in the current chunk; 0 before the first <see cref="ReadChunk"/> and after the end.</summary>
    public int RowCount { get; private set; }

    /// <summary>
    /// Moves to the next chunk. Returns false when the result is exhausted. Chunks are never empty.
    /// </summary>
    /// <exception cref="DuckDbException">The query failed while producing rows (streaming results only).</exception>
    public bool ReadChunk()
    {
        ObjectDisposedException.ThrowIf(_result.IsClosed, this);
        ReleaseChunk();
        if (_finished)
        {
            return false;
        }

        var raw = NativeMethods.duckdb_fetch_chunk(*_result.Pointer);
        if (raw == IntPtr.Zero)
        {
            _finished = true;
            var error = NativeMethods.Utf8(NativeMethods.duckdb_result_error(_result.Pointer));
            return error is null ? false : throw new DuckDbException("Query failed while reading its result", error);
        }

        _chunk = new DataChunkHandle(raw);
        RowCount = checked((int)NativeMethods.duckdb_data_chunk_get_size(raw));
        for (var i = 0; i < _columns.Length; i++)
        {
            var vector = NativeMethods.duckdb_data_chunk_get_vector(raw, (ulong)i);
            _data[i] = (IntPtr)NativeMethods.duckdb_vector_get_data(vector);
            _validity[i] = (IntPtr)NativeMethods.duckdb_vector_get_validity(vector);
        }

        if (RowCount == 0)
        {
            // DuckDB signals the end with a null chunk; an empty chunk carries no rows either.
            return ReadChunk();
        }

        return true;
    }

    /// <summary>
    /// The raw values of a fixed-width column in the current chunk, one per row. Rows that are NULL
    /// hold unspecified values: check <see cref="IsNull"/>. The element type must match the column:
    /// BOOLEAN <see cref="bool"/>, TINYINT <see cref="sbyte"/>, SMALLINT <see cref="short"/>, INTEGER <see cref="int"/>,
    /// BIGINT <see cref="long"/>, UTINYINT <see cref="byte"/>, USMALLINT <see cref="ushort"/>, UINTEGER <see cref="uint"/>,
    /// UBIGINT <see cref="ulong"/>, HUGEINT <see cref="Int128"/>, FLOAT <see cref="float"/>, DOUBLE <see cref="double"/>,
    /// DATE <see cref="int"/> (days since 1970-01-01), TIMESTAMP and TIMESTAMP WITH TIME ZONE <see cref="long"/>
    /// (microseconds since 1970-01-01 UTC).
    /// </summary>
    /// <exception cref="InvalidOperationException">No current chunk, or <typeparamref name="T"/> does not match the column type.</exception>
    /// <exception cref="NotSupportedException">The column type is not one this binding reads.</exception>
    public ReadOnlySpan<T> GetValues<T>(int column)
        where T : unmanaged
    {
        CheckCurrent(column);
        DuckDbTypeMap.CheckRaw<T>(_columns[column].Type, Label(column));
        return new ReadOnlySpan<T>((void*)_data[column], RowCount);
    }

    /// <summary>Whether the value at <paramref name="row"/> of <paramref name="column"/> in the current chunk is NULL.</summary>
    public bool IsNull(int column, int row)
    {
        CheckCurrent(column);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        var mask = (ulong*)_validity[column];
        return mask != null && (mask[row >> 6] & (1UL << (row & 63))) == 0;
    }

    /// <summary>Whether any row of <paramref name="column"/> in the current chunk is NULL.</summary>
    public bool HasNulls(int column)
    {
        CheckCurrent(column);
        var mask = (ulong*)_validity[column];
        if (mask == null)
        {
            return false;
        }

        var full = RowCount >> 6;
        for (var w = 0; w < full; w++)
        {
            if (mask[w] != ulong.MaxValue)
            {
                return true;
            }
        }

        var rest = RowCount & 63;
        return rest != 0 && (mask[full] | (ulong.MaxValue << rest)) != ulong.MaxValue;
    }

    /// <summary>The VARCHAR value at <paramref name="row"/>, or null when it is NULL. Decodes UTF-8 into a new string.</summary>
    /// <exception cref="InvalidOperationException">The column is not VARCHAR, or there is no current chunk.</exception>
    public string? GetString(int column, int row)
    {
        CheckCurrent(column);
        if (_columns[column].Type != DuckDbType.Varchar)
        {
            throw new InvalidOperationException($"{Label(column)} is {DuckDbTypeMap.SqlName(_columns[column].Type)}, not VARCHAR.");
        }

        if (IsNull(column, row))
        {
            return null;
        }

        var bytes = GetUtf8(column, row);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// The UTF-8 bytes of the VARCHAR value at <paramref name="row"/>, valid until the next chunk.
    /// Empty for NULL (check <see cref="IsNull"/>). Strings of up to 12 bytes are stored inline in the vector.
    /// </summary>
    public ReadOnlySpan<byte> GetUtf8(int column, int row)
    {
        CheckCurrent(column);
        if (_columns[column].Type != DuckDbType.Varchar)
        {
            throw new InvalidOperationException($"{Label(column)} is {DuckDbTypeMap.SqlName(_columns[column].Type)}, not VARCHAR.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        if (IsNull(column, row))
        {
            return [];
        }

        // duckdb_string_t (16 bytes): uint32 length, then either 12 inline bytes (length <= 12)
        // or a 4-byte prefix followed by a pointer to the full string.
        var entry = (byte*)_data[column] + (row * 16);
        var length = *(uint*)entry;
        var bytes = length <= 12 ? entry + 4 : *(byte**)(entry + 8);
        return new ReadOnlySpan<byte>(bytes, checked((int)length));
    }

    /// <summary>
    /// The value at <paramref name="row"/> boxed as its CLR type (DATE as <see cref="DateOnly"/>, TIMESTAMP as a
    /// UTC <see cref="DateTime"/>, TIMESTAMP WITH TIME ZONE as <see cref="DateTimeOffset"/>, HUGEINT as
    /// <see cref="Int128"/>), or null when it is NULL.
    /// </summary>
    /// <exception cref="NotSupportedException">The column type is not one this binding reads.</exception>
    public object? GetValue(int column, int row)
    {
        if (IsNull(column, row))
        {
            return null;
        }

        var type = _columns[column].Type;
        var p = (void*)_data[column];
        return type switch
        {
            DuckDbType.Boolean => ((bool*)p)[row],
            DuckDbType.TinyInt => ((sbyte*)p)[row],
            DuckDbType.SmallInt => ((short*)p)[row],
            DuckDbType.Integer => ((int*)p)[row],
            DuckDbType.BigInt => ((long*)p)[row],
            DuckDbType.UTinyInt => ((byte*)p)[row],
            DuckDbType.USmallInt => ((ushort*)p)[row],
            DuckDbType.UInteger => ((uint*)p)[row],
            DuckDbType.UBigInt => ((ulong*)p)[row],
            DuckDbType.HugeInt => ((Int128*)p)[row],
            DuckDbType.Float => ((float*)p)[row],
            DuckDbType.Double => ((double*)p)[row],
            DuckDbType.Varchar => GetString(column, row),
            DuckDbType.Date => DuckDbTime.FromDays(((int*)p)[row]),
            DuckDbType.Timestamp => DuckDbTime.FromMicros(((long*)p)[row]),
            DuckDbType.TimestampTz => new DateTimeOffset(DuckDbTime.FromMicros(((long*)p)[row])),
            _ => throw new NotSupportedException(
                $"{Label(column)} has type {DuckDbTypeMap.SqlName(type)}, which this binding does not read. Supported: {DuckDbTypeMap.SupportedList}. Cast the column in SQL."),
        };
    }

    /// <summary>Releases the current chunk and the result. Idempotent.</summary>
    public void Dispose()
    {
        ReleaseChunk();
        _result.Dispose();
    }

    internal string Label(int column) => $"Column {column} ('{_columns[column].Name}')";

    private void ReleaseChunk()
    {
        _chunk?.Dispose();
        _chunk = null;
        RowCount = 0;
    }

    private void CheckCurrent(int column)
    {
        ObjectDisposedException.ThrowIf(_result.IsClosed, this);
        if (_chunk is null)
        {
            throw new InvalidOperationException("No current chunk: call ReadChunk() first and check that it returned true.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columns.Length);
    }
}
