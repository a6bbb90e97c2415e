using CausalCart.Causal.Dml;
using CausalCart.Causal.Iv;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Iv;

/// <summary>Partially linear IV (DML) against known truths, 2SLS and bad input.</summary>
public class PartiallyLinearIvTests
{
    [Fact]
    public void Recovers_the_late_of_a_randomised_encouragement_and_not_the_ate()
    {
        double truth = NonComplianceWorld.TrueLate(oneSided: false);
        var sample = NonComplianceWorld.Draw(20_000, 11, oneSided: false);
        var r = new PartiallyLinearIv(new EffectOptions { Seed = 3 }).Estimate(sample.Data);
        Assert.True(r.Effect.Covers(truth), $"θ {r.Effect.Estimate} [{r.Effect.CiLower}, {r.Effect.CiUpper}], LATE {truth}");
        Assert.InRange(r.Effect.StdError, 0.01, 0.1);
        Assert.InRange(Math.Abs(truth - NonComplianceWorld.Ate), 0.08, 1); // the design separates LATE from ATE
        Assert.False(r.IsWeak);
        Assert.Empty(r.Warnings);
        Assert.Equal(20_000, r.Count);
    }

    [Fact]
    public void Recovers_a_constant_slope_with_a_continuous_instrument_and_dose()
    {
        // Y = 2D + x₁² + U + ε, D = Z + x₁ + U + ν, Z = 0.5x₁ + N(0, 1): U confounds D; θ = 2.
        const int n = 5000;
        var rng = new SeededRandom(5UL);
        var x = new Matrix(n, 2);
        var y = new double[n];
        var d = new double[n];
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal(), u = rng.NextNormal();
            z[i] = (0.5 * x1) + rng.NextNormal();
            d[i] = z[i] + x1 + u + rng.NextNormal();
            y[i] = (2 * d[i]) + (x1 * x1) + (0.3 * x2) + u + rng.NextNormal();
            x[i, 0] = x1;
            x[i, 1] = x2;
        }

