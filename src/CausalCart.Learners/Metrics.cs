namespace CausalCart.Learners;

/// <summary>Classification metrics (double precision).</summary>
public static class Metrics
{
    /// <summary>
    /// Area under the ROC curve by the Mann–Whitney rank statistic, ties given average ranks: the probability that a
    /// random positive scores above a random negative (ties count ½).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, a score is NaN, or one class is absent.</exception>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        Check(scores, labels);
        int n = scores.Length;
        int[] order = Enumerable.Range(0, n).ToArray();
        double[] s = scores.ToArray();
        Array.Sort(s, order);
        double rankSumPos = 0;
        long pos = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && s[j + 1] == s[i])
            {
                j++;
            }

            double avgRank = ((i + j) / 2.0) + 1;
            for (int k = i; k <= j; k++)
            {
                if (labels[order[k]] == 1)
                {
                    rankSumPos += avgRank;
                    pos++;
                }
            }

            i = j + 1;
        }

        long neg = n - pos;
        if (pos == 0 || neg == 0)
        {
            throw new ArgumentException("AUC needs both classes among the labels.", nameof(labels));
        }

        return (rankSumPos - (pos * (pos + 1) / 2.0)) / ((double)pos * neg);
    }

    /// <summary>Mean log-loss −mean[y log p + (1−y) log(1−p)], probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    /// <exception cref="ArgumentException">Lengths differ, empty input, a label is not 0/1, or a probability is NaN or outside [0, 1].</exception>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        Check(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = probabilities[i];
            if (p < 0 || p > 1)
            {
                throw new ArgumentException($"Probability {p} at row {i} is outside [0, 1].", nameof(probabilities));
            }

            p = Math.Clamp(p, 1e-15, 1 - 1e-15);
            sum -= labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / labels.Length;
    }

    private static void Check(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"Scores have {scores.Length} values, labels {labels.Length}.", nameof(labels));
        }

        if (scores.IsEmpty)
        {
            throw new ArgumentException("Metrics need at least one row.", nameof(scores));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 0 && labels[i] != 1)
            {
                throw new ArgumentException($"Label {labels[i]} at row {i} is not 0 or 1.", nameof(labels));
            }

            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"Score is NaN at row {i}.", nameof(scores));
            }
        }
    }
}
