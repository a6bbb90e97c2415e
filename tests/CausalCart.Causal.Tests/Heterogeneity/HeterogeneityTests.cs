using CausalCart.Causal.Dml;
using CausalCart.Causal.Heterogeneity;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Heterogeneity;

public class HeterogeneityTests
{
    [Fact]
    public void Segments_projection_and_learned_groups_find_the_effect_modifier()
    {
        // τ(x) = 2 + x₁: units with x₁ > 0 respond more.
        (EffectData data, double ate, _) = Worlds.Confounded(4000, seed: 81);
        string[] segments = Enumerable.Range(0, data.Count).Select(i => data.Covariates[i, 0] > 0 ? "high x1" : "low x1").ToArray();
        HeterogeneityResult r = new HeterogeneityAnalysis(new EffectOptions { Seed = 1 }).Analyze(data, segments);
        Assert.True(r.Ate.Covers(ate));
        SegmentEffect high = r.Segments!.Single(s => s.Segment == "high x1");
        SegmentEffect low = r.Segments!.Single(s => s.Segment == "low x1");
        double e = Math.Sqrt(2 / Math.PI); // E[x₁ | x₁ > 0]
        Assert.True(high.Covers(2 + e) && low.Covers(2 - e), $"{high.Estimate} {low.Estimate}");
        Assert.Contains("high x1", high.Summary);
        Assert.True(r.Projection.Terms[1].Covers(1), $"{r.Projection.Terms[1]}");
        Assert.Equal(5, r.LearnedSegments.Count);
        Assert.True(r.LearnedSegments[^1].Estimate > r.LearnedSegments[0].Estimate + 2);
        Assert.True(r.HeterogeneityDetected);
        Assert.Contains(r.WhoResponds, s => s.Contains("x1", StringComparison.Ordinal));
    }

    [Fact]
    public void Constant_effect_shows_no_learned_heterogeneity()
    {
        (EffectData data, _, _) = Worlds.Confounded(3000, seed: 82, effectSlope: 0);
        HeterogeneityResult r = new HeterogeneityAnalysis(new EffectOptions { Seed = 2 }, null, new HeterogeneityOptions(LearnedGroups: 4)).Analyze(data);
        Assert.Null(r.Segments);
        Assert.True(r.TopMinusBottom.Covers(0), $"{r.TopMinusBottom}");
        Assert.False(r.HeterogeneityDetected);
    }

    [Fact]
    public void Segment_effects_from_any_scores_are_group_means_with_clear_errors()
    {
        double[] scores = [1, 3, 10, 12, 11];
        IReadOnlyList<SegmentEffect> s = HeterogeneityAnalysis.SegmentEffects(scores, ["a", "a", "b", "b", "b"]);
        Assert.Equal(2, s[0].Estimate, 12);
        Assert.Equal(11, s[1].Estimate, 12);
        Assert.Equal(Math.Sqrt(2) / 2, s[0].StdError, 12); // Σ(ψ − θ)²/n_S² = 2/4
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() => HeterogeneityAnalysis.SegmentEffects(scores, ["a", "", "b", "b", "b"])).Message);
        Assert.Contains("Lengths differ", Assert.Throws<ArgumentException>(() => HeterogeneityAnalysis.SegmentEffects(scores, ["a", "b"])).Message);
        Assert.Contains("row 0", Assert.Throws<ArgumentException>(() => HeterogeneityAnalysis.SegmentEffects([double.NaN, 1], ["a", "b"])).Message);
        Assert.Throws<ArgumentException>(() => HeterogeneityAnalysis.Project(scores, new Matrix(5, 1), ["z"]));
    }
}
