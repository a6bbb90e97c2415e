namespace CausalCart.Sequence.Evaluation;

/// <summary>
/// Full-ranking next-item metrics over all items (never sampled negatives): for each user the target's
/// rank r (0-based) counts the items scored at least as high as the target, other than the target
/// itself and the user's earlier items (excluded as in the S3Rec/ICLRec protocol); ties count against
/// the target. HR@K = mean 1[r &lt; K]; NDCG@K = mean 1[r &lt; K] / log₂(r + 2); MRR = mean 1/(r + 1).
/// </summary>
/// <param name="Users">Users evaluated.</param>
/// <param name="AtK">HR and NDCG at each cut-off.</param>
/// <param name="MeanReciprocalRank">MRR over the full ranking.</param>
public sealed record RankingMetrics(int Users, IReadOnlyList<MetricAtK> AtK, double MeanReciprocalRank)
{
    /// <summary>NDCG at a cut-off that was computed.</summary>
    public double Ndcg(int k) => AtK.First(m => m.K == k).Ndcg;

    /// <summary>Hit rate at a cut-off that was computed.</summary>
    public double HitRate(int k) => AtK.First(m => m.K == k).HitRate;
}

/// <summary>Hit rate and NDCG at one cut-off K.</summary>
public sealed record MetricAtK(int K, double HitRate, double Ndcg);

/// <summary>Accumulates ranks into <see cref="RankingMetrics"/>.</summary>
internal sealed class RankAccumulator(IReadOnlyList<int> ks)
{
    private readonly double[] _hits = new double[ks.Count];
    private readonly double[] _ndcg = new double[ks.Count];
    private double _rr;
    private int _users;

    public void Add(long rank)
    {
        _users++;
        _rr += 1.0 / (rank + 1);
        for (var i = 0; i < ks.Count; i++)
        {
            if (rank < ks[i])
            {
                _hits[i]++;
                _ndcg[i] += 1.0 / Math.Log2(rank + 2);
            }
        }
    }

    public RankingMetrics Result()
    {
        var n = Math.Max(1, _users);
        return new RankingMetrics(_users, [.. ks.Select((k, i) => new MetricAtK(k, _hits[i] / n, _ndcg[i] / n))], _rr / n);
    }

    /// <summary>
    /// Rank of <paramref name="target"/>: items with score ≥ the target's, excluding the target and
    /// items whose <paramref name="excluded"/> stamp equals <paramref name="stamp"/>.
    /// </summary>
    public static long RankOf(ReadOnlySpan<float> scores, int target, int[] excluded, int stamp)
    {
        var s = scores[target];
        long rank = 0;
        for (var j = 0; j < scores.Length; j++)
        {
            if (scores[j] >= s && j != target && excluded[j] != stamp)
            {
                rank++;
            }
        }

        return rank;
    }
}
