namespace CausalCart.Store.DuckDb;

/// <summary>
/// A connection to a <see cref="DuckDbDatabase"/>: runs SQL, prepares statements, creates appenders and
/// holds one transaction at a time. Not thread-safe: use one connection per thread.
/// </summary>
public sealed unsafe class DuckDbConnection : IDisposable
{
    private readonly ConnectionHandle _handle;

    internal DuckDbConnection(ConnectionHandle handle)
    {
        _handle = handle;
    }

    /// <summary>Whether a transaction started with <see cref="BeginTransaction"/> is open.</summary>
    public bool InTransaction { get; internal set; }

    internal IntPtr Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>
    /// Runs one or more SQL statements separated by semicolons and returns the number of rows the last
    /// one changed (0 for statements that change none).
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB rejected or failed the SQL; the message carries DuckDB's error text.</exception>
    public long Execute(string sql)
    {
        using var result = Run(sql);
        return (long)NativeMethods.duckdb_rows_changed(result.Pointer);
    }

    /// <summary>
    /// Runs a query and reads its whole result into memory, chunk by chunk. For small results;
    /// read large ones with <see cref="ExecuteReader"/>.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB rejected or failed the SQL.</exception>
    /// <exception cref="NotSupportedException">A result column has a type this binding does not read.</exception>
    public DuckDbTable Query(string sql)
    {
        using var reader = new DuckDbChunkReader(Run(sql));
        return DuckDbTable.Load(reader);
    }

    /// <summary>
    /// Runs a query and returns the first column of the first row (boxed as in <see cref="DuckDbChunkReader.GetValue"/>),
    /// or null when the result is empty or the value is NULL.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB rejected or failed the SQL.</exception>
    public object? QueryScalar(string sql)
    {
        using var reader = new DuckDbChunkReader(Run(sql));
        return reader.ReadChunk() && reader.ColumnCount > 0 ? reader.GetValue(0, 0) : null;
    }

    /// <summary>
    /// Runs a single query as a streaming result: rows are produced as chunks are read, so results larger
    /// than memory can be read. Dispose the reader before running anything else on this connection.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB rejected or failed the SQL.</exception>
    public DuckDbChunkReader ExecuteReader(string sql)
    {
        using var statement = Prepare(sql);
        return statement.ExecuteReader();
    }

    /// <summary>Prepares one SQL statement with <c>?</c> or <c>$1</c> parameters for repeated execution.</summary>
    /// <exception cref="DuckDbException">DuckDB could not prepare the statement; the message carries DuckDB's error text.</exception>
    public DuckDbPreparedStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var state = NativeMethods.duckdb_prepare(Raw, sql, out var raw);
        var handle = new PreparedStatementHandle(raw);
        if (state != NativeMethods.Success)
        {
            var error = raw == IntPtr.Zero ? null : NativeMethods.Utf8(NativeMethods.duckdb_prepare_error(raw));
            handle.Dispose();
            throw new DuckDbException("Could not prepare statement", error);
        }

        return new DuckDbPreparedStatement(handle, sql);
    }

    /// <summary>
    /// Creates a fast bulk appender for all columns of <paramref name="table"/>. Appended rows become part of
    /// this connection's open transaction, if any.
    /// </summary>
    /// <param name="table">Table name (not quoted).</param>
    /// <param name="schema">Schema name; null for the default schema.</param>
    /// <exception cref="DuckDbException">The table does not exist; the message carries DuckDB's error text.</exception>
    public DuckDbAppender CreateAppender(string table, string? schema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var state = NativeMethods.duckdb_appender_create(Raw, schema, table, out var raw);
        var handle = new AppenderHandle(raw);
        if (state != NativeMethods.Success)
        {
            var error = raw == IntPtr.Zero ? null : DuckDbAppender.ErrorText(raw);
            handle.Dispose();
            throw new DuckDbException($"Could not create an appender for table '{table}'", error);
        }

        return new DuckDbAppender(handle, table);
    }

    /// <summary>
    /// Starts a transaction (<c>BEGIN TRANSACTION</c>). Commit it with <see cref="DuckDbTransaction.Commit"/>;
    /// disposing it uncommitted rolls it back.
    /// </summary>
    /// <exception cref="InvalidOperationException">A transaction is already open on this connection.</exception>
    public DuckDbTransaction BeginTransaction()
    {
        if (InTransaction)
        {
            throw new InvalidOperationException("A transaction is already open on this connection; DuckDB does not nest transactions.");
        }

        Execute("BEGIN TRANSACTION");
        InTransaction = true;
        return new DuckDbTransaction(this);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction: commits when it returns, rolls back when it throws
    /// (and rethrows).
    /// </summary>
    public T RunInTransaction<T>(Func<DuckDbConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var transaction = BeginTransaction();
        var result = work(this);
        transaction.Commit();
        return result;
    }

    /// <summary>Closes the connection; an open transaction is rolled back by DuckDB.</summary>
    public void Dispose() => _handle.Dispose();

    internal ResultHandle Run(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var result = new ResultHandle();
        if (NativeMethods.duckdb_query(Raw, sql, result.Pointer) != NativeMethods.Success)
        {
            var error = NativeMethods.Utf8(NativeMethods.duckdb_result_error(result.Pointer));
            result.Dispose();
            throw new DuckDbException("Query failed", error);
        }

        return result;
    }
}
