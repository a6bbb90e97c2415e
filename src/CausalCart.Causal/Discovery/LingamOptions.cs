namespace CausalCart.Causal.Discovery;

/// <summary>Options for <see cref="DirectLingam"/>.</summary>
/// <param name="Alpha">Significance level of the t-tests that prune the regression of each variable on its predecessors (default 0.01).</param>
/// <param name="Knowledge">Background knowledge (null: none); tiers and forbidden edges constrain the causal order and the edges.</param>
/// <param name="BootstrapSamples">Bootstrap resamples for edge confidences (0: none).</param>
/// <param name="Seed">Seed for the bootstrap.</param>
public sealed record LingamOptions(double Alpha = 0.01, BackgroundKnowledge? Knowledge = null, int BootstrapSamples = 0, int Seed = 0);
