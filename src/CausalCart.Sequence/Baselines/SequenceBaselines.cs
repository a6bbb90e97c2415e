using CausalCart.Core.Events;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Evaluation;
using CausalCart.Sequence.Kernels;

namespace CausalCart.Sequence.Baselines;

/// <summary>
/// Baselines evaluated by the same harness as the model: popularity and first-order Markov for the
/// next item (same leave-one-out split, same full ranking, same history exclusion), the previous action
/// for the next action, and logistic regression on per-user aggregates for purchase within the horizon.
/// </summary>
/// <remarks>
/// Popularity and transition counts are fitted on every user's events before the split's target
/// (for the test split this includes the validation event, exactly the context the model reads).
/// </remarks>
public static class SequenceBaselines
{
    /// <summary>Scores each item by its number of occurrences. Ties (common among rare items) count against the target.</summary>
    public static RankingMetrics Popularity(SequenceDataset data, EvaluationSplit split, IReadOnlyList<int>? cutOffs = null, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        var pop = Counts(data, split);
        return Evaluator.Rank(data, split, cutOffs ?? [5, 10, 20], (users, ends, scores) =>
        {
            for (var i = 0; i < users.Length; i++)
            {
                pop.AsSpan().CopyTo(scores.Span.Slice(i * data.ItemCount, data.ItemCount));
            }
        }, 256, new Compute(threads));
    }

    /// <summary>
    /// First-order Markov chain: score(j) = count(last item → j) + popularity(j)/(1 + max popularity),
    /// i.e. transitions first, popularity only to order items with equal transition counts.
    /// </summary>
    public static RankingMetrics Markov(SequenceDataset data, EvaluationSplit split, IReadOnlyList<int>? cutOffs = null, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        var pop = Counts(data, split);
        var maxPop = pop.Max();
        var transitions = new Dictionary<int, Dictionary<int, int>>();
        foreach (var u in Enumerable.Range(0, data.UserCount))
        {
            var items = data.Items[u];
            var end = Math.Max(0, items.Length - Offset(split));
            for (var e = 0; e + 1 < end; e++)
            {
                if (!transitions.TryGetValue(items[e], out var row))
                {
                    transitions[items[e]] = row = [];
                }

                row[items[e + 1]] = row.GetValueOrDefault(items[e + 1]) + 1;
            }
        }

        return Evaluator.Rank(data, split, cutOffs ?? [5, 10, 20], (users, ends, scores) =>
        {
            var v = data.ItemCount;
            for (var i = 0; i < users.Length; i++)
            {
                var s = scores.Span.Slice(i * v, v);
                for (var j = 0; j < v; j++)
                {
                    s[j] = pop[j] / (1f + maxPop);
                }

                if (transitions.TryGetValue(data.Items[users[i]][ends[i] - 1], out var row))
                {
                    foreach (var (j, n) in row)
                    {
                        s[j] += n;
                    }
                }
            }
        }, 256, new Compute(threads));
    }

    /// <summary>Predicts that the next action repeats the previous one.</summary>
    public static ActionMetrics PreviousAction(SequenceDataset data, EvaluationSplit split)
    {
        ArgumentNullException.ThrowIfNull(data);
        var truth = new List<int>();
        var predicted = new List<int>();
        foreach (var u in Evaluator.EvaluableUsers(data))
        {
            var e = Evaluator.TargetIndex(data, u, split);
            truth.Add(data.Actions[u][e]);
            predicted.Add(data.Actions[u][e - 1]);
        }

        return ActionMetrics.From(truth, predicted, Enum.GetValues<CanonicalAction>().Length);
    }

    /// <summary>
    /// Logistic regression (L2, λ = 1e-3, Newton's method) on per-user aggregates: log(1 + count) of
    /// each action, log(1 + events), log(1 + distinct items), log(1 + hours since the last event), the
    /// share of buys. Trained on the window one horizon earlier (features before cutoff − horizon,
    /// labels in [cutoff − horizon, cutoff)) and evaluated like <see cref="SequenceModel.EvaluatePurchase"/>.
    /// </summary>
    public static PurchaseMetrics PurchaseLogisticRegression(SequenceDataset data, DateTimeOffset cutoff, TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Times is null)
        {
            throw new Core.Errors.CausalCartException("The purchase baseline needs timestamps; this dataset has none.");
        }

        var (trainX, trainY) = Aggregates(data, cutoff - horizon, horizon);
        var (testX, testY) = Aggregates(data, cutoff, horizon);
        var w = LogisticRegression.Fit(trainX, trainY, 1e-3);
        var p = testX.Select(x => LogisticRegression.Predict(w, x)).ToList();
        return PurchaseMetrics.From(p, testY);
    }

    private static (List<double[]> X, int[] Y) Aggregates(SequenceDataset data, DateTimeOffset cutoff, TimeSpan horizon)
    {
        var (users, ends, labels) = PurchaseSplit.Labels(data, cutoff, horizon);
        var t0 = cutoff.ToUnixTimeSeconds();
        var actions = Enum.GetValues<CanonicalAction>().Length;
        var xs = new List<double[]>(users.Length);
        for (var i = 0; i < users.Length; i++)
        {
            var u = users[i];
            var x = new double[actions + 4];
            for (var e = 0; e < ends[i]; e++)
            {
                x[data.Actions[u][e]]++;
            }

            var buys = x[(int)CanonicalAction.Buy];
            for (var a = 0; a < actions; a++)
            {
                x[a] = Math.Log(1 + x[a]);
            }

            x[actions] = Math.Log(1 + ends[i]);
            x[actions + 1] = Math.Log(1 + data.Items[u][..ends[i]].Distinct().Count());
            x[actions + 2] = Math.Log(1 + ((t0 - data.Times![u][ends[i] - 1]) / 3600.0));
            x[actions + 3] = buys / ends[i];
            xs.Add(x);
        }

        return (xs, labels);
    }

    private static int Offset(EvaluationSplit split) => split == EvaluationSplit.Validation ? 2 : 1;

    private static float[] Counts(SequenceDataset data, EvaluationSplit split)
    {
        var pop = new float[data.ItemCount];
        foreach (var u in Enumerable.Range(0, data.UserCount))
        {
            var items = data.Items[u];
            for (var e = 0; e < items.Length - Offset(split); e++)
            {
                pop[items[e]]++;
            }
        }

        return pop;
    }
}
