using System.Globalization;
using System.Text;
using CausalCart.Pipeline.Ingestion;

namespace CausalCart.Pipeline.Tests.Modeling;

/// <summary>Small event stores for the behaviour-model glue, ingested from generated CSV through the real pipeline.</summary>
internal sealed class ModelingStores : IDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public ModelingStores()
    {
        Folder = Path.Combine(Path.GetTempPath(), "causalcart-modeling-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string File(string name) => Path.Combine(Folder, name);

    /// <summary>Ingests generic-format rows (user, item, action, time) into a new store and returns its path.</summary>
    public string Store(string name, IEnumerable<(string User, string? Item, string Action, DateTimeOffset Time)> rows)
    {
        var csv = File(name + ".csv");
        var text = new StringBuilder("user_id,item_id,category_id,action,timestamp\n");
        foreach (var (user, item, action, time) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{user},{item},c1,{action},{time:yyyy-MM-ddTHH:mm:ssZ}\n");
        }

        System.IO.File.WriteAllText(csv, text.ToString());
        var store = File(name + ".duckdb");
        IngestService.Run(new IngestRequest { Path = csv, StorePath = store });
        return store;
    }

    /// <summary>
    /// A shop with a learnable pattern: 40 users walk the items sku-00 … sku-(items−1) in order from a random
    /// start, viewing mostly, carting every third event and buying every fifth, one event every three hours.
    /// </summary>
    public string Shop(string name, int items = 25, int seed = 1, string prefix = "sku-")
    {
        var rng = new Random(seed);
        var rows = new List<(string, string?, string, DateTimeOffset)>();
        for (var u = 0; u < 40; u++)
        {
            var item = rng.Next(items);
            var t = Start.AddHours(rng.Next(48));
            var n = 12 + rng.Next(10);
            for (var e = 0; e < n; e++)
            {
                var action = e % 5 == 4 ? "buy" : e % 3 == 2 ? "cart" : "view";
                rows.Add(($"user{u}", string.Create(CultureInfo.InvariantCulture, $"{prefix}{item:D2}"), action, t));
                item = (item + 1) % items;
                t = t.AddHours(3);
            }
        }

        return Store(name, rows);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp later.
        }
    }
}
