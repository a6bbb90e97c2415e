using CausalCart.Numerics;

namespace CausalCart.Causal;

/// <summary>
/// The argument checks every per-unit effect input shares (<see cref="EffectData"/>, <see cref="Dml.MultiArmData"/>,
/// <see cref="Dml.ContinuousTreatmentData"/>): lengths, covariate names, finite outcomes, covariates and weights.
/// Each throws an <see cref="ArgumentException"/> that names the argument, row and value.
/// </summary>
internal static class UnitDataChecks
{
    /// <summary>Checks that the treatment (named <paramref name="treatmentName"/>), covariates, groups and weights all have n rows.</summary>
    public static void CheckLengths(int n, int treatmentLength, string treatmentName, Matrix covariates, int[]? groups, double[]? weights)
    {
        if (treatmentLength != n || covariates.Rows != n)
        {
            throw new ArgumentException($"Lengths differ: outcome {n}, {treatmentName} {treatmentLength}, covariate rows {covariates.Rows}.", treatmentName);
        }

        if (groups is not null && groups.Length != n)
        {
            throw new ArgumentException($"Groups have {groups.Length} values for {n} units.", nameof(groups));
        }

        if (weights is not null && weights.Length != n)
        {
            throw new ArgumentException($"Weights have {weights.Length} values for {n} units.", nameof(weights));
        }
    }

    /// <summary>The covariate names (x0, x1, … when null), checked to be one distinct name per column.</summary>
    public static IReadOnlyList<string> CovariateNames(IReadOnlyList<string>? covariateNames, Matrix covariates)
    {
        covariateNames ??= Enumerable.Range(0, covariates.Cols).Select(j => $"x{j}").ToArray();
        if (covariateNames.Count != covariates.Cols)
        {
            throw new ArgumentException($"{covariateNames.Count} covariate names for {covariates.Cols} columns.", nameof(covariateNames));
        }

        if (covariateNames.Distinct(StringComparer.Ordinal).Count() != covariateNames.Count)
        {
            throw new ArgumentException("Covariate names must be distinct.", nameof(covariateNames));
        }

        return covariateNames;
    }

    /// <summary>Checks one outcome value.</summary>
    public static void CheckOutcome(double y, int row)
    {
        if (!double.IsFinite(y))
        {
            throw new ArgumentException($"Outcome is {y} at row {row}; outcomes must be finite.", "outcome");
        }
    }

    /// <summary>The weight of a row (1 without weights), checked to be finite and non-negative.</summary>
    public static double Weight(double[]? weights, int row)
    {
        double w = weights?[row] ?? 1;
        if (!double.IsFinite(w) || w < 0)
        {
            throw new ArgumentException($"Weight is {w} at row {row}; weights must be finite and >= 0.", nameof(weights));
        }

        return w;
    }

    /// <summary>Checks every covariate cell is finite.</summary>
    public static void CheckFiniteCovariates(Matrix covariates, IReadOnlyList<string> covariateNames)
    {
        ReadOnlySpan<double> cells = covariates.Data;
        for (int c = 0; c < cells.Length; c++)
        {
            if (!double.IsFinite(cells[c]))
            {
                throw new ArgumentException(
                    $"Covariate '{covariateNames[c % covariates.Cols]}' is {cells[c]} at row {c / covariates.Cols}; covariates must be finite.", "covariates");
            }
        }
    }
}
