using CausalCart.Learners;

namespace CausalCart.Causal.Dml;

/// <summary>
/// Factories for the nuisance models of the double-ML family, meta-learners and heterogeneity analysis. Every model
/// is created by calling a factory, so any <see cref="IRegressor"/> / <see cref="IClassifier"/> (linear, logistic,
/// gradient-boosted trees, forests, a test-only k-NN) plugs in without code changes. Immutable.
/// </summary>
/// <remarks>
/// Defaults: outcome and continuous-treatment models are <see cref="LinearRegression"/> with ridge λ = 1e-8 (the
/// same as <see cref="EffectOptions.LinearL2"/>); the propensity is an L2-penalised <see cref="LogisticRegression"/>
/// with λ = 1e-4; the effect (final-stage) model of the DR-, X- and R-learners is <see cref="LinearRegression"/>. A
/// binary outcome is modelled by the outcome regressor as a linear probability unless a different regressor is given.
/// Factories are called once per model fitted and must return learners whose <c>Fit</c> is deterministic.
/// </remarks>
public sealed record NuisanceLearners
{
    /// <summary>Learner of outcome regressions E[Y | X] and E[Y | T = t, X].</summary>
    public Func<IRegressor> Outcome { get; init; } = static () => new LinearRegression(new LinearRegressionOptions(1e-8));

    /// <summary>Learner of the propensity P(T = 1 | X) (binary treatments, and each one-vs-rest arm of a multi-valued one).</summary>
    public Func<IClassifier> Propensity { get; init; } = static () => new LogisticRegression(new LogisticRegressionOptions(1e-4));

    /// <summary>Learner of E[T | X] for a continuous treatment.</summary>
    public Func<IRegressor> Treatment { get; init; } = static () => new LinearRegression(new LinearRegressionOptions(1e-8));

    /// <summary>Learner of the effect function τ(X) in the DR-, X- and R-learners (the final stage).</summary>
    public Func<IRegressor> Effect { get; init; } = static () => new LinearRegression(new LinearRegressionOptions(1e-8));

    /// <summary>The defaults: linear outcome, treatment and effect models, logistic propensity.</summary>
    public static NuisanceLearners Linear { get; } = new();

    /// <summary>The defaults for a 0/1 outcome: as <see cref="Linear"/>, but the outcome model is the propensity's
    /// L2-penalised logistic regression (λ = 1e-4) used as a regressor of P(Y = 1 | X) through
    /// <see cref="Learners.Adapters.ProbabilityRegressor"/>, so outcome predictions stay in [0, 1] as in regression
    /// adjustment and AIPW. Every outcome model it fits must see a 0/1 target.</summary>
    public static NuisanceLearners LogisticOutcome { get; } = new()
    {
        Outcome = static () => new Learners.Adapters.ProbabilityRegressor(new LogisticRegression(new LogisticRegressionOptions(1e-4))),
    };

    /// <summary>The defaults for an outcome: <see cref="LogisticOutcome"/> when it is 0/1, else <see cref="Linear"/>.</summary>
    /// <param name="binaryOutcome">Whether the outcome takes only the values 0 and 1.</param>
    public static NuisanceLearners DefaultFor(bool binaryOutcome) => binaryOutcome ? LogisticOutcome : Linear;

    /// <summary>Throws <see cref="ArgumentException"/> naming a null factory.</summary>
    public void Validate()
    {
        if (Outcome is null || Propensity is null || Treatment is null || Effect is null)
        {
            throw new ArgumentException("NuisanceLearners: Outcome, Propensity, Treatment and Effect factories must all be set.", nameof(NuisanceLearners));
        }
    }
}
