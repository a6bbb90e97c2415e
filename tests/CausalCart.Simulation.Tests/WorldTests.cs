using CausalCart.Simulation.Engine;
using CausalCart.Simulation.Randomness;

namespace CausalCart.Simulation.Tests;

public sealed class WorldTests
{
    private static readonly ShopSimOptions Small = new() { Users = 100, Categories = 10, Seed = 9 };

    [Fact]
    public void Every_category_has_items_and_the_category_index_is_a_permutation()
    {
        var world = World.Build(Small);
        Assert.Equal(200, world.ItemCount);
        Assert.Equal(Enumerable.Range(0, world.ItemCount), world.CategoryItems.Order());
        for (var c = 0; c < world.CategoryCount; c++)
        {
            Assert.True(world.CategoryStart[c + 1] > world.CategoryStart[c], $"category {c} is empty");
            for (var j = world.CategoryStart[c]; j < world.CategoryStart[c + 1]; j++)
            {
                Assert.Equal(c, world.ItemCategory[world.CategoryItems[j]]);
            }
        }
    }

    [Fact]
    public void Recommendation_propensities_sum_to_one_and_match_the_sampling_frequencies()
    {
        var world = World.Build(Small);
        var rng = SimRandom.Create(5, StreamKind.World, 77);
        var taste = new double[world.CategoryCount];
        for (var c = 0; c < taste.Length; c++)
        {
            taste[c] = rng.NextGamma(0.5) + 1e-12;
        }

        var sum = taste.Sum();
        for (var c = 0; c < taste.Length; c++)
        {
            taste[c] /= sum;
        }

        var weight = new double[world.CategoryCount];
        var cumulative = new double[world.CategoryCount];
        var total = world.RecommendationWeights(taste, 0.5, weight, cumulative);
        var propensity = Enumerable.Range(0, world.ItemCount).Select(i => world.RecommendationPropensity(weight, total, i)).ToArray();
        Assert.Equal(1.0, propensity.Sum(), 12);

        const int draws = 400_000;
        var counts = new int[world.ItemCount];
        for (var n = 0; n < draws; n++)
        {
            counts[world.SampleRecommendation(ref rng, cumulative, total)]++;
        }

        AssertFrequenciesMatch(counts, propensity, draws);
    }

    [Fact]
    public void Viewed_items_follow_popularity_times_the_price_sensitivity_penalty()
    {
        var world = World.Build(Small);
        var rng = SimRandom.Create(6, StreamKind.World, 1);
        const int category = 3;
        const int level = 8; // s = 2
        var items = Enumerable.Range(world.CategoryStart[category], world.CategoryStart[category + 1] - world.CategoryStart[category])
            .Select(j => world.CategoryItems[j]).ToArray();
        var weights = items.Select(i => world.ItemPopularity[i] * Math.Exp(-1.0 * 2.0 * (world.ItemLogPrice[i] - world.CategoryLogMedian[category]))).ToArray();
        var expected = weights.Select(w => w / weights.Sum()).ToArray();

        const int draws = 200_000;
        var counts = new int[items.Length];
        for (var n = 0; n < draws; n++)
        {
            var item = world.SampleView(ref rng, category, level);
            counts[Array.IndexOf(items, item)]++;
        }

        AssertFrequenciesMatch(counts, expected, draws);

        // A price-sensitive user views cheaper items than an insensitive one.
        double MeanLogPrice(int lvl)
        {
            var r = SimRandom.Create(8, StreamKind.World, lvl);
            double s = 0;
            for (var n = 0; n < 50_000; n++)
            {
                s += world.ItemLogPrice[world.SampleView(ref r, category, lvl)];
            }

            return s / 50_000;
        }

        Assert.True(MeanLogPrice(16) < MeanLogPrice(0) - 0.1);
    }

    private static void AssertFrequenciesMatch(int[] counts, double[] expected, int draws)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            var p = expected[i];
            var se = Math.Sqrt(p * (1 - p) / draws);
            Assert.True(Math.Abs(counts[i] / (double)draws - p) <= 5 * se + 1e-6, $"item {i}: frequency {counts[i] / (double)draws:G4} vs probability {p:G4}");
        }
    }
}
