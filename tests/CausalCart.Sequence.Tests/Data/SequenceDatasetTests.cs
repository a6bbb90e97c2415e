using CausalCart.Core.Errors;
using CausalCart.Core.Events;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Model;

namespace CausalCart.Sequence.Tests.Data;

public sealed class SequenceDatasetTests
{
    [Fact]
    public void Item_files_map_ids_in_ascending_order_and_bad_ids_name_the_line()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "1 5 3 5\n2 3 9\n\n");
        var data = SequenceDataset.ReadItemSequences(path);
        Assert.Equal(2, data.UserCount);
        Assert.Equal(3, data.ItemCount);
        Assert.Equal(5, data.EventCount);
        Assert.Equal([1, 0, 1], data.Items[0]);
        Assert.Equal(9, data.ItemOf(2));

        File.WriteAllText(path, "1 5 3\n2 3 x9\n");
        var e = Assert.Throws<CausalCartException>(() => SequenceDataset.ReadItemSequences(path));
        Assert.Contains(":2:", e.Message, StringComparison.Ordinal);
        Assert.Contains("x9", e.Message, StringComparison.Ordinal);
        File.Delete(path);
        Assert.Throws<CausalCartException>(() => SequenceDataset.ReadItemSequences(path));
    }

    [Fact]
    public void Events_must_be_chronological_and_consistently_timed()
    {
        var t = DateTimeOffset.UnixEpoch;
        var late = new SequenceEvent(1, CanonicalAction.View, t.AddHours(1));
        var early = new SequenceEvent(2, CanonicalAction.View, t);
        var e = Assert.Throws<CausalCartException>(() => SequenceDataset.FromEvents([new UserSequence("ann", [late, early])]));
        Assert.Contains("ann", e.Message, StringComparison.Ordinal);
        Assert.Throws<CausalCartException>(() => SequenceDataset.FromEvents([new UserSequence("bob", [early, new SequenceEvent(3, CanonicalAction.Buy, null)])]));
        Assert.Throws<CausalCartException>(() => SequenceDataset.FromEvents([new UserSequence("cid", [])]));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(0L, 1)]
    [InlineData(1L, 2)]
    [InlineData(3L, 3)]
    [InlineData(4L, 3)]
    [InlineData(86400L, 17)]
    [InlineData(long.MaxValue / 2, 31)]
    public void Gap_buckets_are_logarithmic_and_capped(long? gap, int bucket) => Assert.Equal(bucket, Windows.GapBucket(gap, 32));

    [Fact]
    public void Training_windows_shift_targets_and_label_purchases_within_the_horizon()
    {
        var t = DateTimeOffset.UnixEpoch;
        var events = new List<SequenceEvent>
        {
            new(10, CanonicalAction.View, t),
            new(11, CanonicalAction.Cart, t.AddMinutes(10)),
            new(12, CanonicalAction.Buy, t.AddMinutes(30)),
            new(13, CanonicalAction.View, t.AddDays(3)),
            new(14, CanonicalAction.View, t.AddDays(3).AddMinutes(1)),
        };
        var data = SequenceDataset.FromEvents([new UserSequence("u", events)]);
        var shape = new ModelShape(data.ItemCount, 7, 32, 50, 8, 1, 2);
        var everyEvent = new SequenceModelOptions { PurchaseHorizon = TimeSpan.FromHours(1), PurchaseSessionGap = TimeSpan.Zero };
        var windows = new Windows(data, shape, everyEvent, useActions: true, usePurchase: true);
        var batch = new PackedBatch(64, 4);
        windows.AppendTraining(batch, 0, 5);
        Assert.Equal(4, batch.Tokens);
        Assert.Equal([0, 1, 2, 3], batch.Items[..4]);
        Assert.Equal([1, 2, 3, 4], batch.TargetItems[..4]);
        Assert.Equal([(int)CanonicalAction.Cart, (int)CanonicalAction.Buy, 0, 0], batch.TargetActions[..4]);
        Assert.Equal([3, 2, 1, 0], batch.Positions[..4]);
        Assert.Equal([0, Windows.GapBucket(600, 32), Windows.GapBucket(1200, 32), Windows.GapBucket(3 * 86400 - 1800, 32)], batch.Gaps[..4]);
        // Purchase within 1 h: tokens 0 and 1 see the buy at 30 min; token 2 (the buy) and 3 do not.
        Assert.Equal([1f, 1f, 0f, 0f], batch.PurchaseLabels[..4]);
        // Token 3 (day 3) is censored: only 1 minute of future observed.
        Assert.Equal([1f, 1f, 1f, 0f], batch.PurchaseMask[..4]);
    }

    [Fact]
    public void With_a_session_gap_only_session_ends_are_labelled_and_censoring_ignores_the_label()
    {
        var t = DateTimeOffset.UnixEpoch;
        var events = new List<SequenceEvent>
        {
            new(10, CanonicalAction.View, t),
            new(11, CanonicalAction.Cart, t.AddMinutes(10)),
            new(12, CanonicalAction.View, t.AddMinutes(20)),
            new(13, CanonicalAction.View, t.AddHours(5)),
            new(14, CanonicalAction.Buy, t.AddHours(5).AddMinutes(5)),
            new(15, CanonicalAction.View, t.AddHours(6)),
            new(16, CanonicalAction.View, t.AddDays(2)),
        };
        var data = SequenceDataset.FromEvents([new UserSequence("u", events)]);
        var shape = new ModelShape(data.ItemCount, 7, 32, 50, 8, 1, 2);
        var options = new SequenceModelOptions { PurchaseHorizon = TimeSpan.FromDays(1), PurchaseSessionGap = TimeSpan.FromMinutes(30) };
        var windows = new Windows(data, shape, options, useActions: true, usePurchase: true);

        var full = new PackedBatch(64, 4);
        windows.AppendTraining(full, 0, 7);
        // Session ends: token 2 (next event 4 h 40 min later), token 4 (55 min) and token 5 (2 days). Token 2 sees the
        // buy at 5 h 5 min; tokens 4 and 5 see none within a day. Mid-session tokens 0, 1 and 3 are not asked.
        Assert.Equal([0f, 0f, 1f, 0f, 1f, 1f], full.PurchaseMask[..6]);
        Assert.Equal([0f, 0f, 1f, 0f, 0f, 0f], full.PurchaseLabels[..6]);

        // Seen through the first 5 events only, token 2's day is not wholly observed (the last visible event is 5 h
        // 5 min after it): it is censored although the buy is already visible.
        var part = new PackedBatch(64, 4);
        windows.AppendTraining(part, 0, 5);
        Assert.All(part.PurchaseMask[..4], m => Assert.Equal(0f, m));
        Assert.Throws<CausalCartException>(() => new SequenceModelOptions { PurchaseSessionGap = TimeSpan.FromMinutes(-1) }.Validate());
    }

    [Fact]
    public void Long_histories_keep_only_the_newest_window()
    {
        var data = Synthetic.Cycles(1, 50, 30, 1, timestamps: false);
        var shape = new ModelShape(data.ItemCount, 7, 32, 8, 8, 1, 2);
        var windows = new Windows(data, shape, new SequenceModelOptions(), false, false);
        var batch = new PackedBatch(64, 4);
        windows.AppendContext(batch, 0, 30);
        Assert.Equal(8, batch.Tokens);
        Assert.Equal(data.Items[0][22..30], batch.Items[..8]);
        Assert.All(batch.TargetItems[..8], t => Assert.Equal(-1, t));
    }
}
