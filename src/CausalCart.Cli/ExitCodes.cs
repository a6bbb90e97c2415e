using CausalCart.Core.Errors;

namespace CausalCart.Cli;

/// <summary>The documented exit codes of <c>causalcart</c> (see docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected error (a bug, or the environment failed).</summary>
    public const int Unexpected = 1;

    /// <summary>Bad arguments, spec or input file.</summary>
    public const int Usage = 2;

    /// <summary>More input rows were rejected than allowed (<c>--max-reject-share</c>).</summary>
    public const int InputRejected = 3;

    /// <summary>The effect is not identifiable, or propensity overlap is insufficient.</summary>
    public const int NotIdentifiable = 4;

    /// <summary>A refutation test failed (with <c>--fail-on-refutation</c>).</summary>
    public const int RefutationFailed = 5;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code for an error kind.</summary>
    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.Usage => Usage,
        ErrorKind.InputRejected => InputRejected,
        ErrorKind.NotIdentifiable => NotIdentifiable,
        ErrorKind.RefutationFailed => RefutationFailed,
        _ => Unexpected,
    };
}
