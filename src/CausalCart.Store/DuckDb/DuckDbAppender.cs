using System.Buffers;
using System.Text;

namespace CausalCart.Store.DuckDb;

/// <summary>
/// Bulk-loads rows into one table through DuckDB data chunks, a column at a time: <see cref="BeginChunk"/>
/// with up to <see cref="ChunkCapacity"/> rows, write every column (<see cref="Write{T}(int, ReadOnlySpan{T})"/>,
/// <see cref="WriteStrings"/>, <see cref="WriteNulls"/>, then <see cref="SetNull"/> for single rows), then
/// <see cref="EndChunk"/>. Finish with <see cref="Close"/>, which flushes and reports constraint violations.
/// </summary>
/// <remarks>
/// Rows become part of the connection's open transaction, if any, when DuckDB flushes them (at the latest
/// in <see cref="Close"/>). <see cref="Dispose"/> without <see cref="Close"/> lets DuckDB flush what is still
/// buffered and ignores errors; <see cref="Discard"/> drops buffered rows instead, which is what an
/// aborted load wants. Values are written straight into the chunk's vectors. A string of at most 12 UTF-8 bytes is
/// written in place as an inlined <c>duckdb_string_t</c> (length, then the bytes, zero-padded: the layout duckdb.h
/// declares, which DuckDB itself uses for short strings); a longer one is copied into the vector's string heap with
/// <c>duckdb_vector_assign_string_element_len</c>. Ids, codes and dictionary keys are mostly short, and the native
/// call per value was most of the cost of writing them. Not thread-safe.
/// </remarks>
public sealed unsafe class DuckDbAppender : IDisposable
{
    private readonly AppenderHandle _handle;
    private readonly DataChunkHandle _chunk;
    private readonly DuckDbType[] _types;
    private readonly IntPtr[] _vectors;   // (ColumnCount) vectors of the current chunk
    private readonly IntPtr[] _data;      // (ColumnCount) vector data of the current chunk
    private readonly IntPtr[] _validity;  // (ColumnCount) writable validity masks, zero until a NULL is set
    private readonly bool[] _written;     // (ColumnCount) whether the column has values in the current chunk
    private byte[] _utf8 = new byte[256];
    private int _rows = -1;               // rows of the current chunk; -1 outside BeginChunk/EndChunk

