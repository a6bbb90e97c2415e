using CausalCart.Causal;
using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Analysis;

/// <summary>How to estimate: which methods, estimands and refuters, with which seed.</summary>
public sealed record EffectAnalysisOptions
{
    /// <summary>Estimation methods, in report order. <c>naive</c> is always computed for the association view.</summary>
    public IReadOnlyList<EffectMethod> Methods { get; init; } = [EffectMethod.Naive, EffectMethod.Regression, EffectMethod.Ipw, EffectMethod.Aipw];

    /// <summary>Estimands to report.</summary>
    public IReadOnlyList<Estimand> Estimands { get; init; } = [Estimand.Ate, Estimand.Att];

    /// <summary>Refutation tests to run against the headline method (AIPW when requested).</summary>
    public IReadOnlyList<Refuter> Refuters { get; init; } = [Refuter.Placebo, Refuter.RandomCommonCause, Refuter.DataSubset];

    /// <summary>Simulations per refutation test.</summary>
    public int RefutationSimulations { get; init; } = 50;

    /// <summary>Outcome model family for regression and AIPW (propensities are always logistic).</summary>
    public OutcomeModelKind OutcomeModel { get; init; } = OutcomeModelKind.Auto;

    /// <summary>Cross-fitting folds for AIPW.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of every stochastic step (folds, refutations).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Nominal interval coverage.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Continue (with loud warnings) when overlap is insufficient instead of refusing.</summary>
    public bool AllowPoorOverlap { get; init; }

    /// <summary>Flexible nuisance learners for the doubly robust estimator (<c>aipw</c>), or null for the GLMs.</summary>
    public Causal.Dml.NuisanceLearners? Learners { get; init; }

    /// <summary>
    /// Number of equal-sized groups of units, ranked by their predicted effect, for the "who responds" section; 0 (the
    /// default) leaves the section out. 2 to 10 when set.
    /// </summary>
    public int WhoRespondsGroups { get; init; }
}
