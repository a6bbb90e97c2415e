using CausalCart.Core.Events;
using CausalCart.Sequence.Data;

namespace CausalCart.Sequence.Evaluation;

/// <summary>Labels of the purchase time split, shared by the model and the logistic-regression baseline.</summary>
internal static class PurchaseSplit
{
    /// <summary>
    /// Users with an event before the cut-off; end = number of such events; label = a Buy in
    /// (cutoff, cutoff + horizon].
    /// </summary>
    public static (int[] Users, int[] Ends, int[] Labels) Labels(SequenceDataset data, DateTimeOffset cutoff, TimeSpan horizon)
    {
        var times = data.Times ?? throw new InvalidOperationException("No timestamps.");
        var t0 = cutoff.ToUnixTimeSeconds();
        var t1 = t0 + (long)horizon.TotalSeconds;
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

            if (end == 0)
            {
                continue;
            }

            var label = 0;
            for (var j = end; j < times[u].Length && times[u][j] <= t1; j++)
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
