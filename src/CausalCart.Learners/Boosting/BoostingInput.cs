using CausalCart.Numerics;

namespace CausalCart.Learners.Boosting;

/// <summary>
/// Input checks of the boosted learners: like <see cref="LearnerInput"/> except that NaN features are allowed (they are
/// missing values, routed by a learned default direction); ±∞ features are still rejected.
/// </summary>
internal static class BoostingInput
{
    /// <summary>Checks shapes and values; returns the weights (all 1 when none were given).</summary>
    public static double[] Validate(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights, BoostingLoss loss)
    {
        int n = LearnerInput.CheckShapes(features, target, sampleWeights);
        if (features.Cols == 0)
        {
            throw new ArgumentException("Cannot fit on a feature matrix with 0 columns.", nameof(features));
        }

        CheckNoInfinity(features);
        for (int i = 0; i < n; i++)
        {
            double y = target[i];
            if (!double.IsFinite(y))
            {
                throw new ArgumentException($"Target is {y} at row {i}; every target value must be finite.", nameof(target));
            }

            if (loss == BoostingLoss.Logistic && y != 0 && y != 1)
            {
                throw new ArgumentException($"Target is {y} at row {i}; a classifier needs every value to be 0 or 1.", nameof(target));
            }

            if (loss == BoostingLoss.Poisson && y < 0)
            {
                throw new ArgumentException($"Target is {y} at row {i}; the Poisson objective needs every value to be >= 0.", nameof(target));
            }
        }

        double[] w = LearnerInput.ReadWeights(sampleWeights, n);
        if (loss == BoostingLoss.Poisson)
        {
            double swy = 0;
            for (int i = 0; i < n; i++)
            {
                swy += w[i] * target[i];
            }

            if (!(swy > 0))
            {
                throw new ArgumentException("Every target value with positive weight is 0; the Poisson objective needs a positive mean.", nameof(target));
            }
        }

        return w;
    }

    /// <summary>Throws naming the first ±∞ cell (NaN is allowed: it means missing).</summary>
    public static void CheckNoInfinity(Matrix features)
    {
        ReadOnlySpan<double> d = features.Data;
        for (int k = 0; k < d.Length; k++)
        {
            if (double.IsInfinity(d[k]))
            {
                throw new ArgumentException(
                    $"Feature value is {d[k]} at row {k / features.Cols}, column {k % features.Cols}; features must be finite or NaN (missing).",
                    nameof(features));
            }
        }
    }

    /// <summary>Checks a prediction call: column count, destination length, no ±∞.</summary>
    public static void CheckPredict(Matrix features, int featureCount, int destinationLength)
    {
        LearnerInput.CheckPredict(features, featureCount, destinationLength);
        CheckNoInfinity(features);
    }
}
