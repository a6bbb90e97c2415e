using CausalCart.Simulation;

namespace CausalCart.Pipeline.Validation;

/// <summary>Settings of <see cref="MediationStudyService"/>: ShopSim worlds with the saved-cart mediator.</summary>
public sealed record MediationStudyOptions
{
    /// <summary>Simulated worlds; world i (0-based) uses seed <see cref="Seed"/> + i. Default 30; at least 1.</summary>
    public int Worlds { get; init; } = 30;

    /// <summary>ShopSim users per world. Default 20,000; at least 500.</summary>
    public int Users { get; init; } = 20_000;

    /// <summary>Seed of world 0; the analysis of world i (cross-fitting folds) is seeded with the world's own seed. Default 1; at least 0.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The mediator's parameters. Default: <see cref="MediatorOptions"/>' defaults.</summary>
    public MediatorOptions Mediator { get; init; } = new();

    /// <summary>The coupon policy of every world. Default: <see cref="TargetingOptions"/>' defaults (linear, clipped to [0.03, 0.97]).</summary>
    public TargetingOptions Targeting { get; init; } = new();

    /// <summary>
    /// Overlap trimming ε: when set, only users whose fitted propensity P(T = 1 | x) (a logistic regression on the
    /// mediation covariates, fitted on the whole world) lies in [ε, 1 − ε] are analysed, and the truths are recomputed
    /// exactly over those users from their potential outcomes (Crump et al. 2009). Null (default): no trimming.
    /// </summary>
    public double? TrimPropensity { get; init; }

    /// <summary>Cross-fitting folds of <see cref="Causal.Mediation.MediationAnalysis"/>. Default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Whether to run PC and GES with and without temporal tiers on each world's table. Default true.</summary>
    public bool Discovery { get; init; } = true;

    /// <summary>Worker threads of each world's simulation; −1 (default) for all processors. Does not change the result.</summary>
    public int SimulationThreads { get; init; } = -1;

    /// <summary>Folder under which each world's files live while it is analysed (deleted after each world); null uses a fresh temp folder.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Worlds < 1)
        {
            throw new ArgumentException($"Worlds must be at least 1 (got {Worlds}).", nameof(Worlds));
        }

        if (Users < 500)
        {
            throw new ArgumentException($"Users must be at least 500 so that every cell of (T, M) has units (got {Users}).", nameof(Users));
        }

        if (Seed < 0 || (long)Seed + Worlds - 1 > int.MaxValue)
        {
            throw new ArgumentException($"Seed must be at least 0 and Seed + Worlds − 1 at most {int.MaxValue} (got seed {Seed}, {Worlds} worlds).", nameof(Seed));
        }

        if (Mediator is null)
        {
            throw new ArgumentException("Mediator must not be null.", nameof(Mediator));
        }

        if (Targeting is null)
        {
            throw new ArgumentException("Targeting must not be null.", nameof(Targeting));
        }

        if (TrimPropensity is { } trim && !(trim > 0 && trim < 0.5))
        {
            throw new ArgumentException($"TrimPropensity must lie in (0, 0.5) when set (got {trim}).", nameof(TrimPropensity));
        }

        if (Folds < 2)
        {
            throw new ArgumentException($"Folds must be at least 2 (got {Folds}).", nameof(Folds));
        }

        if (SimulationThreads is 0 or < -1)
        {
            throw new ArgumentException($"SimulationThreads must be -1 or positive (got {SimulationThreads}).", nameof(SimulationThreads));
        }
    }
}
