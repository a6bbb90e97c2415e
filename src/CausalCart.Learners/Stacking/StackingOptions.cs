using System.Collections.Immutable;
using CausalCart.Learners.Boosting;
using CausalCart.Learners.Forests;
using CausalCart.Learners.Linear;
using CausalCart.Numerics;

namespace CausalCart.Learners.Stacking;

/// <summary>Options of <see cref="StackedRegressor"/>. Immutable.</summary>
public sealed record StackingOptions
{
    /// <summary>The candidate learners (at least one; names unique).</summary>
    public ImmutableArray<StackingCandidate> Candidates { get; init; } = [];

    /// <summary>Folds K ≥ 2 of the cross-validation that produces the out-of-fold predictions (default 5).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the fold assignment (<see cref="GroupedKFold"/> over the rows of positive weight).</summary>
    public int Seed { get; init; }

    /// <summary>How the candidates are combined (default <see cref="StackingCombination.NonNegativeLeastSquares"/>).</summary>
    public StackingCombination Combination { get; init; } = StackingCombination.NonNegativeLeastSquares;

    /// <summary>
    /// The project's default candidate set, chosen once for tabular data of a few hundred to a few hundred thousand rows
    /// (rationale: <c>docs/decisions/0008-stacked-learner.md</c>): <c>ridge</c> (λ = 1e-3), <c>quadratic-ridge-0.1</c> and
    /// <c>quadratic-ridge-1</c> (<see cref="QuadraticRidge"/>, λ = 0.1 and 1), <c>gbdt-depth2</c>, <c>gbdt-depth4</c>,
    /// <c>gbdt-depth6</c> (up to 500 trees, learning rate 0.05, L2 1, minimum child weight 5, early stopping after 20 rounds
    /// on a 10% validation split — the spine's <c>nuisance: gbdt</c> at three depths) and <c>forest</c> (300 trees on half
    /// samples without replacement, ⌊√p⌋ features per node, minimum node size 10, minimum leaf 5); 5 folds, NNLS.
    /// Every stochastic candidate draws from a stream derived from <paramref name="seed"/>.
    /// </summary>
    /// <param name="seed">Seed of the folds and of every candidate.</param>
    public static StackingOptions Default(int seed)
    {
        int Stream(ulong s) => unchecked((int)SeededRandom.DeriveSeed(unchecked((ulong)seed), s));
        GradientBoostingOptions Boosted(int depth, ulong stream) => new()
        {
            Trees = 500,
            LearningRate = 0.05,
            MaxDepth = depth,
            L2 = 1.0,
            MinChildWeight = 5,
            EarlyStoppingRounds = 20,
            ValidationFraction = 0.1,
            Seed = Stream(stream),
        };

        return new StackingOptions
        {
            Seed = seed,
            Candidates =
            [
                new("ridge", new LinearRegression(new LinearRegressionOptions(1e-3))),
                new("quadratic-ridge-0.1", new QuadraticRidge(new QuadraticRidgeOptions(0.1))),
                new("quadratic-ridge-1", new QuadraticRidge(new QuadraticRidgeOptions(1.0))),
                new("gbdt-depth2", new GradientBoostedTreesRegressor(Boosted(2, 1))),
                new("gbdt-depth4", new GradientBoostedTreesRegressor(Boosted(4, 2))),
                new("gbdt-depth6", new GradientBoostedTreesRegressor(Boosted(6, 3))),
                new("forest", new RandomForestRegressor(new RandomForestOptions
                {
                    Trees = 300, Replace = false, SampleFraction = 0.5, MinNodeSize = 10, MinLeafSize = 5, Seed = Stream(4),
                })),
            ],
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Candidates.IsDefaultOrEmpty)
        {
            throw new ArgumentException("Candidates must hold at least one learner (StackingOptions.Default(seed) gives the project's set).", nameof(Candidates));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < Candidates.Length; c++)
        {
            StackingCandidate? candidate = Candidates[c];
            if (candidate is null || candidate.Learner is null || string.IsNullOrWhiteSpace(candidate.Name))
            {
                throw new ArgumentException($"Candidate {c} needs a non-empty name and a learner.", nameof(Candidates));
            }

            if (!names.Add(candidate.Name))
            {
                throw new ArgumentException($"Candidate name '{candidate.Name}' appears twice; names must be unique.", nameof(Candidates));
            }
        }

        if (Folds < 2)
        {
            throw new ArgumentException($"Folds {Folds} must be at least 2.", nameof(Folds));
        }

        if (!Enum.IsDefined(Combination))
        {
            throw new ArgumentException($"Combination {(int)Combination} is not defined; valid: {string.Join(", ", Enum.GetNames<StackingCombination>())}.", nameof(Combination));
        }
    }
}
