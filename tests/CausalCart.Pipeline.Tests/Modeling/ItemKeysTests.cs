using CausalCart.Core.Errors;
using CausalCart.Pipeline.Modeling;

namespace CausalCart.Pipeline.Tests.Modeling;

public sealed class ItemKeysTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("17", 17L)]
    [InlineData("12101", 12101L)]
    public void Canonical_integers_are_their_own_id(string key, long id) => Assert.Equal(id, ItemKeys.IdOf(key));

    [Theory]
    [InlineData("007")]
    [InlineData("-3")]
    [InlineData("sku-A")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public void Other_keys_are_hashed_into_the_upper_range_deterministically(string key)
    {
        var id = ItemKeys.IdOf(key);
        Assert.InRange(id, 1L << 62, long.MaxValue);
        Assert.Equal(id, ItemKeys.IdOf(new string(key.ToCharArray())));
        Assert.NotEqual(ItemKeys.IdOf(key + "x"), id);
    }

    [Fact]
    public void Map_remembers_keys_and_accepts_repeats()
    {
        var keys = new Dictionary<long, string>();
        var a = ItemKeys.Map("sku-A", keys);
        Assert.Equal(a, ItemKeys.Map("sku-A", keys));
        Assert.Equal("sku-A", keys[a]);
        Assert.Equal(5L, ItemKeys.Map("5", keys));
    }

    [Fact]
    public void Map_refuses_two_keys_with_one_id()
    {
        var keys = new Dictionary<long, string> { [ItemKeys.IdOf("sku-A")] = "sku-B" };
        var e = Assert.Throws<CausalCartException>(() => ItemKeys.Map("sku-A", keys));
        Assert.Contains("sku-B", e.Message, StringComparison.Ordinal);
        Assert.Contains("sku-A", e.Message, StringComparison.Ordinal);
    }
}
