using CausalCart.Learners;
using CausalCart.Numerics;

/// <summary>
/// Bench-only nuisance kind "poly2": ridge / L2-logistic regression on a degree-2 basis (each feature, its square when
/// it is not binary, and every pairwise product), as the DoubleML 401(k) example's polynomial specification. Shows that
/// any IRegressor / IClassifier plugs into the double-ML estimators.
/// </summary>
internal static class Poly2
{
    public static Matrix Expand(Matrix x)
    {
        int p = x.Cols;
        bool[] binary = Enumerable.Range(0, p).Select(j => Enumerable.Range(0, x.Rows).All(i => x[i, j] == 0 || x[i, j] == 1)).ToArray();
        var cols = new List<(int A, int B)>();
        for (int j = 0; j < p; j++)
        {
            cols.Add((j, -1));
        }

        for (int j = 0; j < p; j++)
        {
            for (int k = j; k < p; k++)
            {
                if (k != j || !binary[j])
                {
                    cols.Add((j, k));
                }
            }
        }

        var m = new Matrix(x.Rows, cols.Count);
        for (int i = 0; i < x.Rows; i++)
        {
            ReadOnlySpan<double> r = x.Row(i);
            for (int c = 0; c < cols.Count; c++)
            {
                (int a, int b) = cols[c];
                m[i, c] = b < 0 ? r[a] : r[a] * r[b];
            }
        }

        return m;
    }

    public sealed class Regressor(double l2) : IRegressor
    {
        public IRegressionModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default) =>
            new Model(new LinearRegression(new LinearRegressionOptions(l2)).Fit(Expand(features), target, sampleWeights), features.Cols);

        private sealed class Model(LinearRegressionModel inner, int p) : IRegressionModel
        {
            public int FeatureCount => p;

            public void Predict(Matrix features, Span<double> destination) => inner.Predict(Expand(features), destination);
        }
    }

    public sealed class Classifier(double l2) : IClassifier
    {
        public IClassificationModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default) =>
            new Model(new LogisticRegression(new LogisticRegressionOptions(l2)).Fit(Expand(features), target, sampleWeights), features.Cols);

        private sealed class Model(LogisticRegressionModel inner, int p) : IClassificationModel
        {
            public int FeatureCount => p;

            public void PredictProbability(Matrix features, Span<double> destination) => inner.PredictProbability(Expand(features), destination);
        }
    }
}
