using System.Diagnostics;
using System.Globalization;
using CausalCart.Core.Events;
using CausalCart.Core.Serialization;
using CausalCart.Sequence;
using CausalCart.Sequence.Baselines;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Evaluation;

// Usage:
//   SequenceBench train <sequences.txt> <out-dir> [key=value ...]   (minutes, epochs, threads, dropout, lr, batch, channels, layers, heads, length, patience, seed, wd)
//   SequenceBench throughput [items=50000] [steps=30] [threads=2] [loss=full|sampled] [negatives=2048]
var mode = args.Length > 0 ? args[0] : throw new ArgumentException("mode: train | throughput");
var kv = args.Skip(1).Where(a => a.Contains('=', StringComparison.Ordinal)).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
string Get(string k, string d) => kv.TryGetValue(k, out var v) ? v : d;
int I(string k, int d) => int.Parse(Get(k, d.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
float F(string k, float d) => float.Parse(Get(k, d.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var model = new SequenceModelOptions
{
    Channels = I("channels", 64), Layers = I("layers", 2), Heads = I("heads", 2), MaxLength = I("length", 50),
    Dropout = F("dropout", 0.3f), SampledNegatives = I("negatives", 2048),
    ItemLoss = Get("loss", "full") == "sampled" ? NextItemLoss.SampledSoftmax : NextItemLoss.FullSoftmax,
};

if (mode == "train")
{
    var positional = args.Skip(1).Where(a => !a.Contains('=', StringComparison.Ordinal)).ToArray();
    var path = positional[0];
    var outDir = positional[1];
    Directory.CreateDirectory(outDir);
    var data = SequenceDataset.ReadItemSequences(path);
    var training = new SequenceTrainingOptions
    {
        Epochs = I("epochs", 400), BatchSize = I("batch", 128), LearningRate = F("lr", 1e-3f), WeightDecay = F("wd", 0f),
        Threads = I("threads", 2), Patience = I("patience", 10), Seed = (ulong)I("seed", 42),
        TimeBudget = TimeSpan.FromMinutes(F("minutes", 40)),
    };
    Console.Error.WriteLine($"{path}: {data.UserCount} users, {data.ItemCount} items, {data.EventCount} events");
    var sw = Stopwatch.StartNew();
    var baselines = new Dictionary<string, RankingMetrics>
    {
        ["popularity"] = SequenceBaselines.Popularity(data, EvaluationSplit.Test, threads: training.Threads),
        ["markov"] = SequenceBaselines.Markov(data, EvaluationSplit.Test, threads: training.Threads),
    };
    foreach (var (name, m) in baselines)
    {
        Console.Error.WriteLine($"baseline {name}: NDCG@10 {m.Ndcg(10):F4} HR@10 {m.HitRate(10):F4}");
    }

    Console.Error.WriteLine($"baselines took {sw.Elapsed.TotalSeconds:F1} s");
    var result = SequenceTrainer.Train(data, model, training, new Progress(), default);
    foreach (var e in result.History)
    {
        Console.Error.WriteLine($"epoch {e.Epoch}: loss {e.TrainLoss:F4} valid NDCG@10 {e.ValidationNdcg10:F4} HR@10 {e.ValidationHitRate10:F4} at {e.Elapsed.TotalMinutes:F1} min");
    }

    result.Model.Save(Path.Combine(outDir, "model.ccseq"));
    var report = new { result.Manifest, result.Validation, result.Test, result.History, Baselines = baselines };
    File.WriteAllText(Path.Combine(outDir, "result.json"), CausalCartJson.Serialize(report));
    Console.WriteLine($"test NDCG@10 {result.Test.Ranking.Ndcg(10):F4} HR@10 {result.Test.Ranking.HitRate(10):F4} (valid {result.Validation.Ranking.Ndcg(10):F4}); best epoch {result.Manifest.BestEpoch}/{result.Manifest.Epochs}; {result.Manifest.Elapsed.TotalMinutes:F1} min; {result.Manifest.TokensPerSecond:F0} tokens/s; stopped: {result.Manifest.StoppedBecause}");
}
else if (mode == "taobao")
{
    // Real events with actions and timestamps: next-action metrics (leave-one-out) and purchase within
    // the horizon on a time split, model vs baselines. Usage: taobao <UserBehavior.csv> [minutes=5] [threads=2]
    var path = args[1];
    var byUser = new Dictionary<string, List<SequenceEvent>>();
    foreach (var line in File.ReadLines(path))
    {
        var f = line.Split(',');
        var action = f[3] switch { "pv" => CanonicalAction.View, "cart" => CanonicalAction.Cart, "fav" => CanonicalAction.Fav, _ => CanonicalAction.Buy };
        if (!byUser.TryGetValue(f[0], out var list))
        {
            byUser[f[0]] = list = [];
        }

        list.Add(new SequenceEvent(long.Parse(f[1], CultureInfo.InvariantCulture), action, DateTimeOffset.FromUnixTimeSeconds(long.Parse(f[4], CultureInfo.InvariantCulture))));
    }

    var users = byUser.Select(kv => new UserSequence(kv.Key, [.. kv.Value.OrderBy(e => e.Timestamp)])).ToList();
    var data = SequenceDataset.FromEvents(users);
    var first = users.SelectMany(u => u.Events).Min(e => e.Timestamp!.Value);
    var last = users.SelectMany(u => u.Events).Max(e => e.Timestamp!.Value);
    var horizon = TimeSpan.FromMinutes(I("horizon", 30));
    var cutoff = last - horizon;
    Console.Error.WriteLine($"taobao: {data.UserCount} users, {data.ItemCount} items, {data.EventCount} events, {first:u} .. {last:u}; cutoff {cutoff:u}, horizon {horizon}");
    var options = model with { ItemLoss = NextItemLoss.SampledSoftmax, PurchaseHorizon = horizon, ActionLossWeight = 1f, PurchaseLossWeight = 1f, MaxLength = 20 };
    var training = new SequenceTrainingOptions { Epochs = I("epochs", 30), BatchSize = 256, LearningRate = F("lr", 2e-3f), Threads = I("threads", 2), Patience = 3, TimeBudget = TimeSpan.FromMinutes(F("minutes", 5)) };
    var result = SequenceTrainer.Train(data.Before(cutoff), options, training);
    var purchase = result.Model.EvaluatePurchase(data, cutoff);
    var purchaseBaseline = SequenceBaselines.PurchaseLogisticRegression(data, cutoff, horizon);
    var fullLoo = SequenceTrainer.Train(data, options, training);
    var report = new
    {
        Purchase = new { Model = purchase, LogisticRegression = purchaseBaseline, Cutoff = cutoff, Horizon = horizon, result.Manifest },
        NextAction = new { Model = fullLoo.Test.Actions, PreviousAction = SequenceBaselines.PreviousAction(data, EvaluationSplit.Test), fullLoo.Test.Ranking, Popularity = SequenceBaselines.Popularity(data, EvaluationSplit.Test), Markov = SequenceBaselines.Markov(data, EvaluationSplit.Test), fullLoo.Manifest },
    };
    Console.WriteLine(CausalCartJson.Serialize(report));
}
else if (mode == "kernels")
{
    SequenceBench.KernelProfile.Run(I("threads", 1));
}
else if (mode == "profile")
{
    SequenceBench.Profile.Run(I("items", 50000), I("threads", 2), I("negatives", 0), I("steps", 4));
}
else if (mode == "throughput")
{
    // The ANCHORS SASRec-like step: V items, d=64, 2 blocks, windows of 50 tokens, batch 128.
    var items = I("items", 50000);
    var steps = I("steps", 30);
    var length = model.MaxLength;
    var rng = new Random(7);
    var users = new List<UserSequence>();
    for (var u = 0; u < 128 * steps; u++)
    {
        var events = new SequenceEvent[length + 3];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = new SequenceEvent(1 + rng.Next(items), CanonicalAction.Buy, null);
        }

        users.Add(new UserSequence(u.ToString(CultureInfo.InvariantCulture), events));
    }

    // Make every item id appear so that V is exactly `items`.
    users.Add(new UserSequence("all", [.. Enumerable.Range(1, items).Select(i => new SequenceEvent(i, CanonicalAction.Buy, null))]));
    var data = SequenceDataset.FromEvents(users);
    var training = new SequenceTrainingOptions { Epochs = 1, BatchSize = 128, Threads = I("threads", 2), Seed = 1 };
    var result = SequenceTrainer.Train(data, model with { Dropout = 0.2f }, training);
    // Tokens/s as measured inside Train (training steps only, no validation).
    Console.WriteLine($"csharp items={data.ItemCount} loss={result.Manifest.ItemLoss} steps={result.Manifest.Steps} tokens={result.Manifest.Tokens} tokens_per_s={result.Manifest.TokensPerSecond:F0}");
}

internal sealed class Progress : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
    }
}
