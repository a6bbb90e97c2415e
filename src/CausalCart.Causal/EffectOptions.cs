using CausalCart.Core.Results;

namespace CausalCart.Causal;

/// <summary>
/// Options shared by the estimators. Immutable; estimators never modify them. The propensity model is always an
/// L2-penalised logistic regression on all covariates.
/// </summary>
public sealed record EffectOptions
{
    /// <summary>Estimands to report, in order (default ATE then ATT). Must be non-empty and distinct.</summary>
    public IReadOnlyList<Estimand> Estimands { get; init; } = [Estimand.Ate, Estimand.Att];

    /// <summary>Nominal two-sided coverage of the intervals (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Cross-fitting folds K for AIPW (default 5, at least 2); folds are grouped by <see cref="EffectData.Groups"/>.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of every random step (fold assignment); same data and seed give the same estimates.</summary>
    public int Seed { get; init; }

    /// <summary>Outcome model family (default <see cref="OutcomeModelKind.Auto"/>).</summary>
    public OutcomeModelKind OutcomeModel { get; init; } = OutcomeModelKind.Auto;

    /// <summary>Propensities are clipped to [ε, 1 − ε] before weighting (default ε = 0.01; 0 disables clipping, must be &lt; 0.5).</summary>
    public double PropensityClip { get; init; } = 0.01;

    /// <summary>Penalty of the logistic nuisance models (propensity, binary outcomes), on the mean-loss scale of
    /// <see cref="Learners.LogisticRegressionOptions.L2"/> (default 1e-4).</summary>
    public double LogisticL2 { get; init; } = 1e-4;

    /// <summary>Ridge penalty of linear outcome models (default 1e-8: regularises exact collinearity, otherwise negligible).</summary>
    public double LinearL2 { get; init; } = 1e-8;

    /// <summary>Propensities below this or above 1 − this count as extreme in the overlap diagnostics (default 0.01).</summary>
    public double ExtremeThreshold { get; init; } = 0.01;

    /// <summary>|SMD| above this counts as imbalanced (default 0.1).</summary>
    public double BalanceThreshold { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Estimands is null || Estimands.Count == 0 || Estimands.Distinct().Count() != Estimands.Count)
        {
            throw new ArgumentException("Estimands must be a non-empty list of distinct values (ate, att).", nameof(Estimands));
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentException($"ConfidenceLevel {ConfidenceLevel} must lie in (0, 1), e.g. 0.95.", nameof(ConfidenceLevel));
        }

        if (Folds < 2)
        {
            throw new ArgumentException($"Folds {Folds} must be at least 2.", nameof(Folds));
        }

        if (!(PropensityClip >= 0 && PropensityClip < 0.5))
        {
            throw new ArgumentException($"PropensityClip {PropensityClip} must lie in [0, 0.5).", nameof(PropensityClip));
        }

        if (!(LogisticL2 >= 0) || !(LinearL2 >= 0) || double.IsInfinity(LogisticL2) || double.IsInfinity(LinearL2))
        {
            throw new ArgumentException("LogisticL2 and LinearL2 must be finite and >= 0.", nameof(LogisticL2));
        }

        if (!(ExtremeThreshold > 0 && ExtremeThreshold < 0.5) || !(BalanceThreshold > 0))
        {
            throw new ArgumentException("ExtremeThreshold must lie in (0, 0.5) and BalanceThreshold be positive.", nameof(ExtremeThreshold));
        }
    }
}
