using System.Text.Json;

namespace CausalCart.Cli.Tests;

/// <summary>A simulated store, ingested and used to train a tiny model once through the real CLI.</summary>
public sealed class TrainedShopFixture : IDisposable
{
    public TrainedShopFixture()
    {
        Dir = TestPaths.NewTempDir();
        Store = Dir.File("shop.duckdb");
        Checkpoint = Dir.File("model/shop.ccseq");
        var world = Dir.File("world");
        Check(Cli.RunAsync("simulate", "--users", "200", "--seed", "4", "--out", world).GetAwaiter().GetResult());
        Check(Cli.RunAsync("ingest", world, "--format", "generic", "--store", Store).GetAwaiter().GetResult());
        Train = Cli.RunAsync(
            "model", "train", "--store", Store, "--cut", "2024-03-20", "--checkpoint", Checkpoint,
            "--dim", "16", "--layers", "1", "--heads", "2", "--max-length", "16", "--epochs", "2", "--batch", "64", "--threads", "2", "--seed", "3", "--json").GetAwaiter().GetResult();
        Check(Train);
    }

    internal TempDir Dir { get; }

    internal string Store { get; }

    internal string Checkpoint { get; }

    internal CliRun Train { get; }

    public void Dispose() => Dir.Dispose();

    private static void Check(CliRun run) => Assert.True(run.ExitCode == 0, run.ToString());
}

