namespace CausalCart.Causal.Dml;

/// <summary>What <see cref="MultiArmAipwEstimator"/> produced. Immutable.</summary>
/// <param name="ArmLabels">Labels, length K.</param>
/// <param name="Reference">Index of the reference arm.</param>
/// <param name="ArmMeans">Doubly robust mean potential outcome E[Y(a)] per arm, length K (as coefficients, term = label).</param>
/// <param name="Effects">One contrast per non-reference arm, in arm order.</param>
/// <param name="Covariance">Joint covariance of the contrasts, row-major ((K − 1) × (K − 1)), in the order of
/// <paramref name="Effects"/>: use it to compare two arms or test all contrasts at once.</param>
/// <param name="ConfidenceLevel">Nominal coverage.</param>
/// <param name="ClippedShare">Share of (unit, arm) propensities raised to the clip floor.</param>
/// <param name="Warnings">Sentences to read before trusting the numbers.</param>
public sealed record MultiArmResult(
    IReadOnlyList<string> ArmLabels,
    int Reference,
    IReadOnlyList<CoefficientEstimate> ArmMeans,
    IReadOnlyList<ArmEffect> Effects,
    IReadOnlyList<double> Covariance,
    double ConfidenceLevel,
    double ClippedShare,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Estimate and SE of E[Y(a)] − E[Y(b)] for any two non-reference arms (or one of them the reference),
    /// from the joint covariance.</summary>
    /// <exception cref="ArgumentException">An index outside 0..K−1.</exception>
    public (double Estimate, double StdError) Contrast(int a, int b)
    {
        int k = ArmLabels.Count;
        if (a < 0 || a >= k || b < 0 || b >= k)
        {
            throw new ArgumentException($"Arm indices must lie in 0..{k - 1}; got {a} and {b}.", nameof(a));
        }

        int Pos(int arm) => arm < Reference ? arm : arm - 1; // position of a non-reference arm among the contrasts
        double Eff(int arm) => arm == Reference ? 0 : Effects[Pos(arm)].Estimate;
        double Cov(int x, int y) => x == Reference || y == Reference ? 0 : Covariance[(Pos(x) * (k - 1)) + Pos(y)];
        double v = Cov(a, a) + Cov(b, b) - (2 * Cov(a, b));
        return (Eff(a) - Eff(b), Math.Sqrt(Math.Max(v, 0)));
    }
}
