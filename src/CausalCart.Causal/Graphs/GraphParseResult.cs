using CausalCart.Core.Errors;

namespace CausalCart.Causal.Graphs;

/// <summary>The outcome of <see cref="GraphParser.Parse"/>: a graph, or every error found (never both).</summary>
/// <param name="Graph">The graph when the text was valid; otherwise <see langword="null"/>.</param>
/// <param name="Errors">Problems, each with its line; empty on success.</param>
public sealed record GraphParseResult(CausalGraph? Graph, IReadOnlyList<GraphParseError> Errors)
{
    /// <summary>True when <see cref="Graph"/> is set.</summary>
    public bool Succeeded => Graph is not null;

    /// <summary>The graph, or throws listing every error with its line.</summary>
    /// <exception cref="CausalCartException">The text had errors (<see cref="ErrorKind.Usage"/>).</exception>
    public CausalGraph GetGraphOrThrow() => Graph ?? throw new CausalCartException(
        "The causal graph could not be read:" + Environment.NewLine + string.Join(Environment.NewLine, Errors.Select(e => "  " + e)));
}
