using CausalCart.Core.Results;
using CausalCart.Pipeline.Validation;

namespace CausalCart.Pipeline.Tests.Validation;

public sealed class CoverageStatisticsTests
{
    [Theory]
    [InlineData(0, 10, 0.0, 0.2775327998628892)]
    [InlineData(5, 10, 0.236593090512564, 0.7634069094874361)]
    [InlineData(190, 200, 0.910421851861224, 0.9726173543992361)]
    [InlineData(10, 10, 0.7224672001371109, 1.0)]
    public void Wilson_interval_matches_the_closed_form(int k, int n, double lower, double upper)
    {
        var (l, u) = CoverageStatistics.WilsonInterval(k, n);
        Assert.Equal(lower, l, 12);
        Assert.Equal(upper, u, 12);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, 0)]
    public void Wilson_interval_rejects_impossible_counts(int k, int n) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => CoverageStatistics.WilsonInterval(k, n));

    [Fact]
    public void Summaries_count_coverage_bias_and_spread_per_method_and_estimand_and_skip_failed_worlds()
    {
        static CoverageWorldEstimate E(EffectMethod m, Estimand e, double est, double truth) =>
            new(m, e, est, 0.1, est - 0.2, est + 0.2, truth, Math.Abs(est - truth) <= 0.2);
        CoverageWorld[] worlds =
        [
            new(0, 1, 100, 40, 1.0, 2.0, [E(EffectMethod.Aipw, Estimand.Ate, 1.1, 1.0), E(EffectMethod.Aipw, Estimand.Att, 2.5, 2.0)], null),
            new(1, 2, 100, 40, 1.0, 2.0, [E(EffectMethod.Aipw, Estimand.Ate, 0.7, 1.0), E(EffectMethod.Aipw, Estimand.Att, 2.1, 2.0)], null),
            new(2, 3, 0, 0, 1.0, 2.0, [], "refused: no overlap"),
        ];
        var summaries = CoverageStatistics.Summarise(worlds);
        Assert.Equal(2, summaries.Count);
        var ate = summaries[0];
        Assert.Equal((EffectMethod.Aipw, Estimand.Ate), (ate.Method, ate.Estimand));
        Assert.Equal(2, ate.Worlds);
        Assert.Equal(1, ate.Covered);
        Assert.Equal(0.5, ate.Coverage);
        Assert.Equal(-0.1, ate.MeanBias, 12);
        Assert.Equal(Math.Sqrt((0.01 + 0.09) / 2), ate.Rmse, 12);
        Assert.Equal(Math.Sqrt(0.08), ate.EstimateSd, 12);
        Assert.Equal(0.1, ate.MeanStdError, 12);
        var att = summaries[1];
        Assert.Equal(1, att.Covered);
        Assert.Equal(0.3, att.MeanBias, 12);
    }

    [Fact]
    public void Sample_standard_deviation_uses_n_minus_1_and_is_zero_for_one_value()
    {
        Assert.Equal(0, CoverageStatistics.SampleStandardDeviation([3.0]));
        Assert.Equal(Math.Sqrt(2.5), CoverageStatistics.SampleStandardDeviation([1.0, 2.0, 3.0, 4.0, 5.0]), 12);
    }
}
