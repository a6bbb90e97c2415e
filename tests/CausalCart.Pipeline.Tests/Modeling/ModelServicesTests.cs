using CausalCart.Core.Errors;
using CausalCart.Pipeline.Modeling;
using CausalCart.Sequence;

namespace CausalCart.Pipeline.Tests.Modeling;

/// <summary>Train → evaluate → predict through the services on a tiny store (tiny model, two epochs).</summary>
public sealed class ModelServicesTests : IDisposable
{
    private static readonly SequenceModelOptions Tiny = new() { Channels = 16, Layers = 1, Heads = 2, MaxLength = 16, Dropout = 0.1f, ActionLossWeight = 1, PurchaseLossWeight = 1, PurchaseHorizon = TimeSpan.FromHours(12) };
    private static readonly SequenceTrainingOptions Quick = new() { Epochs = 2, BatchSize = 16, LearningRate = 5e-3f, Threads = 2, Seed = 7 };
    private readonly ModelingStores stores = new();

    public void Dispose() => stores.Dispose();

    private ModelTrainResult Train(string store, string checkpoint, SequenceTrainingOptions? training = null) => ModelTrainingService.Run(new ModelTrainRequest
    {
        Data = new ModelDataSource { StorePath = store, Cut = ModelingStores.Start.AddDays(3) },
        CheckpointPath = checkpoint,
        Model = Tiny,
        Training = training ?? Quick,
    });

