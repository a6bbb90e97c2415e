using CausalCart.Causal.Dml;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Dml;

public class MultiArmAndContinuousTests
{
    /// <summary>Three arms, confounded by x₁: effects +1 (arm 1) and +3 + x₁ (arm 2, average 3) against arm 0.</summary>
    private static MultiArmData ThreeArms(int n, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 2);
        var y = new double[n];
        var arm = new int[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal();
            x[i, 0] = x1;
            x[i, 1] = x2;
            double l1 = 0.6 * x1, l2 = -0.5 * x1 + (0.3 * x2);
            double z = 1 + Math.Exp(l1) + Math.Exp(l2);
            double u = rng.NextDouble();
            arm[i] = u < 1 / z ? 0 : u < (1 + Math.Exp(l1)) / z ? 1 : 2;
            double effect = arm[i] switch { 1 => 1, 2 => 3 + x1, _ => 0 };
            y[i] = 2 + (1.5 * x1) + x2 + effect + rng.NextNormal();
        }

        return new MultiArmData(y, arm, ["control", "coupon", "free shipping"], x, ["x1", "x2"]);
    }

    [Fact]
    public void Multi_arm_aipw_recovers_each_arm_against_the_reference_with_a_joint_covariance()
    {
        MultiArmData data = ThreeArms(4000, seed: 61);
        MultiArmResult r = new MultiArmAipwEstimator(new EffectOptions { Seed = 1 }).Estimate(data);
        Assert.Equal(2, r.Effects.Count);
        Assert.Equal("coupon", r.Effects[0].Arm);
        Assert.True(r.Effects[0].Covers(1), $"{r.Effects[0]}");
        Assert.True(r.Effects[1].Covers(3), $"{r.Effects[1]}");
        Assert.True(r.Covariance[1] > 0, "contrasts against one reference share its units, so they covary positively");
        (double d, double se) = r.Contrast(2, 1);
        Assert.True(Math.Abs(d - 2) < 3 * se, $"free shipping − coupon {d} ± {se}");
        Assert.Equal(r.Effects[0].StdError, r.Contrast(1, 0).StdError, 1e-12);
        MultiArmResult other = new MultiArmAipwEstimator(new EffectOptions { Seed = 1 }).Estimate(data, reference: 1);
        Assert.Equal(-r.Effects[0].Estimate, other.Effects[0].Estimate, 1e-9);
    }

    [Fact]
    public void Multi_arm_data_reject_an_empty_arm_and_bad_values_by_name()
    {
        var x = new Matrix(6, 1);
        Assert.Contains("'c'", Assert.Throws<ArgumentException>(() => new MultiArmData(new double[6], [0, 0, 0, 1, 1, 1], ["a", "b", "c"], x)).Message);
        Assert.Contains("row 2", Assert.Throws<ArgumentException>(() => new MultiArmData([0, 0, double.NaN, 0, 0, 0], [0, 0, 0, 1, 1, 1], ["a", "b"], x)).Message);
        Assert.Contains("Lengths differ", Assert.Throws<ArgumentException>(() => new MultiArmData(new double[5], [0, 0, 0, 1, 1, 1], ["a", "b"], x)).Message);
        Assert.Contains("0..1", Assert.Throws<ArgumentException>(() => new MultiArmData(new double[6], [0, 0, 0, 1, 1, 2], ["a", "b"], x)).Message);
    }

    /// <summary>Dose A = 0.5x₁ + N(0, 1); Y = 2 + A − 0.3A² + x₁ + 0.5x₂ + N(0, 1); E[Y(a)] = 2 + a − 0.3a².</summary>
    private static ContinuousTreatmentData Doses(int n, int seed, double curvature)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 2);
        var y = new double[n];
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal();
            x[i, 0] = x1;
            x[i, 1] = x2;
            a[i] = (0.5 * x1) + rng.NextNormal();
            y[i] = 2 + a[i] - (curvature * a[i] * a[i]) + x1 + (0.5 * x2) + rng.NextNormal();
        }

        return new ContinuousTreatmentData(y, a, x, ["x1", "x2"]);
    }

    [Fact]
    public void Continuous_plr_recovers_a_linear_dose_slope()
    {
        ContinuousTreatmentData data = Doses(3000, seed: 71, curvature: 0);
        ContinuousPlrResult r = new ContinuousDml(new EffectOptions { Seed = 1 }, new DmlOptions { Repetitions = 3 }).EstimatePlr(data);
        Assert.True(r.Slope.Covers(1), $"{r.Slope}");
        Assert.True(Math.Abs(r.Slope.Estimate - 1) < 0.06);
        Assert.InRange(r.Slope.Estimate, r.SplitMin, r.SplitMax);
    }

    [Fact]
    public void Dose_response_curve_follows_a_curved_truth_with_pointwise_intervals()
    {
        ContinuousTreatmentData data = Doses(3000, seed: 72, curvature: 0.3);
        DoseResponseCurve curve = new ContinuousDml(new EffectOptions { Seed = 1 }).EstimateDoseResponse(data, new DoseResponseOptions(GridPoints: 9));
        Assert.Equal(9, curve.Points.Count);
        int covered = 0;
        foreach (DoseResponsePoint p in curve.Points)
        {
            double truth = 2 + p.Dose - (0.3 * p.Dose * p.Dose);
            Assert.True(Math.Abs(p.Estimate - truth) < 0.35, $"at {p.Dose}: {p.Estimate} vs {truth}");
            covered += p.CiLower - 0.05 <= truth && truth <= p.CiUpper + 0.05 ? 1 : 0;
        }

        Assert.True(covered >= 7, $"{covered}/9 points cover the curve");
        Assert.True(curve.Points[4].Estimate > curve.Points[0].Estimate, "the curve rises from the low doses");
    }

    [Fact]
    public void Continuous_data_reject_constant_or_non_finite_doses()
    {
        var x = new Matrix(12, 1);
        Assert.Contains("constant", Assert.Throws<ArgumentException>(() => new ContinuousTreatmentData(new double[12], Enumerable.Repeat(2.0, 12).ToArray(), x)).Message);
        double[] t = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        t[3] = double.PositiveInfinity;
        Assert.Contains("row 3", Assert.Throws<ArgumentException>(() => new ContinuousTreatmentData(new double[12], t, x)).Message);
    }
}
