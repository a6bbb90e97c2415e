using CausalCart.Causal.Dml;

namespace CausalCart.Causal.Iv;

/// <summary>Result of <see cref="DrLate.Estimate"/>: the local average treatment effect among compliers.</summary>
/// <param name="Late">LATE = E[Y(1) − Y(0) | complier] with its delta-method influence-function standard error,
/// interval and p-value (term "LATE").</param>
/// <param name="ComplierShare">P(complier) = E[D(1) − D(0)] under monotonicity: the doubly robust first stage (the
/// denominator of the LATE), with its standard error (term "complier share").</param>
/// <param name="IntentToTreat">E[Y(Z=1) − Y(Z=0)]: the doubly robust reduced form (the numerator), with its standard
/// error (term "intention to treat").</param>
/// <param name="FirstStageF">(complier share / SE)²: a one-instrument robust first-stage F.</param>
/// <param name="IsWeak">Whether <paramref name="FirstStageF"/> is below 10 (Staiger–Stock rule of thumb, not a test).</param>
/// <param name="Count">Units n.</param>
/// <param name="Repetitions">Cross-fitting splits S aggregated by the median.</param>
/// <param name="SplitMin">Smallest LATE over the splits.</param>
/// <param name="SplitMax">Largest LATE over the splits.</param>
/// <param name="ClippedShare">Largest share, over the splits, of units whose instrument propensity P(Z=1 | X) was
/// clipped to [ε, 1 − ε].</param>
/// <param name="NoAlwaysTakers">No unit with Z = 0 took the treatment: E[D | Z=0, X] is set to 0 (one-sided
/// non-compliance).</param>
/// <param name="NoNeverTakers">Every unit with Z = 1 took the treatment: E[D | Z=1, X] is set to 1.</param>
/// <param name="Warnings">Plain-language warnings (weak instrument, clipping).</param>
public sealed record DrLateResult(
    CoefficientEstimate Late,
    CoefficientEstimate ComplierShare,
    CoefficientEstimate IntentToTreat,
    double FirstStageF,
    bool IsWeak,
    int Count,
    int Repetitions,
    double SplitMin,
    double SplitMax,
    double ClippedShare,
    bool NoAlwaysTakers,
    bool NoNeverTakers,
    IReadOnlyList<string> Warnings);
