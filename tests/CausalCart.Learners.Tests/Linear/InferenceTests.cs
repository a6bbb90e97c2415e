using CausalCart.Learners.Linear;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Linear;

public class InferenceTests
{
    private static (Matrix X, double[] Y, double[] D) Data(int n, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 3);
        var y = new double[n];
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = rng.NextNormal();
            x[i, 1] = 100 + rng.NextNormal();
            x[i, 2] = rng.NextDouble();
            y[i] = 1 + x[i, 0] - (0.5 * x[i, 1]) + ((1 + Math.Abs(x[i, 0])) * rng.NextNormal());
            d[i] = rng.NextDouble() < StableMath.Sigmoid(x[i, 0] - 0.5) ? 1 : 0;
        }

        return (x, y, d);
    }

    [Fact]
    public void Collinear_columns_are_named_or_dropped_and_reported_as_aliased()
    {
        (Matrix x, double[] y, _) = Data(400, 1);
        Matrix withSum = x.AppendColumn(Enumerable.Range(0, 400).Select(i => x[i, 0] + (2 * x[i, 2])).ToArray());
        Matrix withBoth = withSum.AppendColumn(Enumerable.Repeat(7.0, 400).ToArray());
        var e = Assert.Throws<ArgumentException>(() => new OrdinaryLeastSquares().Fit(withBoth, y));
        Assert.Contains("feature column 3 is (nearly) a linear combination", e.Message);
        Assert.Contains("feature column 4 is constant", e.Message);

        OrdinaryLeastSquaresModel dropped = new OrdinaryLeastSquares(new OrdinaryLeastSquaresOptions(RankDeficiency.DropColumns)).Fit(withBoth, y);
        OrdinaryLeastSquaresModel plain = new OrdinaryLeastSquares().Fit(x, y);
        Assert.Equal([3, 4], dropped.AliasedFeatures);
        Assert.Equal(4, dropped.Rank);
        CoefficientTable t = dropped.Inference(withBoth, y, new InferenceOptions(CovarianceType.HC3));
        CoefficientTable reference = plain.Inference(x, y, new InferenceOptions(CovarianceType.HC3));
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(reference.Rows[j].Estimate, t.Rows[j].Estimate, 1e-9);
            Assert.Equal(reference.Rows[j].StandardError, t.Rows[j].StandardError, 1e-9);
            Assert.False(t.Rows[j].Aliased);
        }

        Assert.True(t.Rows[4].Aliased && t.Rows[5].Aliased);
        Assert.True(double.IsNaN(t.Rows[4].StandardError));
        Assert.Equal(0, t.Rows[5].Estimate);
        Assert.Equal("feature 3", t.Rows[4].Term);
    }

    [Fact]
    public void Inference_rejects_other_data_bad_groups_and_undefined_covariances()
    {
        (Matrix x, double[] y, double[] d) = Data(300, 2);
        OrdinaryLeastSquaresModel m = new OrdinaryLeastSquares().Fit(x, y);
        Assert.Contains("rows the model was fitted on", Assert.Throws<ArgumentException>(() => m.Inference(x.SelectRows(Enumerable.Range(0, 200).ToArray()), y.Take(200).ToArray())).Message);
        Assert.Contains("at least 2 groups", Assert.Throws<ArgumentException>(() => m.Inference(x, y, new InferenceOptions(CovarianceType.ClusterRobust(new int[300])))).Message);
        Assert.Contains("300 rows", Assert.Throws<ArgumentException>(() => m.Inference(x, y, new InferenceOptions(CovarianceType.ClusterRobust(new int[10])))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Inference(x, y, new InferenceOptions(ConfidenceLevel: 1.5)));

        // A dummy that is 1 on one row only gives that row leverage 1: HC2/HC3 are undefined there.
        Matrix spike = x.AppendColumn(Enumerable.Range(0, 300).Select(i => i == 17 ? 1.0 : 0.0).ToArray());
        OrdinaryLeastSquaresModel ms = new OrdinaryLeastSquares().Fit(spike, y);
        Assert.Contains("Row 17 has leverage", Assert.Throws<ArgumentException>(() => ms.Inference(spike, y, new InferenceOptions(CovarianceType.HC3))).Message);
        Assert.True(double.IsFinite(ms.Inference(spike, y, new InferenceOptions(CovarianceType.HC1)).Rows[1].StandardError));

        LogisticRegressionModel penalised = new LogisticRegression().Fit(x, d);
        Assert.Contains("unpenalised", Assert.Throws<ArgumentException>(() => penalised.Inference(x, d)).Message);
        LogisticRegressionModel logit = new LogisticRegression(new LogisticRegressionOptions(0)).Fit(x, d);
        Assert.Contains("least squares only", Assert.Throws<ArgumentException>(() => logit.Inference(x, d, new InferenceOptions(CovarianceType.HC2))).Message);
        double[] flipped = d.Select(v => 1 - v).ToArray();
        Assert.Contains("score equations", Assert.Throws<ArgumentException>(() => logit.Inference(x, flipped)).Message);
    }

    [Fact]
    public void Intervals_use_the_requested_distribution_and_cover_the_truth_at_large_n()
    {
        (Matrix x, double[] y, _) = Data(20_000, 3);
        OrdinaryLeastSquaresModel m = new OrdinaryLeastSquares().Fit(x, y);
        CoefficientTable z = m.Inference(x, y, new InferenceOptions(CovarianceType.HC1));
        CoefficientTable t = m.Inference(x, y, new InferenceOptions(CovarianceType.HC1, 0.9, TestDistribution.StudentT));
        Assert.True(double.IsPositiveInfinity(z.DegreesOfFreedom));
        Assert.Equal(20_000 - 4, t.DegreesOfFreedom);
        Assert.Equal(z.Rows[1].StandardError, t.Rows[1].StandardError);
        Assert.True(t.Rows[1].Upper - t.Rows[1].Lower < z.Rows[1].Upper - z.Rows[1].Lower); // 90% vs 95%
        Assert.InRange(1.0, z.Rows[1].Lower, z.Rows[1].Upper);
        Assert.InRange(-0.5, z.Rows[2].Lower, z.Rows[2].Upper);
        Assert.Equal(4 * 4, z.CovarianceMatrix.Length);
    }
}
