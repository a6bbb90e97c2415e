using CausalCart.Numerics;

namespace CausalCart.Causal.Iv;

/// <summary>
/// Input of the double-ML instrumental-variable estimators (<see cref="PartiallyLinearIv"/>, <see cref="DrLate"/>):
/// outcome Y, treatment received D, one excluded instrument Z, covariates X (Controls: all adjusted for in every
/// nuisance model), optional group ids and sample weights. Validated at construction; the arrays are not copied.
/// </summary>
/// <remarks>D and Z may be binary or continuous here; <see cref="DrLate"/> additionally requires both to be 0/1.</remarks>
public sealed class IvData
{
    /// <summary>Creates and validates the data.</summary>
    /// <param name="outcome">Y, length n ≥ 10, finite.</param>
    /// <param name="treatment">D (treatment received), length n, finite, not constant.</param>
    /// <param name="instrument">Z, length n, finite, not constant.</param>
    /// <param name="covariates">Shape (n, p), finite, p ≥ 1.</param>
    /// <param name="covariateNames">p distinct names; null gives x0, x1, …</param>
    /// <param name="groups">Null or length n group ids (folds keep a group together; variances are cluster-robust).</param>
    /// <param name="weights">Null or length n weights, finite, ≥ 0, positive sum.</param>
    /// <exception cref="ArgumentException">Any violation; the message names the argument, row and value.</exception>
    public IvData(
        double[] outcome, double[] treatment, double[] instrument, Matrix covariates,
        IReadOnlyList<string>? covariateNames = null, int[]? groups = null, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(covariates);
        int n = outcome.Length;
        if (n < 10)
        {
            throw new ArgumentException($"{n} units: an instrumental-variable effect needs at least 10.", nameof(outcome));
        }

        if (instrument.Length != n)
        {
            throw new ArgumentException($"Lengths differ: outcome {n}, instrument {instrument.Length}.", nameof(instrument));
        }

        UnitDataChecks.CheckLengths(n, treatment.Length, nameof(treatment), covariates, groups, weights);
        if (covariates.Cols == 0)
        {
            throw new ArgumentException(
                "No covariates: the double-ML IV estimators adjust for covariates; without any use WaldLate (binary Z and D) or TwoStageLeastSquares.",
                nameof(covariates));
        }

        covariateNames = UnitDataChecks.CovariateNames(covariateNames, covariates);
        double wsum = 0;
        for (int i = 0; i < n; i++)
        {
            UnitDataChecks.CheckOutcome(outcome[i], i);
            if (!double.IsFinite(treatment[i]))
            {
                throw new ArgumentException($"Treatment is {treatment[i]} at row {i}; it must be finite.", nameof(treatment));
            }

            if (!double.IsFinite(instrument[i]))
            {
                throw new ArgumentException($"Instrument is {instrument[i]} at row {i}; it must be finite.", nameof(instrument));
            }

            wsum += UnitDataChecks.Weight(weights, i);
        }

        if (!(wsum > 0))
        {
            throw new ArgumentException("Weights sum to 0.", nameof(weights));
        }

        if (treatment.All(v => v == treatment[0]))
        {
            throw new ArgumentException($"Treatment is constant ({treatment[0]}) for every unit; an effect needs variation.", nameof(treatment));
        }

        if (instrument.All(v => v == instrument[0]))
        {
            throw new ArgumentException($"Instrument is constant ({instrument[0]}) for every unit; it cannot move the treatment.", nameof(instrument));
        }

        UnitDataChecks.CheckFiniteCovariates(covariates, covariateNames);
        Outcome = outcome;
        Treatment = treatment;
        Instrument = instrument;
        Covariates = covariates;
        CovariateNames = covariateNames;
        Groups = groups;
        Weights = weights;
        W = weights ?? Enumerable.Repeat(1.0, n).ToArray();
        TreatmentIsBinary = treatment.All(v => v is 0 or 1);
        InstrumentIsBinary = instrument.All(v => v is 0 or 1);
    }

    /// <summary>Y, length n.</summary>
    public double[] Outcome { get; }

    /// <summary>D (treatment received), length n.</summary>
    public double[] Treatment { get; }

    /// <summary>Z (instrument), length n.</summary>
    public double[] Instrument { get; }

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

    /// <summary>Whether every treatment value is 0 or 1.</summary>
    public bool TreatmentIsBinary { get; }

    /// <summary>Whether every instrument value is 0 or 1.</summary>
    public bool InstrumentIsBinary { get; }

    internal double[] W { get; }
}
