using CausalCart.Core.Errors;
using CausalCart.Core.Events;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Evaluation;

namespace CausalCart.Sequence.Tests;

public sealed class SequenceModelTests
{
    private static readonly Lazy<(SequenceDataset Data, SequenceModel Model)> Trained = new(() =>
    {
        var data = Synthetic.Cycles(users: 150, items: 30, length: 8, seed: 9);
        var result = SequenceTrainer.Train(data, new SequenceModelOptions { Channels = 16, Layers = 1, Heads = 2, MaxLength = 10 }, new SequenceTrainingOptions { Epochs = 10, BatchSize = 32, LearningRate = 5e-3f, Threads = 2 });
        return (data, result.Model);
    });

    [Fact]
    public void Checkpoints_round_trip_exactly_and_atomically()
    {
        var (data, model) = Trained.Value;
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "m.ccseq");
        model.Save(path);
        model.Save(path); // overwrite in place
        Assert.Single(Directory.GetFiles(dir.FullName)); // no temporary file left behind
        var loaded = SequenceModel.Load(path, data);
        Assert.Equal(model.Parameters.Data, loaded.Parameters.Data);
        Assert.Equal(model.Options, loaded.Options);
        var (x, y) = (model.Evaluate(data, EvaluationSplit.Test), loaded.Evaluate(data, EvaluationSplit.Test));
        Assert.Equal(x.Ranking.MeanReciprocalRank, y.Ranking.MeanReciprocalRank);
        Assert.Equal(x.Actions, y.Actions);
        dir.Delete(true);
    }

    [Fact]
    public void Loading_against_another_vocabulary_or_version_or_a_damaged_file_is_a_clear_error()
    {
        var (_, model) = Trained.Value;
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "m.ccseq");
        model.Save(path);
        var other = Synthetic.Cycles(users: 20, items: 31, length: 5, seed: 1);
        var e = Assert.Throws<CausalCartException>(() => SequenceModel.Load(path, other));
        Assert.Contains("vocabulary", e.Message, StringComparison.Ordinal);
        Assert.Throws<CausalCartException>(() => model.Evaluate(other, EvaluationSplit.Test));

        var bytes = File.ReadAllBytes(path);
        bytes[8] = 99; // version field
        File.WriteAllBytes(path, bytes);
        Assert.Contains("version 99", Assert.Throws<CausalCartException>(() => SequenceModel.Load(path)).Message, StringComparison.Ordinal);

        model.Save(path);
        bytes = File.ReadAllBytes(path);
        bytes[^20] ^= 0x40; // a parameter byte
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum", Assert.Throws<CausalCartException>(() => SequenceModel.Load(path)).Message, StringComparison.Ordinal);

        File.WriteAllBytes(path, bytes[..100]);
        Assert.Throws<CausalCartException>(() => SequenceModel.Load(path));
        File.WriteAllText(path, "not a checkpoint");
        Assert.Contains("magic", Assert.Throws<CausalCartException>(() => SequenceModel.Load(path)).Message, StringComparison.Ordinal);
        dir.Delete(true);
    }

    [Fact]
    public void Predict_returns_the_next_items_of_the_cycle_excluding_the_history()
    {
        var (_, model) = Trained.Value;
        var t = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var history = new List<SequenceEvent>
        {
            new(105, CanonicalAction.View, t),
            new(106, CanonicalAction.Cart, t.AddMinutes(2)),
            new(107, CanonicalAction.Buy, t.AddMinutes(100)),
        };
        var p = model.Predict(history, 3);
        Assert.Equal(3, p.Items.Count);
        Assert.Equal(108, p.Items[0].Item);
        Assert.DoesNotContain(p.Items, s => s.Item is 105 or 106 or 107);
        Assert.Equal(1.0, p.NextAction.Sum(), 6);
        Assert.Equal(7, p.NextAction.Count);
        Assert.InRange(p.PurchaseProbability, 0, 1);
        Assert.Throws<CausalCartException>(() => model.Predict([new SequenceEvent(99999, CanonicalAction.View, t)], 3));
    }
}
