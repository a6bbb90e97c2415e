namespace CausalCart.Causal.Matching;

/// <summary>
/// Nearest-neighbour matching on a one-dimensional score by binary search in the sorted candidates: O((n_f + n_c)
/// log n_c) with replacement; without replacement a greedy pass whose "next unused candidate to the left/right"
/// lookups are union-find with path compression, O((n_f·M + n_c) α(n)).
/// </summary>
internal static class ScoreMatcher
{
    /// <summary>Relative tolerance under which two distances count as tied.</summary>
    public const double TieTolerance = 1e-9;

    /// <summary>Candidates sorted by (score, row).</summary>
    private static (int[] Rows, double[] Scores) Sort(double[] score, int[] candidates)
    {
        int[] rows = (int[])candidates.Clone();
        Array.Sort(rows, (a, b) =>
        {
            int c = score[a].CompareTo(score[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        double[] s = rows.Select(r => score[r]).ToArray();
        return (rows, s);
    }

    /// <summary>First position q with s[q] ≥ x (s sorted ascending).</summary>
    private static int LowerBound(double[] s, double x)
    {
        int lo = 0, hi = s.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (s[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// The <paramref name="k"/> nearest candidates of each focal unit, all candidates tied with the k-th kept, none
    /// farther than <paramref name="caliper"/>. With <paramref name="sameSet"/> the focal units are the candidates and
    /// each excludes itself (same-arm matching for the conditional variance).
    /// </summary>
    public static void WithReplacement(MatchWindowsBuilder builder, double[] score, int[] focal, int[] candidates, int k, double caliper, bool sameSet)
    {
        (int[] cand, double[] cs) = Sort(score, candidates);
        int m = cand.Length;
        int offset = builder.AppendOrder(cand);
        foreach (int row in focal)
        {
            double s = score[row];
            int pos = LowerBound(cs, s);
            int self = -1;
            if (sameSet)
            {
                self = pos;
                while (cand[self] != row)
                {
                    self++; // equal scores are sorted by row, so the focal row is a few steps right of pos at most
                }
            }

            int lo = pos - 1, hi = pos, picks = 0;
            double dk = 0;
            while (picks < k)
            {
                if (self >= 0 && lo == self)
                {
                    lo--;
                }

                if (self >= 0 && hi == self)
                {
                    hi++;
                }

                double dl = lo >= 0 ? s - cs[lo] : double.PositiveInfinity;
                double dh = hi < m ? cs[hi] - s : double.PositiveInfinity;
                double d = Math.Min(dl, dh);
                if (double.IsPositiveInfinity(d) || d > caliper)
                {
                    break;
                }

                if (dl <= dh)
                {
                    lo--;
                }
                else
                {
                    hi++;
                }

                picks++;
                dk = d;
            }

            if (picks == 0)
            {
                builder.AddUnmatched(row);
                continue;
            }

            // Keep every candidate tied with the k-th match (Abadie & Imbens 2006 define J_M(i) with ties); distances
            // within a relative TieTolerance count as tied, so rounding does not break ties that are exact in theory.
            dk *= 1 + TieTolerance;
            while (lo >= 0 && ((self >= 0 && lo == self) || s - cs[lo] <= dk))
            {
                lo--;
            }

            while (hi < m && ((self >= 0 && hi == self) || cs[hi] - s <= dk))
            {
                hi++;
            }

            builder.AddFocal(row, offset + lo + 1, offset + hi, self >= 0 ? offset + self : -1);
        }
    }

    /// <summary>
    /// Greedy matching without replacement in rounds: in each of <paramref name="k"/> rounds every focal unit, in the
    /// given order, takes its nearest unused candidate within the caliper (ties: the lower score). A focal unit that
    /// finds nothing in the first round is unmatched; one that runs out later keeps the matches it has.
    /// </summary>
    public static void WithoutReplacement(MatchWindowsBuilder builder, double[] score, int[] focalInOrder, int[] candidates, int k, double caliper)
    {
        (int[] cand, double[] cs) = Sort(score, candidates);
        int m = cand.Length;
        var right = new int[m + 1]; // union-find: right[q] leads to the first unused position ≥ q (m: none)
        var left = new int[m + 1];  // left[q + 1] leads to the last unused position ≤ q, plus one (0: none)
        for (int q = 0; q <= m; q++)
        {
            right[q] = q;
            left[q] = q;
        }

        int nf = focalInOrder.Length;
        var matches = new int[nf * k]; // (nf, k) matched candidate rows, row-major
        var count = new int[nf];
        var done = new bool[nf];
        for (int round = 0; round < k; round++)
        {
            for (int f = 0; f < nf; f++)
            {
                if (done[f])
                {
                    continue;
                }

                double s = score[focalInOrder[f]];
                int pos = LowerBound(cs, s);
                int l = Find(left, pos) - 1;  // last unused position < pos, or −1
                int r = Find(right, pos);     // first unused position ≥ pos, or m
                double dl = l >= 0 ? s - cs[l] : double.PositiveInfinity;
                double dr = r < m ? cs[r] - s : double.PositiveInfinity;
                double d = Math.Min(dl, dr);
                if (double.IsPositiveInfinity(d) || d > caliper)
                {
                    done[f] = true;
                    continue;
                }

                int q = dl <= dr ? l : r;
                matches[(f * k) + count[f]++] = cand[q];
                right[q] = q + 1;
                left[q + 1] = q;
            }
        }

        for (int f = 0; f < nf; f++)
        {
            if (count[f] == 0)
            {
                builder.AddUnmatched(focalInOrder[f]);
                continue;
            }

            int start = builder.AppendOrder(matches.AsSpan(f * k, count[f]));
            builder.AddFocal(focalInOrder[f], start, start + count[f], -1);
        }
    }

    private static int Find(int[] parent, int q)
    {
        int root = q;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[q] != root)
        {
            (parent[q], q) = (root, parent[q]);
        }

        return root;
    }
}
