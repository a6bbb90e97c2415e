using CausalCart.Core.Errors;
using CausalCart.Sequence.Baselines;
using CausalCart.Sequence.Evaluation;

namespace CausalCart.Sequence.Tests;

public sealed class SequenceTrainerTests
{
    private static readonly SequenceModelOptions Small = new() { Channels = 16, Layers = 1, Heads = 2, MaxLength = 12, Dropout = 0.1f, ActionLossWeight = 1f };
    private static readonly SequenceTrainingOptions Quick = new() { Epochs = 12, BatchSize = 32, LearningRate = 5e-3f, Threads = 2, Seed = 7, Patience = 3 };

    [Fact]
    public void Learns_a_transition_structure_that_popularity_cannot_and_reports_every_head()
    {
        var data = Synthetic.Cycles(users: 200, items: 40, length: 9, seed: 1);
        var result = SequenceTrainer.Train(data, Small with { PurchaseSessionGap = TimeSpan.Zero, PurchaseHorizon = TimeSpan.FromHours(1) }, Quick);
        var popularity = SequenceBaselines.Popularity(data, EvaluationSplit.Test);
        Assert.True(result.Test.Ranking.HitRate(10) > 0.9, $"HR@10 {result.Test.Ranking.HitRate(10)}");
        Assert.True(popularity.HitRate(10) < 0.5, $"popularity HR@10 {popularity.HitRate(10)}");
        Assert.Equal(200, result.Test.Ranking.Users);
        Assert.NotNull(result.Test.Actions);
        Assert.True(result.Test.Actions!.Accuracy > 0.9, $"action accuracy {result.Test.Actions.Accuracy}");
        Assert.True(result.Manifest.ActionHead && result.Manifest.PurchaseHead);
        Assert.Equal(NextItemLoss.FullSoftmax, result.Manifest.ItemLoss);
        Assert.NotEmpty(result.History);
        Assert.True(result.Manifest.TokensPerSecond > 0);
    }

    [Fact]
    public void Equal_seeds_give_identical_models_and_options_are_untouched()
    {
        var data = Synthetic.Cycles(users: 60, items: 30, length: 7, seed: 2);
        var options = Quick with { Epochs = 2 };
        var before = options with { };
        var a = SequenceTrainer.Train(data, Small, options);
        var b = SequenceTrainer.Train(data, Small, options);
        Assert.Equal(a.Model.Parameters.Data, b.Model.Parameters.Data);
        Assert.Equal(a.Test.Ranking.MeanReciprocalRank, b.Test.Ranking.MeanReciprocalRank);
        Assert.Equal(a.Test.Ranking.Ndcg(10), b.Test.Ranking.Ndcg(10));
        Assert.Equal(a.Test.Actions, b.Test.Actions);
        Assert.Equal(before, options);
        var c = SequenceTrainer.Train(data, Small, options with { Seed = 8 });
        Assert.NotEqual(a.Model.Parameters.Data, c.Model.Parameters.Data);
    }

    [Fact]
    public void Sampled_softmax_training_also_learns_the_transitions()
    {
        var data = Synthetic.Cycles(users: 200, items: 40, length: 9, seed: 3, timestamps: false);
        var result = SequenceTrainer.Train(data, Small with { ItemLoss = NextItemLoss.SampledSoftmax, SampledNegatives = 16 }, Quick);
        Assert.Equal(NextItemLoss.SampledSoftmax, result.Manifest.ItemLoss);
        Assert.False(result.Manifest.PurchaseHead);
        Assert.True(result.Test.Ranking.HitRate(10) > 0.9, $"HR@10 {result.Test.Ranking.HitRate(10)}");
    }

    [Fact]
    public void A_diverging_run_stops_with_the_step_and_tensor_named()
    {
        var data = Synthetic.Cycles(users: 40, items: 20, length: 6, seed: 4);
        var e = Assert.Throws<TrainingDivergedException>(() => SequenceTrainer.Train(data, Small, Quick with { LearningRate = 1e30f, GradientClip = 0 }));
        Assert.True(e.Step >= 1);
        Assert.Contains($"step {e.Step}", e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(e.Tensor));
        Assert.Contains(e.Tensor, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_and_too_short_histories_are_refused_with_the_name()
    {
        var data = Synthetic.Cycles(users: 5, items: 20, length: 6, seed: 5);
        var e = Assert.Throws<CausalCartException>(() => SequenceTrainer.Train(data, Small with { Heads = 3 }, Quick));
        Assert.Contains("Heads", e.Message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", Assert.Throws<CausalCartException>(() => SequenceTrainer.Train(data, Small, Quick with { BatchSize = 0 })).Message, StringComparison.Ordinal);
        var tiny = Synthetic.Cycles(users: 5, items: 20, length: 3, seed: 5);
        Assert.Throws<CausalCartException>(() => SequenceTrainer.Train(tiny, Small, Quick));
    }

    [Fact]
    public void Purchase_head_beats_chance_on_a_time_split_and_the_aggregate_baseline_runs_on_the_same_labels()
    {
        var data = Synthetic.Shoppers(users: 300, length: 30, seed: 6);
        var cutoff = new DateTimeOffset(2024, 1, 2, 12, 0, 0, TimeSpan.Zero);
        var horizon = TimeSpan.FromHours(2);
        var result = SequenceTrainer.Train(data.Before(cutoff), Small with { PurchaseHorizon = horizon, PurchaseLossWeight = 1f }, Quick with { Epochs = 8 });
        var model = result.Model;
        var metrics = model.EvaluatePurchase(data, cutoff);
        var baseline = SequenceBaselines.PurchaseLogisticRegression(data, cutoff, horizon);
        Assert.Equal(metrics.Users, baseline.Users);
        Assert.Equal(metrics.Positives, baseline.Positives);
        Assert.InRange(metrics.Positives, 1, metrics.Users - 1);
        Assert.True(metrics.Auc > 0.6, $"AUC {metrics.Auc}");
        Assert.True(baseline.Auc > 0.6, $"baseline AUC {baseline.Auc}");
    }
}
