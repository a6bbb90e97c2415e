namespace CausalCart.Core.Errors;

/// <summary>
/// Base of CausalCart's few actionable exception types. Each carries an <see cref="ErrorKind"/> that the
/// CLI maps to its documented exit code; the message names the offending key, column or value and, where
/// it helps, what would have been valid.
/// </summary>
public class CausalCartException : Exception
{
    /// <summary>Creates an exception of a kind with a message for the user.</summary>
    public CausalCartException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Creates an <see cref="ErrorKind.Usage"/> exception.</summary>
    public CausalCartException()
        : this(ErrorKind.Usage, "CausalCart error.")
    {
    }

    /// <summary>Creates an <see cref="ErrorKind.Usage"/> exception with a message.</summary>
    public CausalCartException(string message)
        : this(ErrorKind.Usage, message)
    {
    }

    /// <summary>Creates an <see cref="ErrorKind.Usage"/> exception with a message and cause.</summary>
    public CausalCartException(string message, Exception innerException)
        : this(ErrorKind.Usage, message, innerException)
    {
    }

    /// <summary>What went wrong, in the CLI's terms.</summary>
    public ErrorKind Kind { get; }
}

/// <summary>Kinds of failure, each with its own CLI exit code (see <c>docs/cli.md</c>).</summary>
public enum ErrorKind
{
    /// <summary>Bad arguments, a bad spec or a missing file (exit code 2).</summary>
    Usage,

    /// <summary>The input's rejected share exceeded what was allowed (exit code 3).</summary>
    InputRejected,

    /// <summary>The effect is not identifiable, or overlap is insufficient (exit code 4).</summary>
    NotIdentifiable,

    /// <summary>A refutation test failed and the caller asked for that to be an error (exit code 5).</summary>
    RefutationFailed,
}
