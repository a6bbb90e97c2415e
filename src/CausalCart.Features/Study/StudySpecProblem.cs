namespace CausalCart.Features.Study;

/// <summary>One problem found while reading or validating a study spec.</summary>
/// <param name="Path">Dotted key path of the offending entry (<c>outcome.within</c>, <c>covariates.lookbacks[1]</c>).</param>
/// <param name="Message">What is wrong and what would be valid.</param>
/// <param name="Line">1-based YAML line, when the spec came from YAML and the entry exists there.</param>
/// <param name="Column">1-based YAML column, when <paramref name="Line"/> is known.</param>
public sealed record StudySpecProblem(string Path, string Message, int? Line = null, int? Column = null)
{
    /// <summary><c>path (line L, column C): message</c>, without the position when unknown.</summary>
    public override string ToString() => Line is { } line
        ? $"{Path} (line {line}, column {Column ?? 1}): {Message}"
        : $"{Path}: {Message}";
}
