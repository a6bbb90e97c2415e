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

        UnitDataChecks.CheckLengths(n, treatment.Length, nameof(treatment), covariates, groups, weights);

        covariateNames = UnitDataChecks.CovariateNames(covariateNames, covariates);

        double wsum = 0;
        for (int i = 0; i < n; i++)
        {
            UnitDataChecks.CheckOutcome(outcome[i], i);

            if (!double.IsFinite(treatment[i]))
            {
                throw new ArgumentException($"Treatment is {treatment[i]} at row {i}; doses must be finite.", nameof(treatment));
            }

            double w = UnitDataChecks.Weight(weights, i);

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

        UnitDataChecks.CheckFiniteCovariates(covariates, covariateNames);

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
