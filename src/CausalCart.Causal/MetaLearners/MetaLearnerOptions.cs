using CausalCart.Causal.Dml;

namespace CausalCart.Causal.MetaLearners;

/// <summary>Options of <see cref="MetaLearner"/>. Immutable.</summary>
public sealed record MetaLearnerOptions
{
    /// <summary>Base learners: <see cref="NuisanceLearners.Outcome"/> for μ (S, T, X) and m (R),
    /// <see cref="NuisanceLearners.Propensity"/> for e (X, R), <see cref="NuisanceLearners.Effect"/> for τ (X, R).</summary>
    public NuisanceLearners Learners { get; init; } = NuisanceLearners.Linear;

    /// <summary>Effect modifiers used by the effect models τ of the X- and R-learners (null: all covariates). The outcome
    /// and propensity models always use every covariate.</summary>
    public IReadOnlyList<string>? EffectModifiers { get; init; }

    /// <summary>
    /// Bootstrap replicates B for the ATE interval (default 0: no interval). Each replicate refits the learner with
    /// multinomial resampling weights (units, or whole groups when <see cref="EffectData.Groups"/> is set) — the whole
    /// learner for S, T and X, the final stage on fixed cross-fitted nuisances for R; SE = the standard deviation of
    /// the B ATEs, interval = ATE ± z·SE. At least 20 when set.
    /// </summary>
    public int BootstrapReplicates { get; init; }

    /// <summary>Seed of the bootstrap and of the R-learner's folds.</summary>
    public int Seed { get; init; }

    /// <summary>Cross-fitting folds of the R-learner's nuisances (default 5).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Propensities (X, R) are clipped to [ε, 1 − ε] (default 0.01).</summary>
    public double PropensityClip { get; init; } = 0.01;

    /// <summary>Nominal coverage of the bootstrap interval (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Learners is null)
        {
            throw new ArgumentException("Learners must be set.", nameof(Learners));
        }

        Learners.Validate();
        if (BootstrapReplicates != 0 && BootstrapReplicates < 20)
        {
            throw new ArgumentException($"BootstrapReplicates {BootstrapReplicates} must be 0 (no interval) or at least 20.", nameof(BootstrapReplicates));
        }

        if (Folds < 2)
        {
            throw new ArgumentException($"Folds {Folds} must be at least 2.", nameof(Folds));
        }

        if (!(PropensityClip > 0 && PropensityClip < 0.5))
        {
            throw new ArgumentException($"PropensityClip {PropensityClip} must lie in (0, 0.5): the X- and R-learners divide by e and 1 − e.", nameof(PropensityClip));
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentException($"ConfidenceLevel {ConfidenceLevel} must lie in (0, 1).", nameof(ConfidenceLevel));
        }
    }
}