/// <summary>`causalcart model train | evaluate | predict` against a real DuckDB store.</summary>
public sealed class ModelCommandTests(TrainedShopFixture shop) : IClassFixture<TrainedShopFixture>
{
    [Fact]
    public void Train_writes_the_checkpoint_and_manifest_and_reports_progress()
    {
        var json = shop.Train.JsonElement();
        Assert.Equal("1.0", json.GetProperty("schemaVersion").GetString());
        Assert.True(File.Exists(shop.Checkpoint));
        Assert.True(File.Exists(shop.Checkpoint + ".manifest.json"));
        Assert.Equal("store", json.GetProperty("data").GetProperty("source").GetString());
        Assert.StartsWith("2024-03-20T00:00:00", json.GetProperty("data").GetProperty("cut").GetString(), StringComparison.Ordinal);
        Assert.Equal(3UL, json.GetProperty("manifest").GetProperty("seed").GetUInt64());
        Assert.Equal(2, json.GetProperty("history").GetArrayLength());
        Assert.Contains("epoch 2/2: loss", shop.Train.Stderr, StringComparison.Ordinal);
        Assert.Contains("tokens/s", shop.Train.Stderr, StringComparison.Ordinal);
        Assert.Contains("ETA", shop.Train.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(shop.Checkpoint)!, "*.tmp-*"));
    }

    [Fact]
    public async Task Evaluate_reports_the_model_beside_the_baselines_on_both_protocols()
    {
        var run = await Cli.RunAsync("model", "evaluate", "--checkpoint", shop.Checkpoint, "--store", shop.Store, "--threads", "2", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.JsonElement();
        Assert.Equal("manifest", json.GetProperty("cutFrom").GetString());
        foreach (var protocol in new[] { json.GetProperty("leaveOneOut"), json.GetProperty("timeSplit").GetProperty("nextEvent") })
        {
            Assert.True(protocol.GetProperty("users").GetInt32() > 0);
            foreach (var name in new[] { "model", "popularity", "markov" })
            {
                var atK = protocol.GetProperty(name).GetProperty("atK");
                Assert.Equal([5, 10, 20], atK.EnumerateArray().Select(m => m.GetProperty("k").GetInt32()));
                Assert.All(atK.EnumerateArray(), m => Assert.InRange(m.GetProperty("ndcg").GetDouble(), 0, 1));
            }

            Assert.InRange(protocol.GetProperty("modelActions").GetProperty("macroF1").GetDouble(), 0, 1);
            Assert.InRange(protocol.GetProperty("previousAction").GetProperty("accuracy").GetDouble(), 0, 1);
        }

        var purchase = json.GetProperty("timeSplit").GetProperty("purchase");
        Assert.True(purchase.GetProperty("model").GetProperty("users").GetInt32() > 0);
        Assert.Equal(purchase.GetProperty("model").GetProperty("users").GetInt32(), purchase.GetProperty("logisticRegression").GetProperty("users").GetInt32());

        var text = await Cli.RunAsync("model", "evaluate", "--checkpoint", shop.Checkpoint, "--store", shop.Store, "--threads", "2");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("logistic regression", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("previous action", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("NDCG@10", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_gives_top_k_source_ids_action_probabilities_and_a_purchase_probability()
    {
        var user = File.ReadLines(shop.Dir.File("world/events.csv")).Skip(1).First().Split(',')[0];
        var run = await Cli.RunAsync("model", "predict", "--checkpoint", shop.Checkpoint, "--store", shop.Store, "--user", user, "--before", "2024-03-20", "--top", "4", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.JsonElement();
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal([1, 2, 3, 4], items.Select(i => i.GetProperty("rank").GetInt32()));
        Assert.All(items, i => Assert.Equal(JsonValueKind.String, i.GetProperty("item").ValueKind));
        Assert.Equal(1.0, json.GetProperty("nextAction").EnumerateObject().Sum(p => p.Value.GetDouble()), 5);
        Assert.InRange(json.GetProperty("purchaseProbability").GetDouble(), 0, 1);
        Assert.Equal(0, json.GetProperty("ignoredUnknownItems").GetInt32());

        var history = shop.Dir.File("history.csv");
        await File.WriteAllTextAsync(history, "item,action,timestamp\n" + items[0].GetProperty("item").GetString() + ",view,2024-03-19T10:00:00Z\nno-such-item,cart,2024-03-19T10:05:00Z\n");
        var fromFile = await Cli.RunAsync("model", "predict", "--checkpoint", shop.Checkpoint, "--events", history, "--top", "3");
        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Contains("1 of 2 events ignored", fromFile.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, fromFile.Stdout.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+\s")));
        Assert.Contains("purchase within 24 h", fromFile.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_errors_for_other_vocabularies_broken_checkpoints_missing_files_and_bad_histories()
    {
        var sequences = shop.Dir.File("other.txt");
        await File.WriteAllTextAsync(sequences, "u1 1 2 3 4\nu2 2 3 4 5\n");
        var other = await Cli.RunAsync("model", "evaluate", "--checkpoint", shop.Checkpoint, "--sequences", sequences);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("another item vocabulary", other.Stderr, StringComparison.Ordinal);

        var broken = shop.Dir.File("broken.ccseq");
        await File.WriteAllTextAsync(broken, "not a model");
        var bad = await Cli.RunAsync("model", "predict", "--checkpoint", broken, "--items", "1,2");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not a CausalCart sequence-model checkpoint", bad.Stderr, StringComparison.Ordinal);

        var missingStore = await Cli.RunAsync("model", "train", "--store", shop.Dir.File("none.duckdb"), "--checkpoint", shop.Dir.File("x.ccseq"));
        Assert.Equal(2, missingStore.ExitCode);
        Assert.Contains("does not exist", missingStore.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(shop.Dir.File("none.duckdb")));

        var missingCheckpoint = await Cli.RunAsync("model", "evaluate", "--checkpoint", shop.Dir.File("none.ccseq"), "--store", shop.Store);
        Assert.Equal(2, missingCheckpoint.ExitCode);
        Assert.Contains("not found", missingCheckpoint.Stderr, StringComparison.Ordinal);

        var unknown = await Cli.RunAsync("model", "predict", "--checkpoint", shop.Checkpoint, "--items", "nope1,nope2");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("all 2 were ignored", unknown.Stderr, StringComparison.Ordinal);

        var twoSources = await Cli.RunAsync("model", "predict", "--checkpoint", shop.Checkpoint, "--items", "1", "--events", sequences);
        Assert.Equal(2, twoSources.ExitCode);
        Assert.Contains("exactly one way", twoSources.Stderr, StringComparison.Ordinal);

        var empty = shop.Dir.File("empty.csv");
        await File.WriteAllTextAsync(empty, "item,action\n");
        var none = await Cli.RunAsync("model", "predict", "--checkpoint", shop.Checkpoint, "--events", empty);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("is empty", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sequence_file_trains_evaluates_leave_one_out_only_and_predicts_from_ids()
    {
        using var dir = TestPaths.NewTempDir();
        var path = dir.File("seq.txt");
        var rng = new Random(5);
        await File.WriteAllLinesAsync(path, Enumerable.Range(1, 60).Select(u =>
        {
            var start = rng.Next(1, 30);
            return u + " " + string.Join(' ', Enumerable.Range(0, 6 + rng.Next(6)).Select(i => 1 + ((start + i) % 30)));
        }));
        var checkpoint = dir.File("seq.ccseq");
        var train = await Cli.RunAsync("model", "train", "--sequences", path, "--checkpoint", checkpoint, "--dim", "16", "--layers", "1", "--max-length", "8", "--epochs", "1", "--batch", "32", "--threads", "2");
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("leave-one-out test: NDCG@10", train.Stdout, StringComparison.Ordinal);

        var evaluate = await Cli.RunAsync("model", "evaluate", "--checkpoint", checkpoint, "--sequences", path, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        var json = evaluate.JsonElement();
        Assert.False(json.TryGetProperty("timeSplit", out _));
        Assert.False(json.GetProperty("leaveOneOut").TryGetProperty("modelActions", out _));
        Assert.Equal(60, json.GetProperty("leaveOneOut").GetProperty("users").GetInt32());

        var cut = await Cli.RunAsync("model", "train", "--sequences", path, "--cut", "2024-01-01", "--checkpoint", checkpoint);
        Assert.Equal(2, cut.ExitCode);
        Assert.Contains("--cut needs timestamped events", cut.Stderr, StringComparison.Ordinal);

        var predict = await Cli.RunAsync("model", "predict", "--checkpoint", checkpoint, "--items", "3,4,5", "--top", "2", "--json");
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var p = predict.JsonElement();
        Assert.Equal(2, p.GetProperty("items").GetArrayLength());
        Assert.All(p.GetProperty("items").EnumerateArray(), i => Assert.InRange(int.Parse(i.GetProperty("item").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 1, 30));
        Assert.False(p.TryGetProperty("purchaseProbability", out _));
    }
}
