namespace CausalCart.Causal.Mediation;

/// <summary>Options of <see cref="MediationAnalysis"/>.</summary>
/// <param name="Folds">Cross-fitting folds, at least 2 (default 5).</param>
/// <param name="Seed">Seed of the fold assignment; the result is identical whatever the thread count.</param>
/// <param name="ConfidenceLevel">Level of the intervals, in (0, 1) (default 0.95).</param>
/// <param name="ProbabilityClip">Treatment probabilities P(T=1 | X) and P(T=1 | M, X) are clipped to [ε, 1 − ε] (default 0.01).</param>
/// <param name="LogisticL2">Ridge penalty of the logistic nuisance models (propensities; outcome models for 0/1 outcomes).</param>
/// <param name="LinearL2">Ridge penalty of the linear nuisance models.</param>
public sealed record MediationOptions(int Folds = 5, int Seed = 0, double ConfidenceLevel = 0.95, double ProbabilityClip = 0.01, double LogisticL2 = 1e-4, double LinearL2 = 0);
