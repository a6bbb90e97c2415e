using CausalCart.Core.Results;

namespace CausalCart.Causal;

/// <summary>
/// An effect estimator: configured once with <see cref="EffectOptions"/>, then applied to any number of data sets.
/// <see cref="Estimate"/> does not mutate the estimator and is deterministic for the same data and options,
/// whatever the thread count; it may be called concurrently.
/// </summary>
public interface IEffectEstimator
{
    /// <summary>The method.</summary>
    EffectMethod Method { get; }

    /// <summary>The options.</summary>
    EffectOptions Options { get; }

    /// <summary>Estimates the requested estimands on <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The data cannot support the method (the message says why).</exception>
    /// <exception cref="InvalidOperationException">A standard error could not be computed (never returned as NaN).</exception>
    EstimationResult Estimate(EffectData data);
}
