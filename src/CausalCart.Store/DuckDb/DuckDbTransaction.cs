namespace CausalCart.Store.DuckDb;

/// <summary>
/// An open transaction on a <see cref="DuckDbConnection"/>. <see cref="Commit"/> makes its work durable;
/// <see cref="Rollback"/> or disposing it uncommitted discards the work.
/// </summary>
public sealed class DuckDbTransaction : IDisposable
{
    private readonly DuckDbConnection _connection;
    private bool _done;

    internal DuckDbTransaction(DuckDbConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Commits (<c>COMMIT</c>).</summary>
    /// <exception cref="InvalidOperationException">The transaction already ended.</exception>
    /// <exception cref="DuckDbException">The commit failed (for example a constraint was violated); the work is rolled back.</exception>
    public void Commit()
    {
        End("COMMIT");
    }

    /// <summary>Rolls back (<c>ROLLBACK</c>).</summary>
    /// <exception cref="InvalidOperationException">The transaction already ended.</exception>
    public void Rollback()
    {
        End("ROLLBACK");
    }

    /// <summary>Rolls back unless the transaction was committed or rolled back already. Never throws for a failed rollback.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _connection.InTransaction = false;
        try
        {
            _connection.Execute("ROLLBACK");
        }
        catch (DuckDbException)
        {
            // The transaction may already be gone (a failed COMMIT ends it); nothing is left to undo.
        }
        catch (ObjectDisposedException)
        {
            // The connection was closed first, which rolled the transaction back.
        }
    }

    private void End(string sql)
    {
        if (_done)
        {
            throw new InvalidOperationException("The transaction has already been committed or rolled back.");
        }

        _done = true;
        _connection.InTransaction = false;
        try
        {
            _connection.Execute(sql);
        }
        catch (DuckDbException) when (sql == "COMMIT")
        {
            // A failed COMMIT may leave the transaction open in an aborted state; end it so the connection is usable.
            try
            {
                _connection.Execute("ROLLBACK");
            }
            catch (DuckDbException)
            {
                // Already ended by DuckDB.
            }

            throw;
        }
    }
}
