using System.Buffers;
using System.Text;

namespace CausalCart.Store.DuckDb;

/// <summary>
/// A prepared SQL statement. Bind parameters (1-based, as in DuckDB), execute, then re-bind and execute
/// again as often as needed; bindings persist between executions until replaced or cleared.
/// Not thread-safe.
/// </summary>
public sealed unsafe class DuckDbPreparedStatement : IDisposable
{
    private readonly PreparedStatementHandle _handle;

    internal DuckDbPreparedStatement(PreparedStatementHandle handle, string sql)
    {
        _handle = handle;
        Sql = sql;
        ParameterCount = checked((int)NativeMethods.duckdb_nparams(handle.DangerousGetHandle()));
    }

    /// <summary>The SQL text.</summary>
    public string Sql { get; }

    /// <summary>Number of parameters the statement takes.</summary>
    public int ParameterCount { get; }

    private IntPtr Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>Binds a BOOLEAN to parameter <paramref name="index"/> (1-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [1, <see cref="ParameterCount"/>].</exception>
    public void Bind(int index, bool value) => Check(index, NativeMethods.duckdb_bind_boolean(Raw, Index(index), value ? (byte)1 : (byte)0), "BOOLEAN");

    /// <summary>Binds an INTEGER to parameter <paramref name="index"/> (1-based).</summary>
    public void Bind(int index, int value) => Check(index, NativeMethods.duckdb_bind_int32(Raw, Index(index), value), "INTEGER");

    /// <summary>Binds a BIGINT to parameter <paramref name="index"/> (1-based).</summary>
    public void Bind(int index, long value) => Check(index, NativeMethods.duckdb_bind_int64(Raw, Index(index), value), "BIGINT");

    /// <summary>Binds a DOUBLE to parameter <paramref name="index"/> (1-based).</summary>
    public void Bind(int index, double value) => Check(index, NativeMethods.duckdb_bind_double(Raw, Index(index), value), "DOUBLE");

    /// <summary>Binds a VARCHAR to parameter <paramref name="index"/> (1-based); null binds NULL.</summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        var raw = Raw;
        var ulongIndex = Index(index);
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[512];
        try
        {
            var length = Encoding.UTF8.GetBytes(value, buffer);
            fixed (byte* p = buffer)
            {
                Check(index, NativeMethods.duckdb_bind_varchar_length(raw, ulongIndex, p, (ulong)length), "VARCHAR");
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Binds a TIMESTAMP to parameter <paramref name="index"/> (1-based), converted with <see cref="DuckDbTime.ToMicros"/>
    /// (local times to UTC, unspecified taken as UTC, truncated to microseconds).
    /// </summary>
    public void Bind(int index, DateTime value) => BindTimestampMicros(index, DuckDbTime.ToMicros(value));

    /// <summary>Binds a TIMESTAMP given as microseconds since the Unix epoch to parameter <paramref name="index"/> (1-based).</summary>
    public void BindTimestampMicros(int index, long micros) => Check(index, NativeMethods.duckdb_bind_timestamp(Raw, Index(index), micros), "TIMESTAMP");

    /// <summary>Binds NULL to parameter <paramref name="index"/> (1-based).</summary>
    public void BindNull(int index) => Check(index, NativeMethods.duckdb_bind_null(Raw, Index(index)), "NULL");

    /// <summary>Clears all bindings.</summary>
    public void ClearBindings() => _ = NativeMethods.duckdb_clear_bindings(Raw);

    /// <summary>Executes with the current bindings and returns the number of rows changed.</summary>
    /// <exception cref="DuckDbException">Execution failed (for example a parameter is unbound); the message carries DuckDB's error text.</exception>
    public long Execute()
    {
        using var result = Run(streaming: false);
        return (long)NativeMethods.duckdb_rows_changed(result.Pointer);
    }

    /// <summary>Executes with the current bindings and reads the whole result into memory.</summary>
    /// <exception cref="DuckDbException">Execution failed.</exception>
    public DuckDbTable Query()
    {
        using var reader = new DuckDbChunkReader(Run(streaming: false));
        return DuckDbTable.Load(reader);
    }

    /// <summary>
    /// Executes with the current bindings as a streaming result (see <see cref="DuckDbChunkReader"/>). The reader
    /// stays valid after this statement is disposed.
    /// </summary>
    /// <exception cref="DuckDbException">Execution failed.</exception>
    public DuckDbChunkReader ExecuteReader() => new(Run(streaming: true));

    /// <summary>Releases the statement. Idempotent.</summary>
    public void Dispose() => _handle.Dispose();

    private ResultHandle Run(bool streaming)
    {
        var raw = Raw;
        var result = new ResultHandle();
        var state = streaming
            ? NativeMethods.duckdb_execute_prepared_streaming(raw, result.Pointer)
            : NativeMethods.duckdb_execute_prepared(raw, result.Pointer);
        if (state != NativeMethods.Success)
        {
            var error = NativeMethods.Utf8(NativeMethods.duckdb_result_error(result.Pointer))
                ?? NativeMethods.Utf8(NativeMethods.duckdb_prepare_error(raw));
            result.Dispose();
            throw new DuckDbException("Prepared statement failed", error);
        }

        return result;
    }

    private ulong Index(int index)
    {
        if (index < 1 || index > ParameterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"Parameter indexes are 1-based; this statement takes {ParameterCount} parameter(s).");
        }

        return (ulong)index;
    }

    private void Check(int index, int state, string what)
    {
        if (state != NativeMethods.Success)
        {
            throw new DuckDbException($"Could not bind {what} to parameter {index}", NativeMethods.Utf8(NativeMethods.duckdb_prepare_error(Raw)));
        }
    }
}
