using CausalCart.Causal.Sensitivity;

namespace CausalCart.Causal.Tests.Sensitivity;

public sealed class RosenbaumBoundsTests
{
    [Fact]
    public void Hand_computed_signed_rank_bound()
    {
        // d = 1..5, all positive: T = 15, Σr = 15, Σr² = 55. Γ = 1: z = 7.5/√13.75 = 2.0226, p = 0.0216.
        // Γ = 2: p⁺ = 2/3, E = 10, Var = 55·2/9, z = 5/√12.222 = 1.4302, p = 0.0763.
        var r = RosenbaumBounds.SignedRank([1, 2, 3, 4, 5, 0], [1, 2]);
        Assert.Equal(5, r.Pairs);
        Assert.Equal(15, r.Statistic);
        Assert.Equal(0.0216, r.UpperPValues[0], 4);
        Assert.Equal(0.0763, r.UpperPValues[1], 4);
        Assert.InRange(r.CriticalGamma, 1.01, 2);
        Assert.Equal(0.05, RosenbaumBounds.SignedRank([1, 2, 3, 4, 5], [r.CriticalGamma]).UpperPValues[0], 6);
        Assert.Contains("times more likely", r.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Ties_get_average_ranks_and_bounds_grow_with_gamma()
    {
        var r = RosenbaumBounds.SignedRank([2, -2, 3, 3, 3, 5, 6, -1, 4, 7, 8, 9]);
        // |d| ranks: 1→1, 2→2.5, 3→5, 4→7, 5→8, 6→9, 7→10, 8→11, 9→12; positives sum to 2.5 + 3·5 + 7 + 8 + 9 + 10 + 11 + 12.
        Assert.Equal(74.5, r.Statistic, 10);
        for (int i = 1; i < r.UpperPValues.Count; i++)
        {
            Assert.True(r.UpperPValues[i] > r.UpperPValues[i - 1]);
        }

        Assert.Throws<ArgumentException>(() => RosenbaumBounds.SignedRank([0, 0, 1]));
        Assert.Equal(1, RosenbaumBounds.SignedRank([1, -1, 2, -2]).CriticalGamma);
    }
}
