using CausalCart.Core.Errors;
using CausalCart.Core.Events;
using CausalCart.Pipeline.Modeling;

namespace CausalCart.Pipeline.Tests.Modeling;

public sealed class HistoryFileTests : IDisposable
{
    private readonly ModelingStores files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Csv_with_optional_columns_and_defaults()
    {
        var path = files.File("h.csv");
        File.WriteAllText(path, "item_id,action,timestamp\nsku-1,cart,2024-03-01T10:00:00Z\nsku-2,,1709287200\n");
        var events = HistoryFile.Read(path, CanonicalAction.View);
        Assert.Equal(
        [
            new HistoryEvent("sku-1", CanonicalAction.Cart, new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero)),
            new HistoryEvent("sku-2", CanonicalAction.View, DateTimeOffset.FromUnixTimeSeconds(1709287200)),
        ], events);
    }

    [Fact]
    public void Json_items_may_be_numbers_and_timestamps_optional()
    {
        var path = files.File("h.json");
        File.WriteAllText(path, """[{"item": 17, "action": "buy"}, {"item": "sku-2"}]""");
        Assert.Equal([new HistoryEvent("17", CanonicalAction.Buy, null), new HistoryEvent("sku-2", CanonicalAction.Fav, null)], HistoryFile.Read(path, CanonicalAction.Fav));
    }

    [Fact]
    public void Bad_files_name_the_row_and_the_problem()
    {
        var noItem = files.File("a.csv");
        File.WriteAllText(noItem, "product,action\n1,view\n");
        Assert.Contains("'item'", Assert.Throws<CausalCartException>(() => HistoryFile.Read(noItem, CanonicalAction.View)).Message, StringComparison.Ordinal);
        var badAction = files.File("b.csv");
        File.WriteAllText(badAction, "item,action\n1,view\n2,purchase\n");
        var e = Assert.Throws<CausalCartException>(() => HistoryFile.Read(badAction, CanonicalAction.View));
        Assert.Contains("b.csv:3", e.Message, StringComparison.Ordinal);
        Assert.Contains("purchase", e.Message, StringComparison.Ordinal);
        var unordered = files.File("c.json");
        File.WriteAllText(unordered, """[{"item": 1, "timestamp": 200}, {"item": 2, "timestamp": 100}]""");
        Assert.Contains("oldest first", Assert.Throws<CausalCartException>(() => HistoryFile.Read(unordered, CanonicalAction.View)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<CausalCartException>(() => HistoryFile.Read(files.File("none.csv"), CanonicalAction.View)).Message, StringComparison.Ordinal);
    }
}
