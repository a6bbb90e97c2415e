namespace CausalCart.Store.DuckDb;

/// <summary>
/// An operation in DuckDB failed. <see cref="Exception.Message"/> starts with what the binding was doing
/// and ends with DuckDB's own error text, which is also available unchanged in <see cref="DuckDbMessage"/>.
/// </summary>
public sealed class DuckDbException : Exception
{
    /// <summary>Creates an exception with a message and no DuckDB error text.</summary>
    public DuckDbException()
        : this("DuckDB operation failed.")
    {
    }

    /// <summary>Creates an exception whose message is <paramref name="message"/>.</summary>
    public DuckDbException(string message)
        : base(message)
    {
        DuckDbMessage = message;
    }

    /// <summary>Creates an exception whose message is <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public DuckDbException(string message, Exception innerException)
        : base(message, innerException)
    {
        DuckDbMessage = message;
    }

    /// <summary>Creates an exception for a failed <paramref name="operation"/> with DuckDB's error text.</summary>
    /// <param name="operation">What the binding was doing, e.g. <c>Query failed</c>.</param>
    /// <param name="duckDbMessage">DuckDB's error text; null when DuckDB gave none.</param>
    public DuckDbException(string operation, string? duckDbMessage)
        : base(duckDbMessage is null ? $"{operation} (DuckDB gave no error text)." : $"{operation}: {duckDbMessage}")
    {
        DuckDbMessage = duckDbMessage ?? string.Empty;
    }

    /// <summary>DuckDB's own error text, unchanged (for example <c>Parser Error: syntax error at or near "SELEC"</c>).</summary>
    public string DuckDbMessage { get; }
}
