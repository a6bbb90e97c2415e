namespace CausalCart.Features.Study;

/// <summary>
/// A study spec is invalid. Carries every problem found in one pass over the whole spec; the message lists
/// each on its own line with its key path and, for YAML, its line.
/// </summary>
public sealed class StudySpecException : Exception
{
    /// <summary>Creates the exception from at least one problem.</summary>
    /// <param name="problems">The problems, in the order found.</param>
    /// <param name="source">Name of the spec (a file path) for the message's first line, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="problems"/> is empty.</exception>
    public StudySpecException(IReadOnlyList<StudySpecProblem> problems, string? source = null)
        : base(FormatMessage(problems, source))
    {
        Problems = [.. problems];
        SpecName = source;
    }

    /// <summary>Creates the exception with a single message and no problems list entries beyond one at the root.</summary>
    public StudySpecException()
        : this([new StudySpecProblem("(spec)", "The study spec is invalid.")])
    {
    }

    /// <summary>Creates the exception with one problem at the root of the spec.</summary>
    public StudySpecException(string message)
        : this([new StudySpecProblem("(spec)", message)])
    {
    }

    /// <summary>Creates the exception with one problem at the root of the spec and an inner exception.</summary>
    public StudySpecException(string message, Exception innerException)
        : base(FormatMessage([new StudySpecProblem("(spec)", message)], null), innerException)
    {
        Problems = [new StudySpecProblem("(spec)", message)];
    }

    /// <summary>Every problem found, in the order found; never empty.</summary>
    public IReadOnlyList<StudySpecProblem> Problems { get; } = [];

    /// <summary>Name of the spec the problems belong to (a file path), or null.</summary>
    public string? SpecName { get; }

    private static string FormatMessage(IReadOnlyList<StudySpecProblem> problems, string? source)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A spec exception needs at least one problem.", nameof(problems));
        }

        var head = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        var where = source is null ? "The study spec" : $"The study spec '{source}'";
        return $"{where} has {head}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems);
    }
}
