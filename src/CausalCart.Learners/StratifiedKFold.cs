using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>
/// Seeded K-fold assignment that keeps each class's share about equal across folds (for cross-fitting a classifier or
/// a propensity model on a rare outcome), optionally with every row of a group in one fold.
/// </summary>
/// <remarks>
/// Without groups: the rows of each class (classes in ascending label order) are shuffled with
/// <see cref="SeededRandom"/>(seed) and dealt round-robin to the folds, the deal continuing from class to class, so every
/// fold's count of each class and its total size differ from the others' by at most 1. With groups: the distinct groups,
/// sorted by id, are shuffled, stably sorted by size (largest first), and each goes to the fold where it raises
/// Σ_c (rows of class c in the fold / rows of class c)² least (fewest rows, then lowest index, on ties) — a greedy
/// version of scikit-learn's StratifiedGroupKFold. A group may hold both classes. Deterministic for the same input and seed.
/// </remarks>
public static class StratifiedKFold
{
    /// <summary>Returns the fold (0..folds−1) of each row.</summary>
    /// <param name="labels">Class label of each row (length n ≥ folds); any finite values, compared exactly (e.g. 0/1).</param>
    /// <param name="folds">K ≥ 2.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="groups">Empty, or one group id per row.</param>
    /// <exception cref="ArgumentException">A NaN/∞ label, fewer rows (or groups) than folds, or a length mismatch.</exception>
    public static int[] Assign(ReadOnlySpan<double> labels, int folds, ulong seed, ReadOnlySpan<int> groups = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        int n = labels.Length;
        if (n < folds)
        {
            throw new ArgumentException($"Cannot split {n} rows into {folds} folds.", nameof(labels));
        }

        var classOf = new int[n];
        double[] values = new HashSet<double>(ValidLabels(labels)).Order().ToArray();
        var index = new Dictionary<double, int>(values.Length);
        for (int c = 0; c < values.Length; c++)
        {
            index[values[c]] = c;
        }

        for (int i = 0; i < n; i++)
        {
            classOf[i] = index[labels[i]];
        }

        var rng = new SeededRandom(seed);
        var fold = new int[n];
        if (groups.IsEmpty)
        {
            int dealt = 0;
            for (int c = 0; c < values.Length; c++)
            {
                int[] rows = Enumerable.Range(0, n).Where(i => classOf[i] == c).ToArray();
                rng.ShuffleInPlace<int>(rows);
                foreach (int r in rows)
                {
                    fold[r] = dealt++ % folds;
                }
            }

            return fold;
        }

        if (groups.Length != n)
        {
            throw new ArgumentException($"Group ids have {groups.Length} values for {n} rows.", nameof(groups));
        }

        int classes = values.Length;
        var perGroup = new Dictionary<int, int[]>(); // group → (classes) row counts
        for (int i = 0; i < n; i++)
        {
            if (!perGroup.TryGetValue(groups[i], out int[]? counts))
            {
                counts = new int[classes];
                perGroup[groups[i]] = counts;
            }

            counts[classOf[i]]++;
        }

        if (perGroup.Count < folds)
        {
            throw new ArgumentException($"Only {perGroup.Count} distinct groups for {folds} folds; grouped cross-fitting needs at least one group per fold.", nameof(groups));
        }

        var classTotal = new double[classes];
        for (int i = 0; i < n; i++)
        {
            classTotal[classOf[i]]++;
        }

        int[] ids = perGroup.Keys.Order().ToArray();
        rng.ShuffleInPlace<int>(ids);
        int[] ordered = ids.OrderByDescending(g => perGroup[g].Sum()).ToArray(); // OrderBy is stable
        var load = new double[folds * classes]; // (folds, classes) rows per fold and class
        var size = new long[folds];
        var foldOf = new Dictionary<int, int>(ordered.Length);
        foreach (int g in ordered)
        {
            int[] counts = perGroup[g];
            int best = -1;
            double bestCost = double.PositiveInfinity;
            for (int k = 0; k < folds; k++)
            {
                // Increase of Σ_c (load/total)² from adding the group: Σ_c g_c·(2·load + g_c)/total².
                double cost = 0;
                for (int c = 0; c < classes; c++)
                {
                    cost += counts[c] * ((2 * load[(k * classes) + c]) + counts[c]) / (classTotal[c] * classTotal[c]);
                }

                if (best < 0 || cost < bestCost - (1e-12 * bestCost) || (Math.Abs(cost - bestCost) <= 1e-12 * bestCost && size[k] < size[best]))
                {
                    best = k;
                    bestCost = cost;
                }
            }

            foldOf[g] = best;
            size[best] += counts.Sum();
            for (int c = 0; c < classes; c++)
            {
                load[(best * classes) + c] += counts[c];
            }
        }

        for (int i = 0; i < n; i++)
        {
            fold[i] = foldOf[groups[i]];
        }

        return fold;
    }

    private static List<double> ValidLabels(ReadOnlySpan<double> labels)
    {
        var list = new List<double>(labels.Length);
        for (int i = 0; i < labels.Length; i++)
        {
            if (!double.IsFinite(labels[i]))
            {
                throw new ArgumentException($"Label is {labels[i]} at row {i}; class labels must be finite.", nameof(labels));
            }

            list.Add(labels[i]);
        }

        return list;
    }
}
