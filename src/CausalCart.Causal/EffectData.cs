using CausalCart.Numerics;

namespace CausalCart.Causal;

/// <summary>
/// The input of every estimator: one row per unit with its outcome Y, binary treatment T and covariates (the
/// adjustment set: controls W and effect modifiers X, both adjusted for), plus optional group ids (e.g. the user,
/// so cross-fitting keeps a user's rows in one fold) and optional sample weights. Validated once at construction;
/// immutable afterwards (the arrays are not copied: callers must not modify them).
/// </summary>
public sealed class EffectData
{
    private readonly double[] _weights; // (n) sample weights, all 1 when none were given

    /// <summary>Creates and validates the data.</summary>
    /// <param name="outcome">Y, length n, finite.</param>
    /// <param name="treatment">T, length n, each exactly 0 or 1; both arms need at least 2 units.</param>
    /// <param name="covariates">Shape (n, p), finite; p may be 0.</param>
    /// <param name="covariateNames">p distinct names; null gives x0, x1, …</param>
    /// <param name="groups">Null, or length n group ids for grouped cross-fitting and subsetting.</param>
    /// <param name="weights">Null, or length n sample weights, finite and ≥ 0 with positive weight in each arm.</param>
    /// <exception cref="ArgumentException">Any violation; the message names the argument, row and value.</exception>
    public EffectData(double[] outcome, double[] treatment, Matrix covariates, IReadOnlyList<string>? covariateNames = null, int[]? groups = null, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(covariates);
        int n = outcome.Length;
        if (n == 0)
        {
            throw new ArgumentException("Outcome is empty: an effect needs units.", nameof(outcome));
        }

        UnitDataChecks.CheckLengths(n, treatment.Length, nameof(treatment), covariates, groups, weights);

        covariateNames = UnitDataChecks.CovariateNames(covariateNames, covariates);

        bool binary = true;
        long n1 = 0;
        double w1 = 0, w0 = 0;
        for (int i = 0; i < n; i++)
        {
            double y = outcome[i];
            if (!double.IsFinite(y))
            {
                throw new ArgumentException($"Outcome is {y} at row {i}; outcomes must be finite.", nameof(outcome));
            }

            binary &= y == 0 || y == 1;
            double t = treatment[i];
            if (t != 0 && t != 1)
            {
                throw new ArgumentException($"Treatment is {t} at row {i}; it must be 0 (control) or 1 (treated).", nameof(treatment));
            }

            double w = UnitDataChecks.Weight(weights, i);

            if (t == 1)
            {
                n1++;
                w1 += w;
            }
            else
            {
                w0 += w;
            }
        }

        if (n1 < 2 || n - n1 < 2)
        {
            throw new ArgumentException($"Each arm needs at least 2 units; there are {n1} treated and {n - n1} control.", nameof(treatment));
        }

        if (!(w1 > 0) || !(w0 > 0))
        {
            throw new ArgumentException("Each arm needs positive total weight.", nameof(weights));
        }

        UnitDataChecks.CheckFiniteCovariates(covariates, covariateNames);

        Outcome = outcome;
        Treatment = treatment;
        Covariates = covariates;
        CovariateNames = covariateNames;
        Groups = groups;
        Weights = weights;
        _weights = weights ?? Enumerable.Repeat(1.0, n).ToArray();
        NTreated = n1;
        OutcomeIsBinary = binary;
    }

    /// <summary>Y, length n.</summary>
    public double[] Outcome { get; }

    /// <summary>T, length n, 0/1.</summary>
    public double[] Treatment { get; }

    /// <summary>Covariates, shape (n, p).</summary>
    public Matrix Covariates { get; }

    /// <summary>Covariate names, length p.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>Group ids (length n) or null.</summary>
    public int[]? Groups { get; }

    /// <summary>Sample weights as given (length n) or null for all 1.</summary>
    public double[]? Weights { get; }

    /// <summary>Units n.</summary>
    public int Count => Outcome.Length;

    /// <summary>Treated units.</summary>
    public long NTreated { get; }

    /// <summary>Control units.</summary>
    public long NControl => Count - NTreated;

    /// <summary>Whether every outcome is 0 or 1.</summary>
    public bool OutcomeIsBinary { get; }

    /// <summary>Sample weights, all 1 when none were given (length n).</summary>
    internal double[] W => _weights;

    /// <summary>The same units with another treatment vector (validated).</summary>
    public EffectData WithTreatment(double[] treatment) => new(Outcome, treatment, Covariates, CovariateNames, Groups, Weights);

    /// <summary>The same units with another covariate matrix (validated).</summary>
    public EffectData WithCovariates(Matrix covariates, IReadOnlyList<string> names) => new(Outcome, Treatment, covariates, names, Groups, Weights);

    /// <summary>The listed units, in order (copied, validated).</summary>
    public EffectData Subset(int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new EffectData(
            rows.Select(i => Outcome[i]).ToArray(),
            rows.Select(i => Treatment[i]).ToArray(),
            Covariates.SelectRows(rows),
            CovariateNames,
            Groups is null ? null : rows.Select(i => Groups[i]).ToArray(),
            Weights is null ? null : rows.Select(i => Weights[i]).ToArray());
    }
}
