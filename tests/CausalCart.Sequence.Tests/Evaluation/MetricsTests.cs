using CausalCart.Sequence.Evaluation;

namespace CausalCart.Sequence.Tests.Evaluation;

public sealed class MetricsTests
{
    [Fact]
    public void Ranks_count_ties_against_the_target_and_skip_excluded_items()
    {
        float[] scores = [0.5f, 0.9f, 0.5f, 0.1f, 0.7f];
        var excluded = new int[5];
        Assert.Equal(3, RankAccumulator.RankOf(scores, 0, excluded, 1)); // 0.9, 0.7 and the tie 0.5
        excluded[1] = 1;
        Assert.Equal(2, RankAccumulator.RankOf(scores, 0, excluded, 1));
        Assert.Equal(0, RankAccumulator.RankOf(scores, 1, excluded, 2));
    }

    [Fact]
    public void Hit_rate_ndcg_and_mrr_follow_their_definitions()
    {
        var acc = new RankAccumulator([1, 10]);
        acc.Add(0);
        acc.Add(3);
        acc.Add(10);
        acc.Add(100);
        var m = acc.Result();
        Assert.Equal(4, m.Users);
        Assert.Equal(0.25, m.HitRate(1), 12);
        Assert.Equal(0.5, m.HitRate(10), 12);
        Assert.Equal((1 + (1 / Math.Log2(5))) / 4, m.Ndcg(10), 12);
        Assert.Equal((1 + 0.25 + (1 / 11.0) + (1 / 101.0)) / 4, m.MeanReciprocalRank, 12);
    }

    [Fact]
    public void Auc_counts_ties_half_and_log_loss_is_the_mean_cross_entropy()
    {
        var m = PurchaseMetrics.From([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0]);
        Assert.Equal((1 + 1 + 1 + 0.5) / 4, m.Auc, 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.4) + Math.Log(0.6) + Math.Log(0.9)) / 4, m.LogLoss, 12);
        Assert.True(double.IsNaN(PurchaseMetrics.From([0.2, 0.3], [0, 0]).Auc));
    }

    [Fact]
    public void Macro_f1_averages_the_classes_that_occur()
    {
        var m = ActionMetrics.From([0, 0, 1, 2], [0, 1, 1, 2], 7);
        Assert.Equal(0.75, m.Accuracy, 12);
        // F1: class 0 = 2·1/(2+0+1) = 2/3; class 1 = 2/(2+1) = 2/3; class 2 = 1.
        Assert.Equal(((2.0 / 3) + (2.0 / 3) + 1) / 3, m.MacroF1, 12);
    }
}
