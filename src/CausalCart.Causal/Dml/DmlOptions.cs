namespace CausalCart.Causal.Dml;

/// <summary>
/// Options of the double-ML estimators beyond <see cref="EffectOptions"/> (which gives the folds, seed, confidence
/// level, estimands and propensity clipping). Immutable.
/// </summary>
public sealed record DmlOptions
{
    /// <summary>Nuisance and final-stage learners (default: linear / logistic).</summary>
    public NuisanceLearners Learners { get; init; } = NuisanceLearners.Linear;

    /// <summary>
    /// Independent cross-fitting splits S ≥ 1 (default 1). With S &gt; 1 the estimates of the splits are aggregated by
    /// the median and the variance by median(σ̂²_s + (θ̂_s − θ̃)²) (Chernozhukov et al. 2018, §3.4). Split s uses the
    /// seed <see cref="EffectOptions.Seed"/> for s = 0 and <c>SeededRandom.DeriveSeed(seed, s)</c> after.
    /// </summary>
    public int Repetitions { get; init; } = 1;

    /// <summary>
    /// Fewest units each held-out fold must hold, and fewest units of each arm each training set must hold
    /// (default 2); fewer throws <see cref="ArgumentException"/> naming the fold.
    /// </summary>
    public int MinUnitsPerFold { get; init; } = 2;

    /// <summary>
    /// Effect modifiers X of the final stage (LinearDML, DR-learner, best linear projection), by covariate name; null
    /// means every covariate. Every covariate (modifier or not) is adjusted for in the nuisance models.
    /// </summary>
    public IReadOnlyList<string>? EffectModifiers { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Learners is null)
        {
            throw new ArgumentException("Learners must be set (use NuisanceLearners.Linear for the defaults).", nameof(Learners));
        }

        Learners.Validate();
        if (Repetitions < 1)
        {
            throw new ArgumentException($"Repetitions {Repetitions} must be at least 1.", nameof(Repetitions));
        }

        if (MinUnitsPerFold < 1)
        {
            throw new ArgumentException($"MinUnitsPerFold {MinUnitsPerFold} must be at least 1.", nameof(MinUnitsPerFold));
        }

        if (EffectModifiers is not null && EffectModifiers.Distinct(StringComparer.Ordinal).Count() != EffectModifiers.Count)
        {
            throw new ArgumentException("EffectModifiers must be distinct covariate names.", nameof(EffectModifiers));
        }
    }
}
