using CausalCart.Causal.Mediation;
using CausalCart.Numerics;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.Mediation;

/// <summary>
/// Natural direct and indirect effects on a ShopSim-like synthetic world (a structural equation model written here, not
/// ShopSim itself): a coupon raises return visits, which raise spend; shoppers' past activity confounds all three.
/// </summary>
public sealed class MediationAnalysisTests(ITestOutputHelper output)
{
    // The world: x1 = past visits (std.), x2 = past spend (std.);
    // P(coupon | x) = σ(0.6 x1 − 0.4 x2);  visits = 1 + 0.8·coupon + 0.5 x1 + N(0, 1);  spend = 2 + 0.5·coupon + 1.2·visits + 0.7 x1 + 0.4 x2 + N(0, 1).
    // NDE = 0.5, NIE = 0.8 · 1.2 = 0.96, TE = 1.46, mediated share = 0.96 / 1.46.
    private const double Nde = 0.5, Nie = 0.96, Te = Nde + Nie, Share = Nie / Te;

    [Fact]
    public void Intervals_cover_the_known_direct_indirect_effects_and_the_mediated_share()
    {
        var (data, m) = World(4000, seed: 12);
        var r = MediationAnalysis.Estimate(data, m, ["return_visits"], new MediationOptions(Seed: 1));
        output.WriteLine(r.Verdict);
        Assert.True(r.DirectEffect.Covers(Nde), $"NDE {r.DirectEffect}");
        Assert.True(r.IndirectEffect.Covers(Nie), $"NIE {r.IndirectEffect}");
        Assert.True(r.TotalEffect.Covers(Te), $"TE {r.TotalEffect}");
        var share = Assert.IsType<MediationEffect>(r.ProportionMediated);
        Assert.True(share.Covers(Share), $"share {share} vs {Share}");
        Assert.Equal(r.TotalEffect.Estimate, r.DirectEffect.Estimate + r.IndirectEffect.Estimate, 10);
        Assert.Contains("return_visits", r.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Naive_comparison_is_confounded_but_the_estimate_is_not()
    {
        var (data, m) = World(4000, seed: 13);
        double naive = Mean(data, 1) - Mean(data, 0);
        var r = MediationAnalysis.Estimate(data, m, ["return_visits"]);
        Assert.True(Math.Abs(naive - Te) > 3 * r.TotalEffect.StdError, $"naive {naive} should be off the truth {Te}");
        Assert.True(r.TotalEffect.Covers(Te));
    }

    [Fact]
    public void No_mediation_gives_an_indirect_effect_near_zero_and_results_are_deterministic()
    {
        var (data, m) = World(3000, seed: 14, visitsEffect: 0);
        var a = MediationAnalysis.Estimate(data, m, ["return_visits"], new MediationOptions(Seed: 5));
        var b = MediationAnalysis.Estimate(data, m, ["return_visits"], new MediationOptions(Seed: 5));
        Assert.Equal(a.IndirectEffect, b.IndirectEffect);
        Assert.True(a.IndirectEffect.Covers(0), $"NIE {a.IndirectEffect}");
    }

    [Fact]
    public void Binary_outcome_uses_logistic_outcome_models_and_stays_in_range()
    {
        var rng = new SeededRandom(21);
        int n = 3000;
        var x = new Matrix(n, 1);
        var t = new double[n];
        var mv = new Matrix(n, 1);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal();
            x[i, 0] = x1;
            t[i] = rng.NextDouble() < StableMath.Sigmoid(0.5 * x1) ? 1 : 0;
            mv[i, 0] = (0.8 * t[i]) + (0.5 * x1) + rng.NextNormal();
            y[i] = rng.NextDouble() < StableMath.Sigmoid(-1 + (0.3 * t[i]) + (0.9 * mv[i, 0]) + (0.4 * x1)) ? 1 : 0;
        }

        var r = MediationAnalysis.Estimate(new EffectData(y, t, x, ["x1"]), mv, ["visits"]);
        Assert.InRange(r.TotalEffect.Estimate, 0.05, 0.5);
        Assert.True(r.IndirectEffect.Estimate > 0 && r.DirectEffect.Estimate > 0, r.Verdict);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var (data, m) = World(200, seed: 1);
        Assert.Contains("names", Assert.Throws<ArgumentException>(() => MediationAnalysis.Estimate(data, m, ["a", "b"])).Message, StringComparison.Ordinal);
        Assert.Contains("rows", Assert.Throws<ArgumentException>(() => MediationAnalysis.Estimate(data, new Matrix(10, 1), ["a"])).Message, StringComparison.Ordinal);
        Assert.Contains("Folds", Assert.Throws<ArgumentException>(() => MediationAnalysis.Estimate(data, m, ["a"], new MediationOptions(Folds: 1))).Message, StringComparison.Ordinal);
        m[3, 0] = double.NaN;
        Assert.Contains("row 3", Assert.Throws<ArgumentException>(() => MediationAnalysis.Estimate(data, m, ["visits"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Coverage_over_100_worlds_is_near_95_percent()
    {
        int coverNde = 0, coverNie = 0, coverShare = 0, reps = 100;
        for (int s = 0; s < reps; s++)
        {
            var (data, m) = World(2000, seed: 1000 + s);
            var r = MediationAnalysis.Estimate(data, m, ["return_visits"], new MediationOptions(Seed: s));
            coverNde += r.DirectEffect.Covers(Nde) ? 1 : 0;
            coverNie += r.IndirectEffect.Covers(Nie) ? 1 : 0;
            coverShare += r.ProportionMediated?.Covers(Share) == true ? 1 : 0;
        }

        output.WriteLine($"coverage over {reps} worlds: NDE {coverNde}%, NIE {coverNie}%, share {coverShare}%");
        Assert.InRange(coverNde, 88, 100);
        Assert.InRange(coverNie, 88, 100);
        Assert.InRange(coverShare, 88, 100);
    }

    private static (EffectData Data, Matrix Mediators) World(int n, int seed, double visitsEffect = 1.2)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 2);
        var t = new double[n];
        var m = new Matrix(n, 1);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal();
            x[i, 0] = x1;
            x[i, 1] = x2;
            t[i] = rng.NextDouble() < StableMath.Sigmoid((0.6 * x1) - (0.4 * x2)) ? 1 : 0;
            double visits = 1 + (0.8 * t[i]) + (0.5 * x1) + rng.NextNormal();
            m[i, 0] = visits;
            y[i] = 2 + (0.5 * t[i]) + (visitsEffect * visits) + (0.7 * x1) + (0.4 * x2) + rng.NextNormal();
        }

        return (new EffectData(y, t, x, ["past_visits", "past_spend"]), m);
    }

    private static double Mean(EffectData d, int arm) => Enumerable.Range(0, d.Count).Where(i => d.Treatment[i] == arm).Average(i => d.Outcome[i]);
}
