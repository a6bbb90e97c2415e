using CausalCart.Simulation.Randomness;

namespace CausalCart.Simulation.Tests;

public sealed class SimRandomTests
{
    [Fact]
    public void Xoshiro256StarStar_matches_the_reference_outputs_for_state_1_2_3_4()
    {
        // Outputs of Vigna's reference xoshiro256starstar.c from s = {1, 2, 3, 4}.
        var rng = SimRandom.FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        Assert.Equal(1509978240UL, rng.NextUInt64());
        Assert.Equal(1215971899390074240UL, rng.NextUInt64());
    }

    [Fact]
    public void SplitMix64_matches_the_reference_outputs_for_seed_1234567()
    {
        var state = 1234567UL;
        Assert.Equal(6457827717110365317UL, SimRandom.SplitMixNext(ref state));
        Assert.Equal(3203168211198807973UL, SimRandom.SplitMixNext(ref state));
        Assert.Equal(9817491932198370423UL, SimRandom.SplitMixNext(ref state));
    }

    [Fact]
    public void Streams_are_reproducible_and_differ_by_seed_kind_and_index()
    {
        static ulong First(int seed, StreamKind kind, long index) => SimRandom.Create(seed, kind, index).NextUInt64();
        Assert.Equal(First(1, StreamKind.UserBehavior, 5), First(1, StreamKind.UserBehavior, 5));
        var values = new HashSet<ulong>
        {
            First(1, StreamKind.UserBehavior, 5),
            First(2, StreamKind.UserBehavior, 5),
            First(1, StreamKind.Assignment, 5),
            First(1, StreamKind.UserBehavior, 6),
            First(1, StreamKind.World, 0),
        };
        Assert.Equal(5, values.Count);
    }

    [Fact]
    public void All_zero_state_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SimRandom.FromState(0, 0, 0, 0));
    }

    [Fact]
    public void Uniforms_stay_in_their_ranges()
    {
        var rng = SimRandom.Create(7, StreamKind.World, 0);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.InRange(rng.NextDouble(), 0.0, 0.9999999999999999);
            Assert.InRange(rng.NextDoubleNonZero(), double.Epsilon, 1.0);
            Assert.InRange(rng.NextInt(7), 0, 6);
        }
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(9.5)]
    public void Gamma_has_mean_and_variance_equal_to_its_shape(double shape)
    {
        var (mean, variance) = Moments(200_000, (ref SimRandom r) => r.NextGamma(shape));
        Assert.Equal(shape, mean, shape * 0.02);
        Assert.Equal(shape, variance, shape * 0.05);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(3.0)]
    [InlineData(11.9)]
    [InlineData(12.0)]
    [InlineData(40.0)]
    [InlineData(500.0)]
    public void Poisson_has_mean_and_variance_equal_to_its_rate(double rate)
    {
        var (mean, variance) = Moments(200_000, (ref SimRandom r) => r.NextPoisson(rate));
        Assert.Equal(rate, mean, rate * 0.01 + 0.005);
        Assert.Equal(rate, variance, rate * 0.03 + 0.005);
    }

    [Fact]
    public void Poisson_above_the_switch_has_the_right_probability_of_zero_and_of_the_mode()
    {
        // P(X = 15 | λ = 15) = e^-15·15^15/15! ≈ 0.10244; PTRS must hit it, not just the moments.
        var rng = SimRandom.Create(3, StreamKind.World, 0);
        const int n = 400_000;
        var hits = 0;
        for (var i = 0; i < n; i++)
        {
            if (rng.NextPoisson(15) == 15)
            {
                hits++;
            }
        }

        var expected = Math.Exp(-15 + 15 * Math.Log(15) - SimRandom.LogFactorial(15));
        Assert.Equal(0.10244, expected, 4);
        Assert.Equal(expected, hits / (double)n, 0.003);
    }

    [Fact]
    public void Normal_has_mean_0_and_variance_1()
    {
        var (mean, variance) = Moments(200_000, (ref SimRandom r) => r.NextNormal());
        Assert.Equal(0, mean, 0.01);
        Assert.Equal(1, variance, 0.02);
    }

    [Fact]
    public void LogFactorial_matches_the_exact_sum_on_both_sides_of_the_switch()
    {
        for (var k = 0; k < 40; k++)
        {
            var exact = Enumerable.Range(2, Math.Max(0, k - 1)).Sum(i => Math.Log(i));
            Assert.Equal(exact, SimRandom.LogFactorial(k), 1e-9);
        }
    }

    private delegate double Draw(ref SimRandom rng);

    private static (double Mean, double Variance) Moments(int n, Draw draw)
    {
        var rng = SimRandom.Create(11, StreamKind.World, 3);
        double sum = 0, sumSq = 0;
        for (var i = 0; i < n; i++)
        {
            var x = draw(ref rng);
            sum += x;
            sumSq += x * x;
        }

        var mean = sum / n;
        return (mean, (sumSq - n * mean * mean) / (n - 1));
    }
}
