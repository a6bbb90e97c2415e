using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>
/// Seeded K-fold assignment for cross-fitting in which every row of a group (e.g. all of one user's rows) lands in the
/// same fold, so no group is both trained on and predicted for.
/// </summary>
/// <remarks>
/// Algorithm: the distinct groups, sorted by id, are shuffled with <see cref="SeededRandom"/>(seed), stably sorted by
/// size (largest first), and each is given to the fold with the fewest rows so far (lowest index on ties) — the
/// greedy balancing of scikit-learn's GroupKFold with a seeded tie order. Without groups every row is its own group,
/// which gives a random balanced split. Deterministic for the same input and seed.
/// </remarks>
public static class GroupedKFold
{
    /// <summary>Returns the fold (0..folds−1) of each of <paramref name="rows"/> rows.</summary>
    /// <param name="rows">Number of rows n ≥ folds.</param>
    /// <param name="folds">K ≥ 2.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="groups">Empty, or length n group ids.</param>
    /// <exception cref="ArgumentException">Fewer groups (or rows) than folds, or a length mismatch.</exception>
    public static int[] Assign(int rows, int folds, ulong seed, ReadOnlySpan<int> groups = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var fold = new int[rows];
        var rng = new SeededRandom(seed);
        if (groups.IsEmpty)
        {
            if (rows < folds)
            {
                throw new ArgumentException($"Cannot split {rows} rows into {folds} folds.", nameof(rows));
            }

            int[] perm = rng.Permutation(rows);
            for (int r = 0; r < rows; r++)
            {
                fold[perm[r]] = r % folds;
            }

            return fold;
        }

        if (groups.Length != rows)
        {
            throw new ArgumentException($"Group ids have {groups.Length} values for {rows} rows.", nameof(groups));
        }

        var sizes = new Dictionary<int, int>();
        foreach (int g in groups)
        {
            sizes[g] = sizes.TryGetValue(g, out int c) ? c + 1 : 1;
        }

        if (sizes.Count < folds)
        {
            throw new ArgumentException($"Only {sizes.Count} distinct groups for {folds} folds; grouped cross-fitting needs at least one group per fold.", nameof(groups));
        }

        int[] ids = sizes.Keys.Order().ToArray();
        rng.ShuffleInPlace<int>(ids);
        int[] ordered = ids.OrderByDescending(g => sizes[g]).ToArray(); // OrderBy is stable
        var load = new long[folds];
        var foldOf = new Dictionary<int, int>(ordered.Length);
        foreach (int g in ordered)
        {
            int best = 0;
            for (int k = 1; k < folds; k++)
            {
                if (load[k] < load[best])
                {
                    best = k;
                }
            }

            foldOf[g] = best;
            load[best] += sizes[g];
        }

        for (int i = 0; i < rows; i++)
        {
            fold[i] = foldOf[groups[i]];
        }

        return fold;
    }
}
