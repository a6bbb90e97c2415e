using CausalCart.Core.Errors;
using CausalCart.Pipeline.Modeling;

namespace CausalCart.Pipeline.Tests.Modeling;

/// <summary>Events → per-user sequences cut at a time, read from a real store.</summary>
public sealed class ModelDataLoaderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = ModelingStores.Start;
    private readonly ModelingStores stores = new();

    public void Dispose() => stores.Dispose();

    private string SmallStore() => stores.Store("small",
    [
        // Rows out of time order on purpose: sequences must come out oldest first.
        ("bob", "sku-B", "view", T0.AddHours(2)),
        ("ann", "sku-A", "view", T0),
        ("ann", null, "search", T0.AddMinutes(30)),
        ("ann", "sku-B", "cart", T0.AddHours(1)),
        ("ann", "sku-C", "buy", T0.AddHours(5)),       // exactly at the cut: after it
        ("ann", "sku-D", "view", T0.AddHours(6)),      // only after the cut: still in the vocabulary
        ("bob", "sku-A", "buy", T0.AddHours(3)),
    ]);

    [Fact]
    public void Training_histories_are_the_events_strictly_before_the_cut()
    {
        var data = ModelDataLoader.Load(new ModelDataSource { StorePath = SmallStore(), Cut = T0.AddHours(5) }, TimeSpan.FromDays(1));
        Assert.Equal("store", data.Source);
        Assert.Equal(T0.AddHours(5), data.Cut);
        Assert.Equal(2, data.All.UserCount);
        Assert.Equal(6, data.All.EventCount);
        Assert.Equal(1, data.EventsWithoutItem);
        Assert.Equal(4, data.All.ItemCount);
        Assert.Equal(4, data.Training.EventCount); // ann: A, B; bob: B, A
        Assert.Equal(data.All.VocabularyHash, data.Training.VocabularyHash);

        // Rows are in order of first appearance over users in store order (bob was seen first) and time.
        Assert.Equal(["sku-B", "sku-A", "sku-C", "sku-D"], data.ItemKeysInRowOrder());
        Assert.Equal("sku-D", data.KeysById[ItemKeys.IdOf("sku-D")]);
    }

    [Fact]
    public void The_default_cut_is_one_horizon_before_the_last_event()
    {
        var data = ModelDataLoader.Load(new ModelDataSource { StorePath = SmallStore() }, TimeSpan.FromMinutes(30));
        Assert.Equal(T0.AddHours(5.5), data.Cut);
        Assert.Equal(5, data.Training.EventCount);
    }

    [Fact]
    public void The_same_store_gives_the_same_hashes_and_a_changed_event_changes_the_data_hash()
    {
        var a = ModelDataLoader.Load(new ModelDataSource { StorePath = stores.Shop("a", seed: 3) }, TimeSpan.FromDays(1));
        var b = ModelDataLoader.Load(new ModelDataSource { StorePath = stores.Shop("b", seed: 3) }, TimeSpan.FromDays(1));
        var c = ModelDataLoader.Load(new ModelDataSource { StorePath = stores.Shop("c", seed: 4) }, TimeSpan.FromDays(1));
        Assert.Equal(a.Input.Sha256, b.Input.Sha256);
        Assert.Equal(a.All.VocabularyHash, b.All.VocabularyHash);
        Assert.Equal(a.Cut, b.Cut);
        Assert.NotEqual(a.Input.Sha256, c.Input.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", a.Input.Sha256);
    }

    [Fact]
    public void Bad_sources_are_refused_with_the_reason()
    {
        var store = SmallStore();
        Assert.Contains("exactly one", Assert.Throws<CausalCartException>(() => ModelDataLoader.Load(new ModelDataSource(), TimeSpan.FromDays(1))).Message, StringComparison.Ordinal);
        var missing = stores.File("missing.duckdb");
        Assert.Contains("does not exist", Assert.Throws<CausalCartException>(() => ModelDataLoader.Load(new ModelDataSource { StorePath = missing }, TimeSpan.FromDays(1))).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing), "Loading must not create a store.");
        Assert.Contains("first event", Assert.Throws<CausalCartException>(() => ModelDataLoader.Load(new ModelDataSource { StorePath = store, Cut = T0 }, TimeSpan.FromDays(1))).Message, StringComparison.Ordinal);
        var sequences = stores.File("s.txt");
        File.WriteAllText(sequences, "u1 1 2 3\n");
        Assert.Contains("--cut", Assert.Throws<CausalCartException>(() => ModelDataLoader.Load(new ModelDataSource { SequencesPath = sequences, Cut = T0 }, TimeSpan.FromDays(1))).Message, StringComparison.Ordinal);
        Assert.Contains("ISO 8601", Assert.Throws<CausalCartException>(() => ModelDataLoader.ParseCut("yesterday")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sequence_file_is_read_whole_with_its_integer_ids_as_keys()
    {
        var path = stores.File("seq.txt");
        File.WriteAllText(path, "u1 1 2 3 4\nu2 2 3 5\n");
        var data = ModelDataLoader.Load(new ModelDataSource { SequencesPath = path }, TimeSpan.FromDays(1));
        Assert.Same(data.All, data.Training);
        Assert.Null(data.Cut);
        Assert.Equal(["1", "2", "3", "4", "5"], data.ItemKeysInRowOrder());
        Assert.Equal(7, data.All.EventCount);
    }
}
