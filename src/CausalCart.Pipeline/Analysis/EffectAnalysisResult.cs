using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Analysis;

/// <summary>The statistical part of an analysis, before the design description and manifest are added.</summary>
/// <param name="Association">Unadjusted comparison.</param>
/// <param name="Estimates">Estimates in method order, then estimand order.</param>
/// <param name="Overlap">Propensity overlap, when a propensity model was fitted.</param>
/// <param name="Balance">Covariate balance, when a propensity model was fitted.</param>
/// <param name="Refutations">Refutation results.</param>
/// <param name="Warnings">Warnings from the estimators and the overlap check.</param>
/// <param name="Heterogeneity">Who responds, when <see cref="EffectAnalysisOptions.WhoRespondsGroups"/> was set; else null.</param>
public sealed record EffectAnalysisResult(
    Association Association,
    IReadOnlyList<EffectEstimate> Estimates,
    OverlapDiagnostics? Overlap,
    BalanceDiagnostics? Balance,
    IReadOnlyList<Refutation> Refutations,
    IReadOnlyList<string> Warnings,
    EffectHeterogeneity? Heterogeneity = null);
