using CausalCart.Core.Events;
using CausalCart.Sequence.Data;

namespace CausalCart.Sequence.Evaluation;

/// <summary>Labels of the purchase time split, shared by the model and the logistic-regression baseline.</summary>
internal static class PurchaseSplit
{
    /// <summary>
    /// Users active within one horizon before the cut-off (last event t_last in [cutoff − horizon, cutoff));
    /// end = number of events before the cut-off; label = a Buy at or after the cut-off and no later
    /// than t_last + horizon — the purchase head's own question, asked at the user's newest event, with
    /// the answer lying entirely after the cut-off.
    /// </summary>
    public static (int[] Users, int[] Ends, int[] Labels) Labels(SequenceDataset data, DateTimeOffset cutoff, TimeSpan horizon)
    {
        var times = data.Times ?? throw new InvalidOperationException("No timestamps.");
        var t0 = cutoff.ToUnixTimeSeconds();
        var users = new List<int>();
        var ends = new List<int>();
        var labels = new List<int>();
        for (var u = 0; u < data.UserCount; u++)
        {
            var end = 0;
            while (end < times[u].Length && times[u][end] < t0)
            {
                end++;
            }

            if (end == 0 || times[u][end - 1] < t0 - (long)horizon.TotalSeconds)
            {
                continue;
            }

            var label = 0;
            var last = times[u][end - 1] + (long)horizon.TotalSeconds;
            for (var j = end; j < times[u].Length && times[u][j] <= last; j++)
            {
                if (times[u][j] >= t0 && data.Actions[u][j] == (byte)CanonicalAction.Buy)
                {
                    label = 1;
                }
            }

            users.Add(u);
            ends.Add(end);
            labels.Add(label);
        }

        return ([.. users], [.. ends], [.. labels]);
    }
}
