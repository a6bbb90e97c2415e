using System.CommandLine;
using CausalCart.Core.Errors;
using CausalCart.Pipeline.Modeling;
using CausalCart.Sequence;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart model train</c>.</summary>
internal static partial class ModelCommand
{
    private static Command Train(CliConsole console)
    {
        var store = OptionalStore();
        var sequences = Sequences();
        var cut = Cut();
        var checkpoint = Checkpoint("The checkpoint file to write (atomically); the run manifest goes beside it as <checkpoint>.manifest.json.");
        var defaults = new SequenceModelOptions();
        var trainDefaults = new SequenceTrainingOptions();
        var dim = new Option<int>("--dim") { Description = "Model width (embedding channels); divisible by --heads.", DefaultValueFactory = _ => defaults.Channels };
        var layers = new Option<int>("--layers") { Description = "Transformer blocks.", DefaultValueFactory = _ => defaults.Layers };
        var heads = new Option<int>("--heads") { Description = "Attention heads per block.", DefaultValueFactory = _ => defaults.Heads };
        var maxLength = new Option<int>("--max-length") { Description = "Newest events the model reads per user.", DefaultValueFactory = _ => defaults.MaxLength };
        var dropout = new Option<float>("--dropout") { Description = "Dropout probability.", DefaultValueFactory = _ => defaults.Dropout };
        var loss = new Option<string>("--loss") { Description = "Next-item loss: auto (full softmax up to 100k items, sampled beyond), full or sampled.", DefaultValueFactory = _ => "auto" };
        var negatives = new Option<int>("--negatives") { Description = "Shared negatives per batch for the sampled softmax.", DefaultValueFactory = _ => defaults.SampledNegatives };
        var horizon = new Option<double>("--horizon-hours") { Description = "Purchase horizon: the purchase head predicts a buy within this many hours.", DefaultValueFactory = _ => defaults.PurchaseHorizon.TotalHours };
        var sessionGap = new Option<double>("--purchase-session-gap-minutes") { Description = "The purchase head is trained at events that end a session (no event within this many minutes after them); 0 trains it at every event.", DefaultValueFactory = _ => defaults.PurchaseSessionGap.TotalMinutes };
        var actionWeight = new Option<float>("--action-weight") { Description = "Weight of the next-action loss (0 turns the head off).", DefaultValueFactory = _ => defaults.ActionLossWeight };
        var purchaseWeight = new Option<float>("--purchase-weight") { Description = "Weight of the purchase loss (0 turns the head off).", DefaultValueFactory = _ => defaults.PurchaseLossWeight };
        var epochs = new Option<int>("--epochs") { Description = "Most passes over the training users.", DefaultValueFactory = _ => trainDefaults.Epochs };
        var minutes = new Option<double?>("--minutes") { Description = "Time budget in minutes: stop (keeping the best validated parameters) once it has passed." };
        var patience = new Option<int>("--patience") { Description = "Early stopping: stop after this many validations without a better validation NDCG@10.", DefaultValueFactory = _ => trainDefaults.Patience };
        var batch = new Option<int>("--batch") { Description = "Sequences per batch.", DefaultValueFactory = _ => trainDefaults.BatchSize };
        var lr = new Option<float>("--lr") { Description = "AdamW learning rate.", DefaultValueFactory = _ => trainDefaults.LearningRate };
        var weightDecay = new Option<float>("--weight-decay") { Description = "AdamW decoupled weight decay.", DefaultValueFactory = _ => trainDefaults.WeightDecay };
        var threads = new Option<int>("--threads") { Description = "Kernel threads; results are reproducible for a given seed and thread count.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = CommonOptions.Seed(42);
        var json = CommonOptions.Json();
        var command = new Command("train", """
            Trains the behaviour model with early stopping on a leave-one-out validation (each user's second-to-last
            training event) and writes the best parameters to a checkpoint. From a store, histories are cut at a
            time: only events before --cut are trained on, so 'model evaluate' can score what happened after it.
            Progress (loss, tokens/s, ETA) goes to stderr, one line per validation and every 10 s.

            Examples:
              causalcart model train --store shop.duckdb --cut 2024-03-20 --checkpoint shop.ccseq
              causalcart model train --store shop.duckdb --checkpoint shop.ccseq --dim 32 --epochs 20 --minutes 10 --json
              causalcart model train --sequences Beauty.txt --checkpoint beauty.ccseq --dropout 0.3 --lr 0.002 --minutes 40
            """)
        {
            store, sequences, cut, checkpoint, dim, layers, heads, maxLength, dropout, loss, negatives, horizon, sessionGap, actionWeight, purchaseWeight,
            epochs, minutes, patience, batch, lr, weightDecay, threads, seed, json,
        };
        command.SetAction((parse, ct) =>
        {
            var model = new SequenceModelOptions
            {
                Channels = parse.GetValue(dim),
                Layers = parse.GetValue(layers),
                Heads = parse.GetValue(heads),
                MaxLength = parse.GetValue(maxLength),
                Dropout = parse.GetValue(dropout),
                ItemLoss = parse.GetValue(loss)!.ToLowerInvariant() switch
                {
                    "auto" => NextItemLoss.Automatic,
                    "full" => NextItemLoss.FullSoftmax,
                    "sampled" => NextItemLoss.SampledSoftmax,
                    var other => throw new CausalCartException(ErrorKind.Usage, $"Unknown --loss '{other}'. Valid: auto, full, sampled."),
                },
                SampledNegatives = parse.GetValue(negatives),
                PurchaseHorizon = Hours(parse.GetValue(horizon)),
                PurchaseSessionGap = SessionGap(parse.GetValue(sessionGap)),
                ActionLossWeight = parse.GetValue(actionWeight),
                PurchaseLossWeight = parse.GetValue(purchaseWeight),
            };
            var budget = parse.GetValue(minutes);
            if (budget is <= 0 or double.NaN)
            {
                throw new CausalCartException(ErrorKind.Usage, $"--minutes must be positive (got {budget}).");
            }

            var seedValue = parse.GetValue(seed);
            if (seedValue < 0)
            {
                throw new CausalCartException(ErrorKind.Usage, $"--seed must be ≥ 0 (got {seedValue}).");
            }

            var training = new SequenceTrainingOptions
            {
                Epochs = parse.GetValue(epochs),
                TimeBudget = budget is { } m ? TimeSpan.FromMinutes(m) : null,
                Patience = parse.GetValue(patience),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                WeightDecay = parse.GetValue(weightDecay),
                Threads = parse.GetValue(threads),
                Seed = (ulong)seedValue,
            };
            var request = new ModelTrainRequest
            {
                Data = Source(parse.GetValue(store), parse.GetValue(sequences), parse.GetValue(cut)),
                CheckpointPath = parse.GetValue(checkpoint)!,
                Model = model,
                Training = training,
            };
            return Task.FromResult(RunTrain(console, request, parse.GetValue(json), ct));
        });
        return command;
    }

    private static TimeSpan Hours(double hours) =>
        hours is > 0 and < 24 * 365 * 100 ? TimeSpan.FromHours(hours) : throw new CausalCartException(ErrorKind.Usage, $"--horizon-hours must be positive (got {hours}).");

    private static TimeSpan SessionGap(double minutes) =>
        minutes is >= 0 and < 60 * 24 * 365 ? TimeSpan.FromMinutes(minutes) : throw new CausalCartException(ErrorKind.Usage, $"--purchase-session-gap-minutes must be zero or positive (got {minutes}).");

    private static int RunTrain(CliConsole console, ModelTrainRequest request, bool json, CancellationToken ct)
    {
        var source = request.Data.StorePath ?? request.Data.SequencesPath;
        console.Info($"model train: reading {source}");
        var progress = new TrainingProgressLines(console, request.Training.TimeBudget, TimeProvider.System);
        var result = ModelTrainingService.Run(request, progress, cancellationToken: ct);
        console.EndProgress();
        if (json)
        {
            console.WriteJson(result);
            return ExitCodes.Ok;
        }

        var d = result.Data;
        var m = result.Manifest.Training;
        console.Line($"trained on {d.TrainingEvents:N0} events of {d.TrainingUsers:N0} users ({d.Items:N0} items){(d.Cut is { } c ? $" before {c.ToString("u", Inv)}" : string.Empty)}");
        console.Line(string.Create(Inv, $"{m.Epochs} epochs, best {m.BestEpoch}, {m.Steps:N0} steps, {m.TokensPerSecond:N0} tokens/s, {m.Elapsed.TotalMinutes:F1} min; stopped: {m.StoppedBecause}"));
        console.Line(string.Create(Inv, $"leave-one-out test: NDCG@10 {result.Test.Ranking.Ndcg(10):F4}, HR@10 {result.Test.Ranking.HitRate(10):F4}{(result.Test.Actions is { } a ? $"; next action accuracy {a.Accuracy:F3}, macro-F1 {a.MacroF1:F3}" : string.Empty)}"));
        console.Line($"checkpoint written to {result.Checkpoint} (manifest {ModelRunManifest.PathFor(result.Checkpoint)})");
        return ExitCodes.Ok;
    }
}
