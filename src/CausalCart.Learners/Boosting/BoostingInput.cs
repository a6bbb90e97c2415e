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
        ArgumentNullException.ThrowIfNull(features);
        int n = features.Rows;
        if (n == 0)
        {
            throw new ArgumentException("Cannot fit on empty input: the feature matrix has 0 rows.", nameof(features));
        }

        if (features.Cols == 0)
        {
            throw new ArgumentException("Cannot fit on a feature matrix with 0 columns.", nameof(features));
        }

        if (target.Length != n)
        {
            throw new ArgumentException($"Target has {target.Length} values but the feature matrix has {n} rows.", nameof(target));
        }

        if (!sampleWeights.IsEmpty && sampleWeights.Length != n)
        {
            throw new ArgumentException($"Sample weights have {sampleWeights.Length} values but the feature matrix has {n} rows.", nameof(sampleWeights));
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

        var w = new double[n];
        if (sampleWeights.IsEmpty)
        {
            Array.Fill(w, 1.0);
        }
        else
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double v = sampleWeights[i];
                if (!double.IsFinite(v) || v < 0)
                {
                    throw new ArgumentException($"Sample weight is {v} at row {i}; weights must be finite and >= 0.", nameof(sampleWeights));
                }

                w[i] = v;
                sum += v;
            }

            if (!(sum > 0))
            {
                throw new ArgumentException("Sample weights sum to 0; at least one row needs a positive weight.", nameof(sampleWeights));
            }
        }

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
