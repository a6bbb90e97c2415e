using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>Validation shared by every learner's public boundary.</summary>
internal static class LearnerInput
{
    /// <summary>Checks shapes and values and returns the weights as an array (all 1 when none were given).</summary>
    public static double[] Validate(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights, bool binaryTarget)
    {
        int n = CheckShapes(features, target, sampleWeights);
        CheckFinite(features);
        for (int i = 0; i < n; i++)
        {
            double y = target[i];
            if (!double.IsFinite(y))
            {
                throw new ArgumentException($"Target is {y} at row {i}; every target value must be finite.", nameof(target));
            }

            if (binaryTarget && y != 0 && y != 1)
            {
                throw new ArgumentException($"Target is {y} at row {i}; a classifier needs every value to be 0 or 1.", nameof(target));
            }
        }

        return ReadWeights(sampleWeights, n);
    }

    /// <summary>Checks that the matrix has rows and that target and weights (when given) have one value per row; returns n.</summary>
    public static int CheckShapes(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights)
    {
        ArgumentNullException.ThrowIfNull(features);
        int n = features.Rows;
        if (n == 0)
        {
            throw new ArgumentException("Cannot fit on empty input: the feature matrix has 0 rows.", nameof(features));
        }

        if (target.Length != n)
        {
            throw new ArgumentException($"Target has {target.Length} values but the feature matrix has {n} rows.", nameof(target));
        }

        if (!sampleWeights.IsEmpty && sampleWeights.Length != n)
        {
            throw new ArgumentException($"Sample weights have {sampleWeights.Length} values but the feature matrix has {n} rows.", nameof(sampleWeights));
        }

        return n;
    }

    /// <summary>The weights as an array (all 1 when none were given), each finite and ≥ 0 with a positive sum.</summary>
    public static double[] ReadWeights(ReadOnlySpan<double> sampleWeights, int n)
    {
        var w = new double[n];
        if (sampleWeights.IsEmpty)
        {
            Array.Fill(w, 1.0);
            return w;
        }

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

        return w;
    }

    /// <summary>Throws naming the first NaN/∞ cell.</summary>
    public static void CheckFinite(Matrix features)
    {
        ReadOnlySpan<double> d = features.Data;
        for (int k = 0; k < d.Length; k++)
        {
            if (!double.IsFinite(d[k]))
            {
                throw new ArgumentException(
                    $"Feature value is {d[k]} at row {k / features.Cols}, column {k % features.Cols}; features must be finite (impute or drop missing values first).",
                    nameof(features));
            }
        }
    }

    public static void CheckPredict(Matrix features, int featureCount, int destinationLength)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Cols != featureCount)
        {
            throw new ArgumentException($"The model was fitted on {featureCount} features; this matrix has {features.Cols}.", nameof(features));
        }

        if (destinationLength != features.Rows)
        {
            throw new ArgumentException($"Destination has {destinationLength} slots for {features.Rows} rows.", nameof(features));
        }
    }

    /// <summary>
    /// Writes intercept + x'·coefficients for each row after checking shapes. A non-finite result (NaN only when
    /// <paramref name="allowInfinite"/>) is reported with the row, after naming a non-finite feature if there is one.
    /// </summary>
    public static void PredictLinear(Matrix features, double intercept, ReadOnlySpan<double> coefficients, Span<double> destination, bool allowInfinite = false)
    {
        CheckPredict(features, coefficients.Length, destination.Length);
        for (int i = 0; i < features.Rows; i++)
        {
            double v = intercept + Kernels.Dot(features.Row(i), coefficients);
            if (allowInfinite ? double.IsNaN(v) : !double.IsFinite(v))
            {
                CheckFinite(features);
                throw new ArgumentException(
                    allowInfinite ? $"Log-odds at row {i} is NaN." : $"Prediction at row {i} is not finite ({v}); a feature is too large.",
                    nameof(features));
            }

            destination[i] = v;
        }
    }
}
