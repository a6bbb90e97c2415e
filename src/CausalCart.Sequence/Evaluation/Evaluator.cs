using CausalCart.Sequence.Data;
using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Evaluation;

/// <summary>
/// Leave-one-out evaluation shared by the model and the baselines: users with at least three events;
/// the validation target is event n−2 (history: events before it), the test target event n−1.
/// </summary>
internal static class Evaluator
{
    /// <summary>Batch scorer: fills scores (users.Length, V) for predicting event ends[i] of users[i].</summary>
    public delegate void ScoreBatch(int[] users, int[] ends, Slice scores);

    /// <summary>Users of the leave-one-out protocol.</summary>
    public static int[] EvaluableUsers(SequenceDataset data) => [.. Enumerable.Range(0, data.UserCount).Where(u => data.Items[u].Length >= 3)];

    /// <summary>Index of the predicted event for a user under a split.</summary>
    public static int TargetIndex(SequenceDataset data, int u, EvaluationSplit split) => data.Items[u].Length - (split == EvaluationSplit.Validation ? 2 : 1);

    /// <summary>Full-ranking metrics, scoring users in batches of <paramref name="batchSize"/>.</summary>
    public static RankingMetrics Rank(SequenceDataset data, EvaluationSplit split, IReadOnlyList<int> ks, ScoreBatch score, int batchSize, Compute compute)
    {
        var users = EvaluableUsers(data);
        var v = data.ItemCount;
        var scores = new Slice(new float[batchSize * v], 0, batchSize * v);
        var acc = new RankAccumulator(ks);
        var ranks = new long[batchSize];
        for (var b0 = 0; b0 < users.Length; b0 += batchSize)
        {
            var bu = users[b0..Math.Min(users.Length, b0 + batchSize)];
            var ends = bu.Select(u => TargetIndex(data, u, split)).ToArray();
            score(bu, ends, scores);
            compute.For(bu.Length, (i0, i1) =>
            {
                var stamp = new int[v];
                for (var i = i0; i < i1; i++)
                {
                    var items = data.Items[bu[i]];
                    var target = items[ends[i]];
                    for (var e = 0; e < ends[i]; e++)
                    {
                        stamp[items[e]] = i + 1;
                    }

                    stamp[target] = 0;
                    ranks[i] = RankAccumulator.RankOf(scores.Span.Slice(i * v, v), target, stamp, i + 1);
                }
            });
            for (var i = 0; i < bu.Length; i++)
            {
                acc.Add(ranks[i]);
            }
        }

        return acc.Result();
    }
}
