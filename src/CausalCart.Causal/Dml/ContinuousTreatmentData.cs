using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>
/// Input of <see cref="ContinuousDml"/>: outcome Y, a continuous treatment (dose) T, covariates (all adjusted for),
/// optional group ids and weights. Validated at construction; the arrays are not copied.
/// </summary>
public sealed class ContinuousTreatmentData
{
    /// <summary>Creates and validates the data.</summary>
    /// <param name="outcome">Y, length n ≥ 10, finite.</param>
    /// <param name="treatment">T, length n, finite, not constant.</param>
    /// <param name="covariates">Shape (n, p), finite.</param>
    /// <param name="covariateNames">p distinct names; null gives x0, x1, …</param>
    /// <param name="groups">Null or length n group ids.</param>
    /// <param name="weights">Null or length n weights, finite, ≥ 0, positive sum.</param>
    /// <exception cref="ArgumentException">Any violation; the message names the argument, row and value.</exception>
    public ContinuousTreatmentData(double[] outcome, double[] treatment, Matrix covariates, IReadOnlyList<string>? covariateNames = null, int[]? groups = null, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(covariates);
        int n = outcome.Length;
        if (n < 10)
        {
            throw new ArgumentException($"{n} units: a continuous-treatment effect needs at least 10.", nameof(outcome));
        }

        if (treatment.Length != n || covariates.Rows != n)
        {
            throw new ArgumentException($"Lengths differ: outcome {n}, treatment {treatment.Length}, covariate rows {covariates.Rows}.", nameof(treatment));
        }

        if (groups is not null && groups.Length != n)
        {
            throw new ArgumentException($"Groups have {groups.Length} values for {n} units.", nameof(groups));
        }

        if (weights is not null && weights.Length != n)
        {
            throw new ArgumentException($"Weights have {weights.Length} values for {n} units.", nameof(weights));
        }

        covariateNames ??= Enumerable.Range(0, covariates.Cols).Select(j => $"x{j}").ToArray();
        if (covariateNames.Count != covariates.Cols || covariateNames.Distinct(StringComparer.Ordinal).Count() != covariates.Cols)
        {
            throw new ArgumentException($"Covariate names must be {covariates.Cols} distinct names; got {covariateNames.Count}.", nameof(covariateNames));
        }

        double wsum = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(outcome[i]))
            {
                throw new ArgumentException($"Outcome is {outcome[i]} at row {i}; outcomes must be finite.", nameof(outcome));
            }

            if (!double.IsFinite(treatment[i]))
            {
                throw new ArgumentException($"Treatment is {treatment[i]} at row {i}; doses must be finite.", nameof(treatment));
            }

            double w = weights?[i] ?? 1;
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException($"Weight is {w} at row {i}; weights must be finite and >= 0.", nameof(weights));
            }

            wsum += w;
        }

        if (!(wsum > 0))
        {
            throw new ArgumentException("Weights sum to 0.", nameof(weights));
        }

        if (treatment.All(v => v == treatment[0]))
        {
            throw new ArgumentException($"Treatment is constant ({treatment[0]}) for every unit; a dose effect needs variation.", nameof(treatment));
        }

        ReadOnlySpan<double> cells = covariates.Data;
        for (int c = 0; c < cells.Length; c++)
        {
            if (!double.IsFinite(cells[c]))
            {
                throw new ArgumentException(
                    $"Covariate '{covariateNames[c % covariates.Cols]}' is {cells[c]} at row {c / covariates.Cols}; covariates must be finite.", nameof(covariates));
            }
        }

        Outcome = outcome;
        Treatment = treatment;
        Covariates = covariates;
        CovariateNames = covariateNames;
        Groups = groups;
        Weights = weights;
        W = weights ?? Enumerable.Repeat(1.0, n).ToArray();
    }

    /// <summary>Y, length n.</summary>
    public double[] Outcome { get; }

    /// <summary>T (dose), length n.</summary>
    public double[] Treatment { get; }

    /// <summary>Covariates, shape (n, p).</summary>
    public Matrix Covariates { get; }

    /// <summary>Covariate names, length p.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>Group ids or null.</summary>
    public int[]? Groups { get; }

    /// <summary>Weights as given, or null.</summary>
    public double[]? Weights { get; }

    /// <summary>Units n.</summary>
    public int Count => Outcome.Length;

    internal double[] W { get; }
}
