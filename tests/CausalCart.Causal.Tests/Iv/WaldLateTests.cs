using CausalCart.Causal.Iv;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Iv;

/// <summary>Wald LATE on simulated non-compliance with a known complier effect.</summary>
public class WaldLateTests
{
    // Two-sided non-compliance: 20% always-takers, 20% never-takers, 60% compliers; effect 2 for compliers,
    // 5 for always-takers and 0 for never-takers, so LATE = 2 while ATE = 0.6·2 + 0.2·5 = 2.2.
    private static (double[] Y, double[] D, double[] Z) Simulate(int n, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var y = new double[n];
        var d = new double[n];
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            z[i] = rng.NextDouble() < 0.5 ? 1 : 0;
            double effect = u < 0.2 ? 5 : u < 0.4 ? 0 : 2;
            d[i] = u < 0.2 ? 1 : u < 0.4 ? 0 : z[i];
            y[i] = (u < 0.2 ? 1.0 : 0.0) + rng.NextDouble() + (effect * d[i]);
        }

        return (y, d, z);
    }

    [Fact]
    public void Recovers_the_complier_effect_not_the_ate()
    {
        var (y, d, z) = Simulate(4000, 7);
        var r = WaldLate.Estimate(y, d, z);
        Assert.InRange(r.ComplierShare, 0.55, 0.65);
        Assert.True(r.CiLower <= 2 && 2 <= r.CiUpper, $"LATE {r.Estimate} [{r.CiLower}, {r.CiUpper}]");
        Assert.InRange(r.StdError, 0.01, 0.2);
        Assert.False(r.InstrumentEqualsTreatment);
    }

    [Fact]
    public void Instrument_equal_to_treatment_gives_the_difference_in_means_with_a_note()
    {
        var (y, _, z) = Simulate(500, 3);
        var r = WaldLate.Estimate(y, z, z);
        Assert.True(r.InstrumentEqualsTreatment);
        Assert.Equal(1.0, r.ComplierShare);
        Assert.Equal(r.IntentToTreat, r.Estimate, 1e-12);
        Assert.Equal(r.IntentToTreatStdError, r.StdError, 1e-3);
        Assert.Contains(r.Notes, n => n.Contains("difference in mean outcome", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_when_the_instrument_does_not_move_the_treatment()
    {
        var (y, d, _) = Simulate(500, 5);
        double[] unrelated = Enumerable.Range(0, 500).Select(i => (double)(i % 2)).ToArray();
        // Treatment independent of the instrument by construction: both arms share the same treatment rate.
        double[] treatment = Enumerable.Range(0, 500).Select(i => (double)((i / 2) % 2)).ToArray();
        var ex = Assert.Throws<ArgumentException>(() => WaldLate.Estimate(y, treatment, unrelated));
        Assert.Contains("does not move the treatment", ex.Message);
        var nonBinary = Assert.Throws<ArgumentException>(() => WaldLate.Estimate(y, d, unrelated.Select(v => v * 2).ToArray()));
        Assert.Contains("row 1 has 2", nonBinary.Message);
    }
}
