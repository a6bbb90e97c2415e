namespace CausalCart.Sequence.Evaluation;

/// <summary>Next-action prediction quality: accuracy and macro-F1 over the action types that occur as truth or prediction.</summary>
/// <param name="Events">Events evaluated.</param>
/// <param name="Accuracy">Share predicted exactly.</param>
/// <param name="MacroF1">Unweighted mean of per-class F1.</param>
public sealed record ActionMetrics(int Events, double Accuracy, double MacroF1)
{
    internal static ActionMetrics From(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes)
    {
        var tp = new double[classes];
        var fp = new double[classes];
        var fn = new double[classes];
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth[i] == predicted[i])
            {
                correct++;
                tp[truth[i]]++;
            }
            else
            {
                fp[predicted[i]]++;
                fn[truth[i]]++;
            }
        }

        double f1 = 0;
        var present = 0;
        for (var c = 0; c < classes; c++)
        {
            if (tp[c] + fp[c] + fn[c] == 0)
            {
                continue;
            }

            present++;
            f1 += 2 * tp[c] / ((2 * tp[c]) + fp[c] + fn[c]);
        }

        return new ActionMetrics(truth.Count, truth.Count == 0 ? 0 : (double)correct / truth.Count, present == 0 ? 0 : f1 / present);
    }
}

/// <summary>Purchase-within-horizon prediction on a time split: ROC AUC (ties counted half) and mean log-loss.</summary>
/// <param name="Users">Users scored.</param>
/// <param name="Positives">Users who purchased within the horizon after the cut-off.</param>
/// <param name="Auc">Area under the ROC curve (Mann–Whitney); NaN when one class is absent.</param>
/// <param name="LogLoss">Mean binary cross-entropy of the predicted probabilities (clipped to [1e-7, 1 − 1e-7]).</param>
public sealed record PurchaseMetrics(int Users, int Positives, double Auc, double LogLoss)
{
    internal static PurchaseMetrics From(IReadOnlyList<double> probability, IReadOnlyList<int> label)
    {
        var n = probability.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => probability[i]).ToArray();
        double rankSumPos = 0;
        var pos = label.Count(l => l == 1);
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && probability[order[j + 1]] == probability[order[i]])
            {
                j++;
            }

            var midRank = ((i + j) / 2.0) + 1;
            for (var q = i; q <= j; q++)
            {
                if (label[order[q]] == 1)
                {
                    rankSumPos += midRank;
                }
            }

            i = j + 1;
        }

        var neg = n - pos;
        var auc = pos == 0 || neg == 0 ? double.NaN : (rankSumPos - (pos * (pos + 1) / 2.0)) / ((double)pos * neg);
        double ll = 0;
        for (var i = 0; i < n; i++)
        {
            var p = Math.Clamp(probability[i], 1e-7, 1 - 1e-7);
            ll -= label[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }

        return new PurchaseMetrics(n, pos, auc, n == 0 ? double.NaN : ll / n);
    }
}
