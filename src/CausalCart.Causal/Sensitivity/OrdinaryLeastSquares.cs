using CausalCart.Learners.Linear;
using CausalCart.Numerics;

namespace CausalCart.Causal.Sensitivity;

/// <summary>
/// Ordinary least squares over named columns, for the sensitivity and discovery code: a thin, name-keeping front
/// to <see cref="Learners.Linear.OrdinaryLeastSquares"/> (Householder QR, numerically stable for the wide dummy
/// designs of fixed-effects models) with classical (homoskedastic) standard errors. Pure and thread-safe.
/// </summary>
public static class OrdinaryLeastSquares
{
    /// <summary>Regresses <paramref name="y"/> on the named columns and an intercept.</summary>
    /// <param name="y">Outcome, length n.</param>
    /// <param name="columns">Regressors, each of length n (column-major).</param>
    /// <param name="names">One name per column.</param>
    /// <exception cref="ArgumentException">Lengths differ, a value is NaN/infinite, n ≤ p, or a column is
    /// (nearly) constant or a linear combination of earlier ones (the message names it).</exception>
    public static OlsFit Fit(double[] y, IReadOnlyList<double[]> columns, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(names);
        if (columns.Count != names.Count)
        {
            throw new ArgumentException($"{columns.Count} columns but {names.Count} names.", nameof(names));
        }

        int n = y.Length;
        for (int j = 0; j < columns.Count; j++)
        {
            if (columns[j].Length != n)
            {
                throw new ArgumentException($"Column '{names[j]}' has {columns[j].Length} rows but the outcome has {n}.", nameof(columns));
            }

            if (columns[j].Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"Column '{names[j]}' contains NaN or infinite values.", nameof(columns));
            }
        }

        if (y.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("The outcome contains NaN or infinite values.", nameof(y));
        }

        int p = columns.Count + 1;
        if (n <= p)
        {
            throw new ArgumentException($"{n} rows cannot fit {p} coefficients; need more rows than coefficients.", nameof(y));
        }

        var features = Matrix.FromColumns(columns, n);
        var model = new Learners.Linear.OrdinaryLeastSquares(new OrdinaryLeastSquaresOptions(RankDeficiency.DropColumns)).Fit(features, y);
        if (model.AliasedFeatures.Count > 0)
        {
            string name = names[model.AliasedFeatures[0]];
            throw new ArgumentException($"Column '{name}' is constant or a linear combination of earlier columns (for dummies, drop one level).", nameof(columns));
        }

        var table = model.Inference(features, y, new InferenceOptions(CovarianceType.Classical));
        var allNames = new List<string>(p) { "(Intercept)" };
        allNames.AddRange(names);
        return new OlsFit(
            allNames,
            [.. table.Rows.Select(r => r.Estimate)],
            [.. table.Rows.Select(r => r.StandardError)],
            n - p,
            model.ResidualSumOfSquares);
    }

    /// <summary>
    /// Dummy (one-hot) columns for a categorical variable, dropping the first level in sorted (ordinal) order
    /// so that the design stays full rank with an intercept. Names are <c>prefix=level</c>.
    /// </summary>
    public static (List<double[]> Columns, List<string> Names) Dummies(IReadOnlyList<string> labels, string prefix)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var levels = labels.Distinct().Order(StringComparer.Ordinal).Skip(1).ToList();
        var at = levels.Select((l, i) => (l, i)).ToDictionary(t => t.l, t => t.i, StringComparer.Ordinal);
        var cols = levels.Select(_ => new double[labels.Count]).ToList();
        for (int r = 0; r < labels.Count; r++)
        {
            if (at.TryGetValue(labels[r], out int j))
            {
                cols[j][r] = 1;
            }
        }

        return (cols, [.. levels.Select(l => $"{prefix}={l}")]);
    }
}
