using CausalCart.Core.Events;
using CausalCart.Sequence.Model;

namespace CausalCart.Sequence.Data;

/// <summary>Turns users' event sequences into packed tokens: training windows and inference contexts.</summary>
internal sealed class Windows
{
    private readonly SequenceDataset _data;
    private readonly ModelShape _shape;
    private readonly long _horizon;
    private readonly long _sessionGap;
    private readonly bool _actions;
    private readonly bool _times;

    public Windows(SequenceDataset data, ModelShape shape, SequenceModelOptions options, bool useActions, bool usePurchase)
    {
        _data = data;
        _shape = shape;
        _horizon = (long)options.PurchaseHorizon.TotalSeconds;
        _sessionGap = (long)options.PurchaseSessionGap.TotalSeconds;
        _actions = useActions;
        _times = usePurchase && data.Times is not null;
    }

    /// <summary>Tokens a training window over the first <paramref name="visible"/> events of user u needs (inputs predict the next event).</summary>
    public int TrainingLength(int visible) => Math.Min(_shape.MaxLength, visible - 1);

    /// <summary>Tokens an inference context ending before event <paramref name="end"/> needs.</summary>
    public int ContextLength(int end) => Math.Min(_shape.MaxLength, end);

    /// <summary>
    /// Appends the newest training window of user u restricted to the first <paramref name="visible"/>
    /// events: inputs are events [s, visible−1), targets events [s+1, visible).
    /// </summary>
    public void AppendTraining(PackedBatch batch, int u, int visible)
    {
        var len = TrainingLength(visible);
        var first = visible - 1 - len;
        var start = batch.Append(len, _shape.Heads);
        var items = _data.Items[u];
        var actions = _data.Actions[u];
        var times = _data.Times?[u];
        for (var i = 0; i < len; i++)
        {
            var e = first + i;
            var t = start + i;
            Fill(batch, t, items, actions, times, e);
            batch.TargetItems[t] = items[e + 1];
            batch.TargetActions[t] = _actions ? actions[e + 1] : -1;
            (batch.PurchaseLabels[t], batch.PurchaseMask[t]) = PurchaseLabel(actions, times, e, visible);
        }
    }

    /// <summary>Appends the context for predicting event <paramref name="end"/> of user u (no targets).</summary>
    public void AppendContext(PackedBatch batch, int u, int end)
    {
        var len = ContextLength(end);
        var start = batch.Append(len, _shape.Heads);
        for (var i = 0; i < len; i++)
        {
            var t = start + i;
            Fill(batch, t, _data.Items[u], _data.Actions[u], _data.Times?[u], end - len + i);
            batch.TargetItems[t] = -1;
            batch.TargetActions[t] = -1;
            batch.PurchaseLabels[t] = 0;
            batch.PurchaseMask[t] = 0;
        }
    }

    /// <summary>Bucket of a gap in seconds: 0 for none, else 1 + ⌊log₂(gap + 1)⌋ capped at G − 1.</summary>
    public static int GapBucket(long? gapSeconds, int buckets)
    {
        if (gapSeconds is not { } g || g < 0)
        {
            return 0;
        }

        var b = 1 + (63 - long.LeadingZeroCount(g + 1));
        return (int)Math.Min(buckets - 1, b);
    }

    private void Fill(PackedBatch batch, int t, int[] items, byte[] actions, long[]? times, int e)
    {
        batch.Items[t] = items[e];
        batch.Actions[t] = _actions ? actions[e] : 0;
        batch.Gaps[t] = times is null || e == 0 ? 0 : GapBucket(times[e] - times[e - 1], _shape.GapBuckets);
    }

    /// <summary>
    /// (label, mask) of token e: a purchase among the visible events after e within the horizon. Only tokens that end
    /// a session are asked when a session gap is set (the next visible event lies more than the gap later). A token is
    /// censored (mask 0) when its horizon reaches past the last visible event, whatever the label: keeping the
    /// positives seen early while dropping the unresolved negatives would bias the head towards buying.
    /// </summary>
    private (float, float) PurchaseLabel(byte[] actions, long[]? times, int e, int visible)
    {
        if (!_times || times is null || e + 1 >= visible)
        {
            return (0, 0);
        }

        if (_sessionGap > 0 && times[e + 1] - times[e] <= _sessionGap)
        {
            return (0, 0);
        }

        if (times[visible - 1] - times[e] < _horizon)
        {
            return (0, 0);
        }

        for (var j = e + 1; j < visible && times[j] - times[e] <= _horizon; j++)
        {
            if (actions[j] == (byte)CanonicalAction.Buy)
            {
                return (1, 1);
            }
        }

        return (0, 1);
    }
}
