using CausalCart.Core.Results;
using CausalCart.Features.Study;
using CausalCart.Simulation;

namespace CausalCart.Pipeline.Validation;

/// <summary>Settings of a coverage study (<c>causalcart validate coverage</c>).</summary>
public sealed record CoverageStudyOptions
{
    /// <summary>Simulated worlds; world i (0-based) uses seed <see cref="Seed"/> + i. Default 200; at least 1.</summary>
    public int Worlds { get; init; } = 200;

    /// <summary>ShopSim users per world. Default 3,000; at least 100.</summary>
    public int Users { get; init; } = 3_000;

    /// <summary>Seed of world 0; the analysis of world i is seeded with the world's own seed. Default 1; at least 0.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Worlds analysed at once. Default 1. Each world is computed from its own seed only, so the result does
    /// not depend on this (a test checks it); above 1 each simulator runs single-threaded.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>The worlds' coupon policy (<c>--targeting</c>). Default <see cref="TargetingShape.Linear"/>, the demo's world.</summary>
    public TargetingShape Targeting { get; init; } = TargetingShape.Linear;

    /// <summary>The worlds' untreated buying after T0 (<c>--baseline</c>). Default <see cref="BaselineShape.Linear"/>, the demo's world.</summary>
    public BaselineShape Baseline { get; init; } = BaselineShape.Linear;

    /// <summary>
    /// The study's <c>nuisance:</c> learners (<c>--nuisance</c>). Default <see cref="NuisanceLearner.Logistic"/>, the demo's
    /// study. With <see cref="NuisanceLearner.Gbdt"/> or <see cref="NuisanceLearner.Forest"/> only AIPW's models change;
    /// regression and IPW stay GLMs.
    /// </summary>
    public NuisanceLearner Nuisance { get; init; } = NuisanceLearner.Logistic;

    /// <summary>The methods the demo study runs when <see cref="Methods"/> is null: naive, regression, IPW, AIPW.</summary>
    public static IReadOnlyList<EffectMethod> DefaultMethods { get; } = [EffectMethod.Naive, EffectMethod.Regression, EffectMethod.Ipw, EffectMethod.Aipw];

    /// <summary>
    /// The study's <c>estimators:</c> (<c>--methods</c>), distinct; null runs <see cref="DefaultMethods"/>. Every method
    /// reports its own interval (analytic, or 100 bootstrap refits for the S-, T-, X- and R-learners).
    /// </summary>
    public IReadOnlyList<EffectMethod>? Methods { get; init; }

    /// <summary>The methods run: <see cref="Methods"/> or <see cref="DefaultMethods"/>.</summary>
    public IReadOnlyList<EffectMethod> ResolvedMethods => Methods ?? DefaultMethods;

    /// <summary>
    /// Folder under which each world's files and store live while it is analysed (deleted after each world);
    /// null uses a fresh folder under the system temp folder.
    /// </summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Worlds < 1)
        {
            throw new ArgumentException($"Worlds must be at least 1 (got {Worlds}).", nameof(Worlds));
        }

        if (Users < 100)
        {
            throw new ArgumentException($"Users must be at least 100 so that both arms have units (got {Users}).", nameof(Users));
        }

        if (Seed < 0 || (long)Seed + Worlds - 1 > int.MaxValue)
        {
            throw new ArgumentException($"Seed must be at least 0 and Seed + Worlds − 1 at most {int.MaxValue} (got seed {Seed}, {Worlds} worlds).", nameof(Seed));
        }

        if (!Enum.IsDefined(Targeting))
        {
            throw new ArgumentException($"Targeting must be linear or rules (got {(int)Targeting}).", nameof(Targeting));
        }

        if (!Enum.IsDefined(Baseline))
        {
            throw new ArgumentException($"Baseline must be linear or rules (got {(int)Baseline}).", nameof(Baseline));
        }

        if (!Enum.IsDefined(Nuisance))
        {
            throw new ArgumentException($"Nuisance ({(int)Nuisance}) is not a nuisance learner. Valid learners: logistic, linear, gbdt, forest.", nameof(Nuisance));
        }

        if (Methods is not null)
        {
            if (Methods.Count == 0)
            {
                throw new ArgumentException("Methods must name at least one method (or be left unset for the demo's four).", nameof(Methods));
            }

            foreach (EffectMethod m in Methods.Where(m => !EstimatorNames.IsEstimator(m)))
            {
                throw new ArgumentException($"Methods: ({(int)m}) is not a method. Valid methods: {EstimatorNames.Valid}.", nameof(Methods));
            }

            if (Methods.GroupBy(m => m).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new ArgumentException($"Methods names {EstimatorNames.Name(twice.Key)} more than once.", nameof(Methods));
            }
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism must be at least 1 (got {MaxDegreeOfParallelism}).", nameof(MaxDegreeOfParallelism));
        }
    }
}
