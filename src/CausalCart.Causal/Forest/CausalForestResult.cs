namespace CausalCart.Causal.Forest;

/// <summary>What <see cref="CausalForestEstimator.Fit"/> produced. Arrays are per unit, in the data's row order.</summary>
/// <param name="Estimation">ATE / ATT by AIPW scores built from the forest's CATEs and the nuisance predictions
/// (<see cref="Core.Results.EffectMethod.CausalForest"/>), with the association, overlap and balance diagnostics and
/// the cross-fitted (out-of-bag) propensities.</param>
/// <param name="Cate">Out-of-bag τ̂(x_i): each unit's effect from the little bags whose half-sample did not contain it.</param>
/// <param name="CateStdError">Little-bags standard error of <paramref name="Cate"/>.</param>
/// <param name="CateLower">Lower end of the pointwise interval τ̂ − z·SE at the options' confidence level. The interval
/// carries no bias correction: where τ changes steeply, or beyond the bulk of a strong modifier, the forest's local
/// average is biased and the interval under-covers (85% overall on bench/causal/forest's n = 2,000 worlds, 25% where
/// |x₀| ≥ 2; more trees narrow it further). Averages over many units (the ATE, segment effects) are not affected.</param>
/// <param name="CateUpper">Upper end τ̂ + z·SE.</param>
/// <param name="OutcomeMean">m̂(x_i) = E[Y | covariates], out-of-bag or cross-fitted.</param>
/// <param name="EffectModifiers">The effect modifiers X the trees split on.</param>
/// <param name="VariableImportance">Per effect modifier (same order), GRF's split-frequency importance: the share of
/// splits on it at each depth 1–4, weighted by depth⁻² and normalised; the values sum to 1 unless no tree split.</param>
/// <param name="Model">The fitted forest, to predict τ̂ at new rows.</param>
/// <param name="Warnings">Sentences to read before trusting the numbers (also attached to each estimate).</param>
public sealed record CausalForestResult(
    EstimationResult Estimation,
    IReadOnlyList<double> Cate,
    IReadOnlyList<double> CateStdError,
    IReadOnlyList<double> CateLower,
    IReadOnlyList<double> CateUpper,
    IReadOnlyList<double> OutcomeMean,
    IReadOnlyList<string> EffectModifiers,
    IReadOnlyList<double> VariableImportance,
    CausalForestModel Model,
    IReadOnlyList<string> Warnings);