    [Fact]
    public void Train_evaluate_predict_round_trip_maps_ids_back_to_the_store()
    {
        var store = stores.Shop("shop");
        var checkpoint = stores.File("out/model.ccseq");
        var progress = new List<TrainingProgress>();
        var trained = ModelTrainingService.Run(
            new ModelTrainRequest { Data = new ModelDataSource { StorePath = store, Cut = ModelingStores.Start.AddDays(3) }, CheckpointPath = checkpoint, Model = Tiny, Training = Quick },
            new SyncProgress(progress.Add));

        Assert.True(File.Exists(checkpoint));
        Assert.Equal(ModelTrainResult.CurrentSchemaVersion, trained.SchemaVersion);
        Assert.Equal(25, trained.Data.Items);
        Assert.True(trained.Data.TrainingEvents < trained.Data.Events);
        Assert.Equal(2, trained.History.Count);
        Assert.Equal(2, progress.Count(p => p.Validation is not null));
        Assert.All(progress, p => Assert.True(p.TokensPerSecond > 0 && double.IsFinite(p.EpochLoss)));

        var manifest = ModelTrainingService.ReadManifest(checkpoint)!;
        Assert.Equal(trained.Manifest, manifest with { Training = trained.Manifest.Training });
        Assert.Equal(ModelingStores.Start.AddDays(3), manifest.Cut);
        Assert.Equal(7UL, manifest.Seed);
        Assert.Equal(trained.Data.DataSha256, manifest.Input.Sha256);

        var evaluation = ModelEvaluationService.Run(new ModelEvaluateRequest { CheckpointPath = checkpoint, Data = new ModelDataSource { StorePath = store }, Threads = 2 });
        Assert.Equal("manifest", evaluation.CutFrom);
        Assert.Equal(trained.Test.Ranking.AtK, evaluation.LeaveOneOut.Model.AtK);
        Assert.Equal(trained.Test.Ranking.MeanReciprocalRank, evaluation.LeaveOneOut.Model.MeanReciprocalRank);
        Assert.NotNull(evaluation.LeaveOneOut.ModelActions);
        Assert.NotNull(evaluation.LeaveOneOut.PreviousAction);
        var split = evaluation.TimeSplit!;
        Assert.True(split.NextEvent.Users > 0);
        Assert.NotNull(split.Purchase.Model);
        Assert.Equal(split.Purchase.Model!.Users, split.Purchase.LogisticRegression.Users);

        var history = new[] { "sku-03", "sku-04", "unknown-item" };
        var prediction = ModelPredictionService.Run(new ModelPredictRequest { CheckpointPath = checkpoint, Items = history, TopK = 5 });
        Assert.Equal(5, prediction.Items.Count);
        Assert.Equal([1, 2, 3, 4, 5], prediction.Items.Select(i => i.Rank));
        Assert.All(prediction.Items, i => Assert.StartsWith("sku-", i.Item, StringComparison.Ordinal));
        Assert.DoesNotContain(prediction.Items, i => history.Contains(i.Item));
        Assert.Equal((3, 2, 1), (prediction.HistoryEvents, prediction.UsedEvents, prediction.IgnoredUnknownItems));
        Assert.Equal(["unknown-item"], prediction.UnknownItems);
        Assert.Equal(1.0, prediction.NextAction!.Values.Sum(), 5);
        Assert.InRange(prediction.PurchaseProbability!.Value, 0, 1);

        var fromStore = ModelPredictionService.Run(new ModelPredictRequest { CheckpointPath = checkpoint, StorePath = store, User = "user3", Before = ModelingStores.Start.AddDays(3), TopK = 3 });
        Assert.Equal(0, fromStore.IgnoredUnknownItems);
        Assert.Equal("store user user3", fromStore.History);
        Assert.Equal(3, fromStore.Items.Count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_checkpoint_bytes_and_another_seed_does_not()
    {
        var store = stores.Shop("shop");
        Train(store, stores.File("a.ccseq"));
        Train(store, stores.File("b.ccseq"));
        Train(store, stores.File("c.ccseq"), Quick with { Seed = 8 });
        Assert.Equal(File.ReadAllBytes(stores.File("a.ccseq")), File.ReadAllBytes(stores.File("b.ccseq")));
        Assert.NotEqual(File.ReadAllBytes(stores.File("a.ccseq")), File.ReadAllBytes(stores.File("c.ccseq")));
    }

    [Fact]
    public void A_checkpoint_from_another_vocabulary_is_refused_with_the_counts()
    {
        var checkpoint = stores.File("m.ccseq");
        Train(stores.Shop("shop"), checkpoint);
        var other = stores.Shop("other", items: 30, prefix: "item-");
        var e = Assert.Throws<CausalCartException>(() => ModelEvaluationService.Run(new ModelEvaluateRequest { CheckpointPath = checkpoint, Data = new ModelDataSource { StorePath = other } }));
        Assert.Contains("another item vocabulary", e.Message, StringComparison.Ordinal);
        Assert.Contains("25 items", e.Message, StringComparison.Ordinal);
        Assert.Contains("30 items", e.Message, StringComparison.Ordinal);
        Assert.Contains("0 items in common", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_refuses_empty_unknown_and_ambiguous_histories()
    {
        var store = stores.Shop("shop");
        var checkpoint = stores.File("m.ccseq");
        Train(store, checkpoint);
        string Error(ModelPredictRequest r) => Assert.Throws<CausalCartException>(() => ModelPredictionService.Run(r)).Message;
        Assert.Contains("empty", Error(new ModelPredictRequest { CheckpointPath = checkpoint, Items = [] }), StringComparison.Ordinal);
        Assert.Contains("all 2 were ignored", Error(new ModelPredictRequest { CheckpointPath = checkpoint, Items = ["x", "y"] }), StringComparison.Ordinal);
        Assert.Contains("exactly one way", Error(new ModelPredictRequest { CheckpointPath = checkpoint, Items = ["sku-01"], User = "user1", StorePath = store }), StringComparison.Ordinal);
        Assert.Contains("not in the store", Error(new ModelPredictRequest { CheckpointPath = checkpoint, StorePath = store, User = "nobody" }), StringComparison.Ordinal);
        Assert.Contains("not found", Error(new ModelPredictRequest { CheckpointPath = stores.File("none.ccseq"), Items = ["sku-01"] }), StringComparison.Ordinal);
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
