namespace CausalCart.Causal.Discovery;

/// <summary>Options for <see cref="Notears"/>.</summary>
/// <param name="Lambda">L1 penalty λ on the weights (default 0.05).</param>
/// <param name="Threshold">Weights with |w| below this are dropped after fitting (default 0.3, as in Zheng et al. 2018).</param>
/// <param name="Knowledge">Background knowledge (null: none); forbidden directions and tiers fix weights at zero, required edges are always kept.</param>
/// <param name="MaxOuterIterations">Augmented-Lagrangian iterations (default 20).</param>
/// <param name="Tolerance">Stop when the acyclicity residual h(W) falls below this (default 1e-8).</param>
public sealed record NotearsOptions(double Lambda = 0.05, double Threshold = 0.3, BackgroundKnowledge? Knowledge = null, int MaxOuterIterations = 20, double Tolerance = 1e-8);
