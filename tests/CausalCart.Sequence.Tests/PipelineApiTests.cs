using CausalCart.Core.Errors;
using CausalCart.Core.Events;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Evaluation;

namespace CausalCart.Sequence.Tests;

/// <summary>The small APIs the store glue and the CLI use: item keys in checkpoints, the next-event time split, training progress.</summary>
public sealed class PipelineApiTests
{
    private static readonly SequenceModelOptions Small = new() { Channels = 8, Layers = 1, Heads = 2, MaxLength = 8 };
    private static readonly SequenceTrainingOptions Quick = new() { Epochs = 2, BatchSize = 16, Threads = 1 };

    [Fact]
    public void Item_keys_survive_a_checkpoint_round_trip_and_must_match_the_vocabulary()
    {
        var data = Synthetic.Cycles(users: 30, items: 12, length: 6, seed: 3);
        var model = SequenceTrainer.Train(data, Small, Quick).Model;
        Assert.Null(model.ItemKeys);
        var keys = model.Vocabulary.Select(id => $"sku-{id}").ToList();
        var labelled = model.WithItemKeys(keys);
        Assert.Null(model.ItemKeys); // the original is unchanged
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "m.ccseq");
            labelled.Save(path);
            var loaded = SequenceModel.Load(path, data);
            Assert.Equal(keys, loaded.ItemKeys);
            Assert.Equal(model.Vocabulary, loaded.Vocabulary);
            model.Save(path);
            Assert.Null(SequenceModel.Load(path).ItemKeys);
        }
        finally
        {
            dir.Delete(true);
        }

        Assert.Contains("one key per item row", Assert.Throws<CausalCartException>(() => model.WithItemKeys(keys.Skip(1).ToList())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_to_first_event_after_keeps_the_history_before_the_cut_and_one_event_after_it()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        SequenceEvent E(long item, int hours) => new(item, CanonicalAction.View, t0.AddHours(hours));
        var data = SequenceDataset.FromEvents(
        [
            new UserSequence("a", [E(1, 0), E(2, 1), E(3, 5), E(4, 6)]), // two before, two after
            new UserSequence("b", [E(2, 0), E(1, 1)]),                    // nothing after: dropped
            new UserSequence("c", [E(5, 7)]),                             // nothing before: dropped
        ]);
        var split = data.UpToFirstEventAfter(t0.AddHours(5));
        Assert.Equal(1, split.UserCount);
        Assert.Equal(3, split.EventCount);
        Assert.Equal(data.VocabularyHash, split.VocabularyHash);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "u 1 2 3\n");
            Assert.Contains("timestamps", Assert.Throws<CausalCartException>(() => SequenceDataset.ReadItemSequences(path).UpToFirstEventAfter(t0)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Training_reports_every_step_and_every_validation()
    {
        var data = Synthetic.Cycles(users: 30, items: 12, length: 6, seed: 3);
        var reports = new List<TrainingProgress>();
        var result = SequenceTrainer.Train(data, Small, Quick, new Sync(reports.Add));
        var validations = reports.Where(r => r.Validation is not null).ToList();
        Assert.Equal(result.History, validations.Select(v => v.Validation!));
        Assert.Equal(result.Manifest.Steps, reports.Max(r => r.Step));
        Assert.Equal(result.Manifest.Tokens, reports.Max(r => r.Tokens));
        Assert.All(reports, r => Assert.True(r.TokensPerSecond > 0 && double.IsFinite(r.EpochLoss) && r.UsersDone <= r.UsersTotal && r.MaxEpochs == 2));
        Assert.Equal(reports.Select(r => r.Step).Order(), reports.Select(r => r.Step));
        _ = result.Model.Evaluate(data, EvaluationSplit.Test);
    }

    private sealed class Sync(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
