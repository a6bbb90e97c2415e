using CausalCart.Causal.Heterogeneity;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests.Heterogeneity;

/// <summary>The who-responds analysis built on the AIPW estimate's own scores reports exactly that estimate as its average.</summary>
public sealed class HeterogeneityFromAipwScoresTests
{
    [Fact]
    public void The_average_effect_and_its_se_equal_the_aipw_estimate()
    {
        var (data, _) = Worlds.BinaryConfounded(3000, 8);
        var options = new EffectOptions { Seed = 5, Estimands = [Estimand.Ate] };
        var aipw = new AipwEstimator(options).Estimate(data).For(Estimand.Ate);
        double[] scores = new AipwEstimator(options).AteScores(data);
        var who = new HeterogeneityAnalysis(options).Analyze(data, null, scores);
        Assert.Equal(aipw.Estimate, who.Ate.Estimate, 12);
        Assert.Equal(aipw.StdError, who.Ate.StdError, 9);
        // The learned groups partition the units, so their unit-weighted mean is the same average.
        double pooled = who.LearnedSegments.Sum(g => g.Units * g.Estimate) / who.LearnedSegments.Sum(g => g.Units);
        Assert.Equal(aipw.Estimate, pooled, 10);
    }

    [Fact]
    public void Scores_of_the_wrong_length_or_not_finite_are_refused()
    {
        var (data, _) = Worlds.BinaryConfounded(200, 1);
        var analysis = new HeterogeneityAnalysis();
        Assert.Contains("finite values", Assert.Throws<ArgumentException>(() => analysis.Analyze(data, null, new double[10])).Message, StringComparison.Ordinal);
        var bad = new double[data.Count];
        bad[3] = double.NaN;
        Assert.Contains("some not finite", Assert.Throws<ArgumentException>(() => analysis.Analyze(data, null, bad)).Message, StringComparison.Ordinal);
    }
}
