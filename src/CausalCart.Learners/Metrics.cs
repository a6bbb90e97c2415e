namespace CausalCart.Learners;

/// <summary>
/// Classification and regression metrics in double precision. Optional weights (empty = all 1) must be finite, ≥ 0
/// and have a positive sum; weighted metrics replace every mean by a weighted mean.
/// </summary>
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
    /// <exception cref="ArgumentException">Lengths differ, empty input, a label is not 0/1, a probability is NaN or
    /// outside [0, 1], or invalid weights.</exception>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights = default)
    {
        Check(probabilities, labels);
        CheckProbabilities(probabilities);
        double total = CheckWeights(weights, labels.Length);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            double w = weights.IsEmpty ? 1 : weights[i];
            sum -= w * (labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p));
        }

        return sum / total;
    }

    /// <summary>Brier score: the (weighted) mean of (p − y)² for binary labels, in [0, 1]; lower is better.</summary>
    /// <exception cref="ArgumentException">Lengths differ, empty input, a label is not 0/1, a probability is NaN or
    /// outside [0, 1], or invalid weights.</exception>
    public static double Brier(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights = default)
    {
        Check(probabilities, labels);
        CheckProbabilities(probabilities);
        double total = CheckWeights(weights, labels.Length);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double d = probabilities[i] - labels[i];
            sum += (weights.IsEmpty ? 1 : weights[i]) * d * d;
        }

        return sum / total;
    }

    /// <summary>Root mean squared error √(mean (ŷ − y)²) (weighted mean when weights are given).</summary>
    /// <exception cref="ArgumentException">Lengths differ, empty input, a NaN/∞ value, or invalid weights.</exception>
    public static double RootMeanSquaredError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, ReadOnlySpan<double> weights = default)
    {
        CheckRegression(predictions, targets);
        double total = CheckWeights(weights, targets.Length);
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double d = predictions[i] - targets[i];
            sum += (weights.IsEmpty ? 1 : weights[i]) * d * d;
        }

        return Math.Sqrt(sum / total);
    }

    /// <summary>
    /// Coefficient of determination R² = 1 − Σw(y − ŷ)² / Σw(y − ȳ_w)² (scikit-learn's r2_score with sample weights).
    /// Can be negative for predictions worse than the mean.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, empty input, a NaN/∞ value, invalid weights, or a constant
    /// target (R² is undefined).</exception>
    public static double RSquared(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, ReadOnlySpan<double> weights = default)
    {
        CheckRegression(predictions, targets);
        double total = CheckWeights(weights, targets.Length);
        double mean = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            mean += (weights.IsEmpty ? 1 : weights[i]) * targets[i];
        }

        mean /= total;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            double r = targets[i] - predictions[i], c = targets[i] - mean;
            ssRes += w * r * r;
            ssTot += w * c * c;
        }

        if (!(ssTot > 0))
        {
            throw new ArgumentException("R² is undefined for a constant target (zero total sum of squares).", nameof(targets));
        }

        return 1 - (ssRes / ssTot);
    }

    /// <summary>
    /// Reliability diagram: probabilities split into <paramref name="bins"/> equal-width bins on [0, 1] (the last bin
    /// closed; scikit-learn's calibration_curve with strategy "uniform"), and for each non-empty bin the (weighted) mean
    /// predicted probability, the (weighted) observed rate of label 1, the row count and the weight. Empty bins are left
    /// out, so the result has at most <paramref name="bins"/> entries in increasing order.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Brier"/>, or fewer than 1 bin.</exception>
    public static IReadOnlyList<CalibrationBin> CalibrationCurve(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, int bins = 10, ReadOnlySpan<double> weights = default)
    {
        Check(probabilities, labels);
        CheckProbabilities(probabilities);
        CheckWeights(weights, labels.Length);
        if (bins < 1)
        {
            throw new ArgumentException($"A calibration curve needs at least 1 bin; got {bins}.", nameof(bins));
        }

        var sumP = new double[bins];
        var sumY = new double[bins];
        var sumW = new double[bins];
        var count = new int[bins];
        for (int i = 0; i < labels.Length; i++)
        {
            int b = Math.Min(bins - 1, (int)(probabilities[i] * bins));
            double w = weights.IsEmpty ? 1 : weights[i];
            sumP[b] += w * probabilities[i];
            sumY[b] += w * labels[i];
            sumW[b] += w;
            count[b]++;
        }

        var curve = new List<CalibrationBin>(bins);
        for (int b = 0; b < bins; b++)
        {
            if (count[b] > 0 && sumW[b] > 0)
            {
                curve.Add(new CalibrationBin((double)b / bins, (double)(b + 1) / bins, sumP[b] / sumW[b], sumY[b] / sumW[b], count[b], sumW[b]));
            }
        }

        return curve;
    }

    private static void CheckProbabilities(ReadOnlySpan<double> probabilities)
    {
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentException($"Probability {p} at row {i} is outside [0, 1].", nameof(probabilities));
            }
        }
    }

    private static void CheckRegression(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets)
    {
        if (predictions.Length != targets.Length)
        {
            throw new ArgumentException($"Predictions have {predictions.Length} values, targets {targets.Length}.", nameof(targets));
        }

        if (targets.IsEmpty)
        {
            throw new ArgumentException("Metrics need at least one row.", nameof(targets));
        }

        for (int i = 0; i < targets.Length; i++)
        {
            if (!double.IsFinite(targets[i]))
            {
                throw new ArgumentException($"Target is {targets[i]} at row {i}; targets must be finite.", nameof(targets));
            }

            if (!double.IsFinite(predictions[i]))
            {
                throw new ArgumentException($"Prediction is {predictions[i]} at row {i}; predictions must be finite.", nameof(predictions));
            }
        }
    }

    /// <summary>Returns Σ weights (n when empty).</summary>
    private static double CheckWeights(ReadOnlySpan<double> weights, int n)
    {
        if (weights.IsEmpty)
        {
            return n;
        }

        if (weights.Length != n)
        {
            throw new ArgumentException($"Weights have {weights.Length} values for {n} rows.", nameof(weights));
        }

        double total = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
            {
                throw new ArgumentException($"Weight is {weights[i]} at row {i}; weights must be finite and >= 0.", nameof(weights));
            }

            total += weights[i];
        }

        if (!(total > 0))
        {
            throw new ArgumentException("Weights sum to 0; at least one row needs a positive weight.", nameof(weights));
        }

        return total;
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