        var r = new PartiallyLinearIv(new EffectOptions { Seed = 1 }).Estimate(new IvData(y, d, z, x));
        Assert.True(r.Effect.Covers(2), $"θ {r.Effect.Estimate} [{r.Effect.CiLower}, {r.Effect.CiUpper}]");
        Assert.InRange(r.FirstStage.Estimate, 0.9, 1.1);
    }

    [Fact]
    public void Linear_nuisances_agree_with_two_stage_least_squares_with_the_covariates_as_controls()
    {
        var s = NonComplianceWorld.Draw(4000, 21, oneSided: true);
        var pliv = new PartiallyLinearIv(new EffectOptions { Seed = 2 }, new DmlOptions { Learners = LinearOnly }).Estimate(s.Data);
        var controls = NonComplianceWorld.Names.Select((name, j) => new IvColumn(name, Column(s.X, j))).ToArray();
        var tsls = TwoStageLeastSquares.Fit(new IvColumn("y", s.Y), [new IvColumn("d", s.D)], controls, [new IvColumn("z", s.Z)]);
        // Cross-fitting perturbs the linear projections by O(p/n), so the two differ by a small share of an SE.
        Assert.InRange(Math.Abs(pliv.Effect.Estimate - tsls["d"].Estimate), 0, 0.15 * tsls["d"].StdError);
        Assert.InRange(pliv.Effect.StdError / tsls["d"].StdError, 0.95, 1.05);
    }

    [Fact]
    public void Repeated_splits_are_deterministic_and_the_median_lies_within_the_splits()
    {
        var s = NonComplianceWorld.Draw(1500, 4, oneSided: false);
        var est = new PartiallyLinearIv(new EffectOptions { Seed = 9 }, new DmlOptions { Repetitions = 5 });
        var a = est.Estimate(s.Data);
        var b = est.Estimate(s.Data);
        Assert.Equal(a.Effect, b.Effect);
        Assert.Equal(5, a.Repetitions);
        Assert.InRange(a.Effect.Estimate, a.SplitMin, a.SplitMax);
        Assert.True(a.SplitMax > a.SplitMin);
    }

    [Fact]
    public void Singleton_groups_give_about_the_robust_standard_error()
    {
        const int n = 2000;
        var s = NonComplianceWorld.Draw(n, 8, oneSided: false);
        int[] singletons = Enumerable.Range(0, n).ToArray();
        var options = new EffectOptions { Seed = 1 };
        var plain = new PartiallyLinearIv(options).Estimate(s.Data);
        var clustered = new PartiallyLinearIv(options).Estimate(new IvData(s.Y, s.D, s.Z, s.X, NonComplianceWorld.Names, singletons));
        // Grouped folds are drawn differently from plain folds, so the two agree only up to the cross-fitting noise.
        Assert.InRange(Math.Abs(plain.Effect.Estimate - clustered.Effect.Estimate), 0, 0.2 * plain.Effect.StdError);
        Assert.InRange(clustered.Effect.StdError / plain.Effect.StdError, 0.95, 1.05);
    }

    [Fact]
    public void A_useless_instrument_is_flagged_weak()
    {
        var s = NonComplianceWorld.Draw(2000, 6, oneSided: false);
        var rng = new SeededRandom(99UL);
        double[] noise = Enumerable.Range(0, 2000).Select(_ => rng.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray();
        var r = new PartiallyLinearIv().Estimate(new IvData(s.Y, s.D, noise, s.X));
        Assert.True(r.IsWeak);
        Assert.True(r.FirstStageF < PartiallyLinearIv.WeakInstrumentF);
        Assert.Contains(r.Warnings, w => w.Contains("Weak instrument", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var s = NonComplianceWorld.Draw(100, 1, oneSided: false);
        var shortZ = Assert.Throws<ArgumentException>(() => new IvData(s.Y, s.D, s.Z[..50], s.X));
        Assert.Contains("instrument 50", shortZ.Message);
        var shortD = Assert.Throws<ArgumentException>(() => new IvData(s.Y, s.D[..99], s.Z, s.X));
        Assert.Contains("treatment 99", shortD.Message);
        var flat = Assert.Throws<ArgumentException>(() => new IvData(s.Y, s.D, new double[100], s.X));
        Assert.Contains("Instrument is constant", flat.Message);
        double[] z = (double[])s.Z.Clone();
        z[7] = double.NaN;
        Assert.Contains("row 7", Assert.Throws<ArgumentException>(() => new IvData(s.Y, s.D, z, s.X)).Message);
        Assert.Contains("No covariates", Assert.Throws<ArgumentException>(() => new IvData(s.Y, s.D, s.Z, new Matrix(100, 0))).Message);
        Assert.Throws<ArgumentException>(() => new PartiallyLinearIv(new EffectOptions { Folds = 1 }).Estimate(s.Data));
    }

    internal static NuisanceLearners LinearOnly { get; } = new() { Propensity = () => new LinearProbabilityClassifier() };

    internal static double[] Column(Matrix x, int j) => Enumerable.Range(0, x.Rows).Select(i => x[i, j]).ToArray();
}

/// <summary>Test-only linear probability "classifier": least squares on the 0/1 target, predictions unclipped, so that
/// partialling out matches the linear projections of 2SLS.</summary>
internal sealed class LinearProbabilityClassifier : IClassifier
{
    public IClassificationModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default) =>
        new Model(new LinearRegression(new LinearRegressionOptions(1e-8)).Fit(features, target, sampleWeights));

    private sealed class Model(LinearRegressionModel inner) : IClassificationModel
    {
        public int FeatureCount => inner.FeatureCount;

        public void PredictProbability(Matrix features, Span<double> destination) => inner.Predict(features, destination);
    }
}
