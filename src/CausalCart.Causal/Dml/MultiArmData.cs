using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>
/// Input of <see cref="MultiArmAipwEstimator"/>: outcome Y, a treatment arm A ∈ {0, …, K − 1} (K ≥ 2) per unit,
/// covariates (all adjusted for), optional group ids and sample weights. Validated at construction; the arrays are not
/// copied, so callers must not modify them.
/// </summary>
public sealed class MultiArmData
{
    /// <summary>Creates and validates the data.</summary>
    /// <param name="outcome">Y, length n, finite.</param>
    /// <param name="arm">A, length n, each in 0..K−1 where K = <paramref name="armLabels"/> count; every arm needs at least 2 units.</param>
    /// <param name="armLabels">K distinct labels (e.g. "control", "10% off", "free shipping").</param>
    /// <param name="covariates">Shape (n, p), finite.</param>
    /// <param name="covariateNames">p distinct names; null gives x0, x1, …</param>
    /// <param name="groups">Null or length n group ids (grouped folds, cluster-robust SEs).</param>
    /// <param name="weights">Null or length n weights, finite and ≥ 0, positive total in every arm.</param>
    /// <exception cref="ArgumentException">Any violation; the message names the argument, row, arm or value.</exception>
    public MultiArmData(double[] outcome, int[] arm, IReadOnlyList<string> armLabels, Matrix covariates, IReadOnlyList<string>? covariateNames = null, int[]? groups = null, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(armLabels);
        ArgumentNullException.ThrowIfNull(covariates);
        int n = outcome.Length;
        if (n == 0)
        {
            throw new ArgumentException("Outcome is empty: an effect needs units.", nameof(outcome));
        }

        UnitDataChecks.CheckLengths(n, arm.Length, nameof(arm), covariates, groups, weights);

        int k = armLabels.Count;
        if (k < 2 || armLabels.Distinct(StringComparer.Ordinal).Count() != k)
        {
            throw new ArgumentException($"Arm labels must be at least 2 distinct names; got {k}: {string.Join(", ", armLabels)}.", nameof(armLabels));
        }

        covariateNames = UnitDataChecks.CovariateNames(covariateNames, covariates);

        var counts = new long[k];
        var armWeight = new double[k];
        for (int i = 0; i < n; i++)
        {
            UnitDataChecks.CheckOutcome(outcome[i], i);

            if (arm[i] < 0 || arm[i] >= k)
            {
                throw new ArgumentException($"Arm is {arm[i]} at row {i}; it must be an index 0..{k - 1} into the arm labels.", nameof(arm));
            }

            double w = UnitDataChecks.Weight(weights, i);

            counts[arm[i]]++;
            armWeight[arm[i]] += w;
        }

        for (int a = 0; a < k; a++)
        {
            if (counts[a] < 2 || !(armWeight[a] > 0))
            {
                throw new ArgumentException(
                    $"Arm '{armLabels[a]}' has {counts[a]} units (total weight {armWeight[a]}); every arm needs at least 2 units with positive weight.", nameof(arm));
            }
        }

        UnitDataChecks.CheckFiniteCovariates(covariates, covariateNames);

        Outcome = outcome;
        Arm = arm;
        ArmLabels = armLabels;
        Covariates = covariates;
        CovariateNames = covariateNames;
        Groups = groups;
        Weights = weights;
        ArmCounts = counts;
        W = weights ?? Enumerable.Repeat(1.0, n).ToArray();
    }

    /// <summary>Y, length n.</summary>
    public double[] Outcome { get; }

    /// <summary>Arm index per unit, length n.</summary>
    public int[] Arm { get; }

    /// <summary>Arm labels, length K.</summary>
    public IReadOnlyList<string> ArmLabels { get; }

    /// <summary>Covariates, shape (n, p).</summary>
    public Matrix Covariates { get; }

    /// <summary>Covariate names, length p.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>Group ids or null.</summary>
    public int[]? Groups { get; }

    /// <summary>Weights as given, or null.</summary>
    public double[]? Weights { get; }

    /// <summary>Units per arm, length K.</summary>
    public IReadOnlyList<long> ArmCounts { get; }

    /// <summary>Units n.</summary>
    public int Count => Outcome.Length;

    /// <summary>Arms K.</summary>
    public int ArmCount => ArmLabels.Count;

    internal double[] W { get; }
}
