using CausalCart.Learners.Linear;
using CausalCart.Numerics;

namespace CausalCart.Causal.Iv;

/// <summary>
/// A least-squares fit with an intercept of <see cref="OrdinaryLeastSquares"/> (Householder QR; classical, HC0–HC3 and
/// cluster covariance from its coefficient table) over named columns, so that a collinear column is reported by name.
/// </summary>
internal sealed class NamedLeastSquares
{
    private NamedLeastSquares(OrdinaryLeastSquaresModel model, Matrix features, double[] target, double[] fitted)
    {
        Model = model;
        Features = features;
        Target = target;
        Fitted = fitted;
        Residuals = new double[target.Length];
        for (int i = 0; i < target.Length; i++)
        {
            Residuals[i] = target[i] - fitted[i];
        }
    }

    /// <summary>The fitted model (intercept, then one slope per column).</summary>
    public OrdinaryLeastSquaresModel Model { get; }

    /// <summary>(n, p) design without the intercept column.</summary>
    public Matrix Features { get; }

    /// <summary>(n) target.</summary>
    public double[] Target { get; }

    /// <summary>(n) fitted values.</summary>
    public double[] Fitted { get; }

    /// <summary>(n) residuals target − fitted.</summary>
    public double[] Residuals { get; }

    /// <summary>Fits the target on [1, columns].</summary>
    /// <exception cref="ArgumentException">A column is (nearly) a linear combination of the intercept and the columns
    /// before it; the message names it, the columns before it and <paramref name="role"/>.</exception>
    public static NamedLeastSquares Fit(IReadOnlyList<double[]> columns, IReadOnlyList<string> names, double[] target, string role)
    {
        Matrix x = Matrix.FromColumns(columns, target.Length); // (n, p)
        OrdinaryLeastSquaresModel model = new OrdinaryLeastSquares(new OrdinaryLeastSquaresOptions(RankDeficiency.DropColumns)).Fit(x, target);
        if (model.AliasedFeatures.Count > 0)
        {
            int j = model.AliasedFeatures[0];
            throw new ArgumentException(
                $"The {role} is rank deficient: column '{names[j]}' is constant or a linear combination of the columns before it "
                + $"({string.Join(", ", names.Take(j).Prepend("intercept").Select(n => $"'{n}'"))}). Drop it or the column it duplicates.");
        }

        var fitted = new double[target.Length];
        model.Predict(x, fitted);
        return new NamedLeastSquares(model, x, target, fitted);
    }

    /// <summary>The coefficient table (intercept first) under <paramref name="options"/>.</summary>
    public CoefficientTable Table(InferenceOptions options) => Model.Inference(Features, Target, options);
}
