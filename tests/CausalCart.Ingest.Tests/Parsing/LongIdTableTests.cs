using CausalCart.Ingest.Parsing;

namespace CausalCart.Ingest.Tests.Parsing;

public sealed class LongIdTableTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(7, 1_000)]
    [InlineData(42, 200_000)]
    public void Agrees_with_a_reference_dictionary_through_growth(int seed, int operations)
    {
        var rng = new Random(seed);
        var table = new LongIdTable(16);
        var reference = new Dictionary<long, int>();
        for (var i = 0; i < operations; i++)
        {
            // Mix of repeated small keys, sequential keys and huge keys.
            long key = (i % 3) switch
            {
                0 => rng.Next(0, 500),
                1 => i,
                _ => (long)(rng.NextDouble() * long.MaxValue),
            };
            var id = table.GetOrAdd(key, reference.Count, out var added);
            if (reference.TryGetValue(key, out var expected))
            {
                Assert.False(added);
                Assert.Equal(expected, id);
            }
            else
            {
                Assert.True(added);
                Assert.Equal(reference.Count, id);
                reference.Add(key, id);
            }
        }

        Assert.Equal(reference.Count, table.Count);
        Assert.False(table.TryGetValue(long.MaxValue - 3, out _) && !reference.ContainsKey(long.MaxValue - 3), "a key never added was found");
        foreach (var (key, id) in reference)
        {
            Assert.True(table.TryGetValue(key, out var got));
            Assert.Equal(id, got);
        }

    }

    [Fact]
    public void Last_key_cache_in_the_dictionary_never_returns_a_stale_id()
    {
        var ids = new IdDictionary("user");
        Assert.Equal(0, ids.GetOrAdd(7L));
        Assert.Equal(0, ids.GetOrAdd(7L));
        Assert.Equal(1, ids.GetOrAdd(8L));
        Assert.Equal(0, ids.GetOrAdd("7"u8));
        Assert.Equal(1, ids.GetOrAdd("8".AsSpan()));
        Assert.Equal(2, ids.GetOrAdd("abc".AsSpan()));
        Assert.Equal(1, ids.GetOrAdd(8L));
        Assert.Equal("8", ids.KeyOf(1));
        Assert.Equal(3, ids.Count);
    }
}
