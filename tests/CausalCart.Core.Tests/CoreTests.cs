using CausalCart.Core.Events;
using CausalCart.Core.Results;
using CausalCart.Core.Serialization;
using CausalCart.Core.Tables;

namespace CausalCart.Core.Tests;

public sealed class CanonicalActionsTests
{
    [Fact]
    public void Every_action_round_trips_through_its_name_and_the_numeric_values_never_change()
    {
        foreach (var action in CanonicalActions.All)
        {
            Assert.True(CanonicalActions.TryParse(CanonicalActions.Name(action).ToUpperInvariant(), out var parsed));
            Assert.Equal(action, parsed);
        }

        // The byte values are the store's on-disk format.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], CanonicalActions.All.Select(a => (int)a));
        Assert.Equal(["view", "click", "cart", "fav", "buy", "search", "remove_from_cart"], CanonicalActions.All.Select(CanonicalActions.Name));
    }

    [Fact]
    public void Unknown_action_lists_the_valid_ones()
    {
        Assert.False(CanonicalActions.TryParse("purchase", out _));
        var ex = Assert.Throws<ArgumentException>(() => CanonicalActions.Parse("purchase"));
        Assert.Contains("view, click, cart, fav, buy, search, remove_from_cart", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class UnitTableTests
{
    [Fact]
    public void Columns_are_found_by_name_and_typed()
    {
        var table = new UnitTable([new NumericColumn("y", [1, double.NaN, 0]), new CategoricalColumn("seg", [0, -1, 1], ["a", "b"])]);
        Assert.Equal(3, table.RowCount);
        Assert.Equal(1, table.Numeric("y").MissingCount);
        Assert.Equal(["a", "b"], ((CategoricalColumn)table["seg"]).Levels);
        Assert.Contains("Columns: y, seg", Assert.Throws<KeyNotFoundException>(() => table["z"]).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => table.Numeric("seg"));
    }

    [Fact]
    public void Ragged_duplicate_empty_and_bad_codes_are_refused()
    {
        Assert.Contains("has 2 rows", Assert.Throws<ArgumentException>(() => new UnitTable([new NumericColumn("a", [1, 2, 3]), new NumericColumn("b", [1, 2])])).Message, StringComparison.Ordinal);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new UnitTable([new NumericColumn("a", [1]), new NumericColumn("a", [2])])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new UnitTable([]));
        Assert.Throws<ArgumentException>(() => new CategoricalColumn("c", [0, 2], ["x", "y"]));
    }
}

public sealed class CausalCartJsonTests
{
    [Fact]
    public void Results_round_trip_with_snake_case_enums_camel_case_properties_and_named_non_finite_numbers()
    {
        var estimate = new EffectEstimate(EffectMethod.Aipw, Estimand.Att, 0.5, 0.1, 0.3, 0.7, 0.95, 100, 40, 60,
            new Dictionary<string, double> { ["clippedShare"] = double.NaN }, ["careful"]);
        var json = CausalCartJson.Serialize(estimate);
        Assert.Contains("\"method\": \"aipw\"", json, StringComparison.Ordinal);
        Assert.Contains("\"estimand\": \"att\"", json, StringComparison.Ordinal);
        Assert.Contains("\"stdError\": 0.1", json, StringComparison.Ordinal);
        Assert.Contains("\"NaN\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n", json, StringComparison.Ordinal);
        var back = CausalCartJson.Deserialize<EffectEstimate>(json);
        Assert.Equal(estimate.Estimate, back.Estimate);
        Assert.Equal(estimate.Method, back.Method);
        Assert.True(double.IsNaN(back.Diagnostics["clippedShare"]));
        Assert.True(back.Covers(0.7) && back.Covers(0.3) && !back.Covers(0.71));
    }

    [Fact]
    public void Null_json_is_an_error_naming_the_type()
    {
        var ex = Assert.Throws<System.Text.Json.JsonException>(() => CausalCartJson.Deserialize<EffectEstimate>("null"));
        Assert.Contains(nameof(EffectEstimate), ex.Message, StringComparison.Ordinal);
    }
}
