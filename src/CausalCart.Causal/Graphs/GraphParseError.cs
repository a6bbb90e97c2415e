namespace CausalCart.Causal.Graphs;

/// <summary>One problem found while reading graph text.</summary>
/// <param name="Line">1-based line of the text the problem is on (0 when it concerns the whole text).</param>
/// <param name="Message">What is wrong and what would be valid.</param>
public sealed record GraphParseError(int Line, string Message)
{
    /// <summary><c>line N: message</c>.</summary>
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}
