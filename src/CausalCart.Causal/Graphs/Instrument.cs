namespace CausalCart.Causal.Graphs;

/// <summary>An instrumental variable for the effect of a treatment on an outcome.</summary>
/// <param name="Name">The instrument Z.</param>
/// <param name="Conditioning">Variables W to condition on (empty for an unconditional instrument).</param>
public sealed record Instrument(string Name, IReadOnlyList<string> Conditioning);