    internal DuckDbAppender(AppenderHandle handle, string table)
    {
        _handle = handle;
        Table = table;
        var raw = handle.DangerousGetHandle();
        var count = checked((int)NativeMethods.duckdb_appender_column_count(raw));
        _types = new DuckDbType[count];
        var logical = new IntPtr[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                logical[i] = NativeMethods.duckdb_appender_column_type(raw, (ulong)i);
                _types[i] = (DuckDbType)NativeMethods.duckdb_get_type_id(logical[i]);
            }

            fixed (IntPtr* types = logical)
            {
                _chunk = new DataChunkHandle(NativeMethods.duckdb_create_data_chunk(types, (ulong)count));
            }
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                if (logical[i] != IntPtr.Zero)
                {
                    NativeMethods.duckdb_destroy_logical_type(ref logical[i]);
                }
            }
        }

        _vectors = new IntPtr[count];
        _data = new IntPtr[count];
        _validity = new IntPtr[count];
        _written = new bool[count];
    }

    /// <summary>The most rows one chunk holds (DuckDB's vector size, 2048).</summary>
    public static int ChunkCapacity
    {
        get
        {
            DuckDbNativeLibrary.EnsureLoaded();
            return (int)NativeMethods.duckdb_vector_size();
        }
    }

    /// <summary>The target table.</summary>
    public string Table { get; }

    /// <summary>Number of columns of the table.</summary>
    public int ColumnCount => _types.Length;

    /// <summary>Type of each column, in table order.</summary>
    public IReadOnlyList<DuckDbType> ColumnTypes => _types;

    /// <summary>Rows handed to DuckDB by <see cref="EndChunk"/> so far.</summary>
    public long RowsAppended { get; private set; }

    /// <summary>Starts a chunk of <paramref name="rowCount"/> rows; every column must then be written before <see cref="EndChunk"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowCount"/> is not in [1, <see cref="ChunkCapacity"/>].</exception>
    /// <exception cref="InvalidOperationException">A chunk is already begun.</exception>
    public void BeginChunk(int rowCount)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowCount, ChunkCapacity);
        if (_rows >= 0)
        {
            throw new InvalidOperationException("A chunk is already begun; call EndChunk first.");
        }

        var chunk = _chunk.DangerousGetHandle();
        NativeMethods.duckdb_data_chunk_reset(chunk);
        for (var i = 0; i < _types.Length; i++)
        {
            // Reset may swap buffers and clears validity, so the pointers are taken afresh for every chunk.
            _vectors[i] = NativeMethods.duckdb_data_chunk_get_vector(chunk, (ulong)i);
            _data[i] = (IntPtr)NativeMethods.duckdb_vector_get_data(_vectors[i]);
            _validity[i] = IntPtr.Zero;
            _written[i] = false;
        }

        _rows = rowCount;
    }

    /// <summary>
    /// Copies one value per row of the current chunk into a fixed-width column. The element type must match
    /// the column (as listed on <see cref="DuckDbChunkReader.GetValues{T}"/>: DATE as <see cref="int"/> days,
    /// TIMESTAMP as <see cref="long"/> microseconds since the epoch).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have one element per row of the chunk.</exception>
    /// <exception cref="InvalidOperationException">No chunk is begun, or <typeparamref name="T"/> does not match the column type.</exception>
    public void Write<T>(int column, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        CheckColumn(column, values.Length);
        DuckDbTypeMap.CheckRaw<T>(_types[column], Label(column));
        values.CopyTo(new Span<T>((void*)_data[column], _rows));
        _written[column] = true;
    }

    /// <summary>
    /// Like <see cref="Write{T}(int, ReadOnlySpan{T})"/>, and every row whose value equals <paramref name="nullValue"/>
    /// (by <see cref="IEquatable{T}.Equals(T)"/>, so <see cref="double.NaN"/> matches NaN) becomes NULL.
    /// </summary>
    public void Write<T>(int column, ReadOnlySpan<T> values, T nullValue)
        where T : unmanaged, IEquatable<T>
    {
        Write(column, values);
        var index = values.IndexOf(nullValue);
        while (index >= 0)
        {
            SetNull(column, index);
            var next = values[(index + 1)..].IndexOf(nullValue);
            index = next < 0 ? -1 : index + 1 + next;
        }
    }

    /// <summary>Writes one string per row of the current chunk into a VARCHAR column; null entries become NULL.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have one element per row of the chunk.</exception>
    /// <exception cref="InvalidOperationException">No chunk is begun, or the column is not VARCHAR.</exception>
    public void WriteStrings(int column, ReadOnlySpan<string?> values)
    {
        CheckColumn(column, values.Length);
        if (_types[column] != DuckDbType.Varchar)
        {
            throw new InvalidOperationException($"{Label(column)} is {DuckDbTypeMap.SqlName(_types[column])}, not VARCHAR; use Write<T>.");
        }

        for (var row = 0; row < values.Length; row++)
        {
            var value = values[row];
            if (value is null)
            {
                SetNull(column, row);
                continue;
            }

            var max = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (max > _utf8.Length)
            {
                _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
            }

            var length = Encoding.UTF8.GetBytes(value, _utf8);
            AssignString(column, row, _utf8.AsSpan(0, length));
        }

        _written[column] = true;
    }

    /// <summary>
    /// Writes one string per row of the current chunk into a VARCHAR column from UTF-8 bytes laid end to end: row r is
    /// <c>utf8[offsets[r]..offsets[r + 1]]</c> (so <paramref name="offsets"/> has one more element than the chunk has
    /// rows, starts anywhere and never decreases). Saves creating a .NET string per value (e.g. for keys formatted
    /// straight to UTF-8). Each value must be valid UTF-8 (checked).
    /// </summary>
    /// <exception cref="ArgumentException">The offsets do not match the chunk, decrease, or leave the buffer; or a
    /// value is not valid UTF-8 (the message names its row).</exception>
    /// <exception cref="InvalidOperationException">No chunk is begun, or the column is not VARCHAR.</exception>
    public void WriteUtf8(int column, ReadOnlySpan<byte> utf8, ReadOnlySpan<int> offsets)
    {
        CheckColumn(column, offsets.Length - 1);
        if (_types[column] != DuckDbType.Varchar)
        {
            throw new InvalidOperationException($"{Label(column)} is {DuckDbTypeMap.SqlName(_types[column])}, not VARCHAR; use Write<T>.");
        }

        for (var row = 0; row < _rows; row++)
        {
            int from = offsets[row], to = offsets[row + 1];
            if (from < 0 || to < from || to > utf8.Length)
            {
                throw new ArgumentException($"{Label(column)}: row {row} spans bytes [{from}, {to}) of a {utf8.Length}-byte buffer.", nameof(offsets));
            }

            var value = utf8[from..to];
            if (!System.Text.Unicode.Utf8.IsValid(value))
            {
                throw new ArgumentException($"{Label(column)}: row {row} is not valid UTF-8.", nameof(utf8));
            }

            AssignString(column, row, value);
        }

        _written[column] = true;
    }

    /// <summary>Stores one UTF-8 value in row <paramref name="row"/> of a VARCHAR column of the current chunk.</summary>
    private void AssignString(int column, int row, ReadOnlySpan<byte> value)
    {
        const int inlineLength = 12;   // duckdb_string_t: uint32 length, then 12 bytes inline (or prefix + pointer)
        if (value.Length <= inlineLength)
        {
            var slot = new Span<byte>((byte*)_data[column] + (16 * row), 16);
            System.Runtime.InteropServices.MemoryMarshal.Write(slot, (uint)value.Length);   // native byte order, as the struct
            value.CopyTo(slot[4..]);
            slot[(4 + value.Length)..].Clear();   // zero padding, as DuckDB's own string_t leaves it
            return;
        }

        fixed (byte* p = value)
        {
            NativeMethods.duckdb_vector_assign_string_element_len(_vectors[column], (ulong)row, p, (ulong)value.Length);
        }
    }

    /// <summary>Makes every row of <paramref name="column"/> in the current chunk NULL.</summary>
    public void WriteNulls(int column)
    {
        CheckColumn(column, _rows);
        var mask = Validity(column);
        new Span<ulong>(mask, (_rows + 63) >> 6).Clear();
        _written[column] = true;
    }

    /// <summary>Makes one row of <paramref name="column"/> in the current chunk NULL (after the column's values were written).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not in the chunk.</exception>
    public void SetNull(int column, int row)
    {
        CheckColumn(column, _rows);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _rows);
        var mask = Validity(column);
        mask[row >> 6] &= ~(1UL << (row & 63));
    }

    /// <summary>Hands the current chunk to DuckDB's appender (which copies it).</summary>
    /// <exception cref="InvalidOperationException">No chunk is begun, or a column was not written; the message names it.</exception>
    /// <exception cref="DuckDbException">DuckDB refused the chunk; the message carries DuckDB's error text.</exception>
    public void EndChunk()
    {
        if (_rows < 0)
        {
            throw new InvalidOperationException("No chunk is begun; call BeginChunk first.");
        }

        var missing = Array.IndexOf(_written, false);
        if (missing >= 0)
        {
            throw new InvalidOperationException($"{Label(missing)} has no values in this chunk; write every column (WriteNulls for an all-NULL column).");
        }

        var chunk = _chunk.DangerousGetHandle();
        NativeMethods.duckdb_data_chunk_set_size(chunk, (ulong)_rows);
        var rows = _rows;
        _rows = -1;
        if (NativeMethods.duckdb_append_data_chunk(_handle.DangerousGetHandle(), chunk) != NativeMethods.Success)
        {
            throw new DuckDbException($"Appending to '{Table}' failed", ErrorText(_handle.DangerousGetHandle()));
        }

        RowsAppended += rows;
    }

    /// <summary>Writes buffered rows into the table (within the connection's transaction, if any).</summary>
    /// <exception cref="DuckDbException">A row violates a constraint (NOT NULL, PRIMARY KEY, …); the message carries DuckDB's error text.</exception>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (NativeMethods.duckdb_appender_flush(_handle.DangerousGetHandle()) != NativeMethods.Success)
        {
            throw new DuckDbException($"Flushing rows into '{Table}' failed", ErrorText(_handle.DangerousGetHandle()));
        }
    }

    /// <summary>Flushes and closes the appender, then releases it.</summary>
    /// <exception cref="DuckDbException">The final flush failed; the appender is released anyway.</exception>
    public void Close()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        try
        {
            if (NativeMethods.duckdb_appender_close(_handle.DangerousGetHandle()) != NativeMethods.Success)
            {
                throw new DuckDbException($"Closing the appender of '{Table}' failed", ErrorText(_handle.DangerousGetHandle()));
            }
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Drops rows still buffered in the appender (they never reach the table) and releases it. Idempotent.</summary>
    public void Discard()
    {
        if (!_handle.IsClosed)
        {
            _ = NativeMethods.duckdb_appender_clear(_handle.DangerousGetHandle());
        }

        Release();
    }

    /// <summary>Releases the appender; DuckDB flushes rows still buffered and errors are ignored (see the remarks).</summary>
    public void Dispose() => Release();

    internal static string? ErrorText(IntPtr appender)
    {
        var data = NativeMethods.duckdb_appender_error_data(appender);
        if (data == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return NativeMethods.duckdb_error_data_has_error(data) != 0 ? NativeMethods.Utf8(NativeMethods.duckdb_error_data_message(data)) : null;
        }
        finally
        {
            NativeMethods.duckdb_destroy_error_data(ref data);
        }
    }

    private void Release()
    {
        _rows = -1;
        _handle.Dispose();
        _chunk.Dispose();
    }

    private ulong* Validity(int column)
    {
        if (_validity[column] == IntPtr.Zero)
        {
            NativeMethods.duckdb_vector_ensure_validity_writable(_vectors[column]);
            _validity[column] = (IntPtr)NativeMethods.duckdb_vector_get_validity(_vectors[column]);
        }

        return (ulong*)_validity[column];
    }

    private void CheckColumn(int column, int length)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (_rows < 0)
        {
            throw new InvalidOperationException("No chunk is begun; call BeginChunk first.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _types.Length);
        if (length != _rows)
        {
            throw new ArgumentException($"{Label(column)}: got {length} values for a chunk of {_rows} rows.", nameof(length));
        }
    }

    private string Label(int column) => $"Column {column} ({DuckDbTypeMap.SqlName(_types[column])}) of '{Table}'";
}
