using CausalCart.Learners;

namespace CausalCart.Causal.Forest;

/// <summary>
/// Options of <see cref="CausalForestEstimator"/> (the forest itself; the seed, confidence level, estimands, folds and
/// propensity clipping come from <see cref="EffectOptions"/>). Immutable; fitting never modifies them. Defaults follow
/// GRF's <c>causal_forest</c> (Athey, Tibshirani &amp; Wager 2019) except the tree count.
/// </summary>
public sealed record CausalForestOptions
{
    /// <summary>
    /// Names of the covariates the effect may vary with (effect modifiers X; the trees split only on these). Null
    /// (default) uses every covariate. All covariates, effect modifiers included, are adjusted for in the nuisance models.
    /// </summary>
    public IReadOnlyList<string>? EffectModifiers { get; init; }

    /// <summary>Number of causal trees (default 100); a positive multiple of <see cref="CiGroupSize"/>.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Share of the units each tree draws without replacement (default 0.5; at most 0.5 when
    /// <see cref="CiGroupSize"/> &gt; 1, because each little bag of trees draws from one half-sample).</summary>
    public double SampleFraction { get; init; } = 0.5;

    /// <summary>Trees per little bag for the variance estimate (default 2, at least 2).</summary>
    public int CiGroupSize { get; init; } = 2;

    /// <summary>Share of each tree's draw that chooses the splits (default 0.5, in (0, 1)); the rest fills the leaves.</summary>
    public double HonestyFraction { get; init; } = 0.5;

    /// <summary>Candidate effect modifiers per node; null gives GRF's min(⌈√q + 20⌉, q) for q effect modifiers.</summary>
    public int? Mtry { get; init; }

    /// <summary>
    /// Each child of a split holds at least this many split-half units, and at least this many treated and this many
    /// control units (default 5, at least 1).
    /// </summary>
    public int MinNodeSize { get; init; } = 5;

    /// <summary>Each child also holds at least this share of its parent's units (GRF's alpha; default 0.05, in [0, 0.25]).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Maximum depth of a causal tree; 0 (default) is unlimited.</summary>
    public int MaxDepth { get; init; }

    /// <summary>Quantile bins per effect modifier for the split search (default 256, in [2, 256]).</summary>
    public int MaxBins { get; init; } = 256;

    /// <summary>Trees of each default nuisance forest, E[Y | covariates] and P(T = 1 | covariates) (default 50).</summary>
    public int NuisanceTrees { get; init; } = 50;

    /// <summary>
    /// Outcome model m(x) = E[Y | covariates]; null (default) uses a regression forest's out-of-bag predictions. A learner
    /// given here is cross-fitted over <see cref="EffectOptions.Folds"/> folds grouped by <see cref="EffectData.Groups"/>.
    /// </summary>
    /// <remarks>The default forests are honest, with GRF's mtry, as GRF's nuisance forests are. Their smoothing bias in m̂ and
    /// ê is not always fully removed by the doubly robust ATE/ATT scores when the standard error is small (large N): in four
    /// seeded worlds with N = 100,000 the forest-nuisance ATE was within 2.2 standard errors of the truth (it was 4–6 low
    /// with the adaptive forests used before), but at N = 1,000,000 it was still 4.3 low. Pass learners that fit the nuisances well when the ATE itself matters; the
    /// CATEs are far less sensitive (bench/causal/forest/RESULTS.md).</remarks>
    public IRegressor? OutcomeLearner { get; init; }

    /// <summary>
    /// Propensity model e(x) = P(T = 1 | covariates); null (default) uses a probability forest's out-of-bag predictions. A
    /// learner given here is cross-fitted like <see cref="OutcomeLearner"/>.
    /// </summary>
    public IClassifier? PropensityLearner { get; init; }

    /// <summary>Threads used (default −1: all cores). Results never depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (CiGroupSize < 2)
        {
            throw new ArgumentException($"CiGroupSize {CiGroupSize} must be at least 2 (the little-bags variance needs two trees per bag).", nameof(CiGroupSize));
        }

        if (Trees < CiGroupSize || Trees % CiGroupSize != 0)
        {
            throw new ArgumentException($"Trees {Trees} must be a positive multiple of CiGroupSize {CiGroupSize}.", nameof(Trees));
        }

        if (!(SampleFraction > 0 && SampleFraction <= 0.5))
        {
            throw new ArgumentException($"SampleFraction {SampleFraction} must lie in (0, 0.5] (each little bag draws from a half-sample).", nameof(SampleFraction));
        }

        if (!(HonestyFraction > 0 && HonestyFraction < 1))
        {
            throw new ArgumentException($"HonestyFraction {HonestyFraction} must lie in (0, 1).", nameof(HonestyFraction));
        }

        if (Mtry is < 1)
        {
            throw new ArgumentException($"Mtry {Mtry} must be at least 1 (or null for GRF's default).", nameof(Mtry));
        }

        if (MinNodeSize < 1)
        {
            throw new ArgumentException($"MinNodeSize {MinNodeSize} must be at least 1.", nameof(MinNodeSize));
        }

        if (!(Alpha >= 0 && Alpha <= 0.25))
        {
            throw new ArgumentException($"Alpha {Alpha} must lie in [0, 0.25].", nameof(Alpha));
        }

        if (MaxDepth < 0)
        {
            throw new ArgumentException($"MaxDepth {MaxDepth} must be >= 0 (0 = unlimited).", nameof(MaxDepth));
        }

        if (MaxBins is < 2 or > 256)
        {
            throw new ArgumentException($"MaxBins {MaxBins} must lie in [2, 256].", nameof(MaxBins));
        }

        if (NuisanceTrees < 1)
        {
            throw new ArgumentException($"NuisanceTrees {NuisanceTrees} must be at least 1.", nameof(NuisanceTrees));
        }

        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism {MaxDegreeOfParallelism} must be -1 (all cores) or positive.", nameof(MaxDegreeOfParallelism));
        }

        if (EffectModifiers is { } names && (names.Count == 0 || names.Distinct(StringComparer.Ordinal).Count() != names.Count))
        {
            throw new ArgumentException("EffectModifiers must be null (all covariates) or a non-empty list of distinct covariate names.", nameof(EffectModifiers));
        }
    }
}
