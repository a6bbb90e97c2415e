namespace CausalCart.Core.Results;

/// <summary>
/// Propensity-score overlap between arms: the distributions, the extreme share and the effective sample
/// sizes of the weights. <see cref="Verdict"/> says whether causal estimates can be trusted at all.
/// </summary>
/// <param name="BinEdges">Histogram bin edges on [0, 1] (length = bins + 1).</param>
/// <param name="TreatedCounts">Treated units per bin.</param>
/// <param name="ControlCounts">Control units per bin.</param>
/// <param name="MinTreated">Smallest propensity among treated.</param>
/// <param name="MaxTreated">Largest propensity among treated.</param>
/// <param name="MinControl">Smallest propensity among controls.</param>
/// <param name="MaxControl">Largest propensity among controls.</param>
/// <param name="ExtremeThreshold">A propensity below this or above 1 − this is "extreme".</param>
/// <param name="ExtremeShare">Share of all units with an extreme propensity.</param>
/// <param name="EffectiveSampleSizeTreated">Kish ESS of the inverse-propensity weights among treated.</param>
/// <param name="EffectiveSampleSizeControl">Kish ESS of the weights among controls.</param>
/// <param name="Verdict">Overall judgement.</param>
/// <param name="Message">One sentence for a merchant.</param>
public sealed record OverlapDiagnostics(
    IReadOnlyList<double> BinEdges,
    IReadOnlyList<long> TreatedCounts,
    IReadOnlyList<long> ControlCounts,
    double MinTreated,
    double MaxTreated,
    double MinControl,
    double MaxControl,
    double ExtremeThreshold,
    double ExtremeShare,
    double EffectiveSampleSizeTreated,
    double EffectiveSampleSizeControl,
    OverlapVerdict Verdict,
    string Message);

/// <summary>Judgement on propensity overlap.</summary>
public enum OverlapVerdict
{
    /// <summary>Arms overlap well; weighting estimators are stable.</summary>
    Good,

    /// <summary>Some units have extreme propensities; estimates lean on few units and are reported with a warning.</summary>
    Weak,

    /// <summary>Overlap is too poor to estimate an effect; the analysis is refused (exit code 4).</summary>
    Insufficient,
}
