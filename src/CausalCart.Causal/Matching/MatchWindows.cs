namespace CausalCart.Causal.Matching;

/// <summary>
/// The matches of a set of focal units, stored as windows into one array of candidate rows.
/// </summary>
/// <remarks>
/// Implementation note: with replacement on a one-dimensional score the M nearest candidates of a focal unit, ties
/// included, are a contiguous window of the sorted candidates, so the windows of different focal units overlap in
/// one shared <see cref="Order"/> array; explicit match lists (k-d tree, greedy) are disjoint windows of a
/// concatenated array. Sums over a window use prefix sums, so the cost stays O(n) however many ties there are.
/// A window may contain the focal unit itself (same-arm variance matching); <see cref="SelfPosition"/> marks it.
/// </remarks>
internal sealed class MatchWindows
{
    public MatchWindows(int[] order, int[] focal, int[] lo, int[] hi, int[] selfPosition, int[] unmatched)
    {
        Order = order;
        Focal = focal;
        Lo = lo;
        Hi = hi;
        SelfPosition = selfPosition;
        Unmatched = unmatched;
    }

    /// <summary>(L) candidate rows; windows index into it.</summary>
    public int[] Order { get; }

    /// <summary>(m) rows of the focal units that have at least one match.</summary>
    public int[] Focal { get; }

    /// <summary>(m) window starts in <see cref="Order"/>.</summary>
    public int[] Lo { get; }

    /// <summary>(m) window ends (exclusive).</summary>
    public int[] Hi { get; }

    /// <summary>(m) position of the focal row inside its own window, or −1.</summary>
    public int[] SelfPosition { get; }

    /// <summary>Focal rows that found no match (caliper or empty exact cell).</summary>
    public int[] Unmatched { get; }

    /// <summary>Number of matches of focal unit f.</summary>
    public int Size(int f) => Hi[f] - Lo[f] - (SelfPosition[f] >= 0 ? 1 : 0);

    /// <summary>Prefix sums of v over <see cref="Order"/>: P[q] = Σ_{r&lt;q} v[Order[r]], length L + 1.</summary>
    public double[] Prefix(double[] v)
    {
        var p = new double[Order.Length + 1];
        for (int q = 0; q < Order.Length; q++)
        {
            p[q + 1] = p[q] + v[Order[q]];
        }

        return p;
    }

    /// <summary>Mean of v over the matches of focal unit f, given <see cref="Prefix"/>(v).</summary>
    public double Mean(int f, double[] prefix, double[] v)
    {
        double s = prefix[Hi[f]] - prefix[Lo[f]];
        if (SelfPosition[f] >= 0)
        {
            s -= v[Focal[f]];
        }

        return s / Size(f);
    }

    /// <summary>
    /// Adds to k1[j] Σ_f 1{j ∈ J(f)}/#J(f) and to k2[j] Σ_f 1{j ∈ J(f)}/#J(f)² (the weighted match counts K and K₂ of
    /// Abadie &amp; Imbens 2006), by difference arrays over window positions.
    /// </summary>
    public void AccumulateUse(double[] k1, double[] k2)
    {
        var d1 = new double[Order.Length + 1];
        var d2 = new double[Order.Length + 1];
        for (int f = 0; f < Focal.Length; f++)
        {
            double inv = 1.0 / Size(f);
            d1[Lo[f]] += inv;
            d1[Hi[f]] -= inv;
            d2[Lo[f]] += inv * inv;
            d2[Hi[f]] -= inv * inv;
        }

        double a1 = 0, a2 = 0;
        for (int q = 0; q < Order.Length; q++)
        {
            a1 += d1[q];
            a2 += d2[q];
            k1[Order[q]] += a1;
            k2[Order[q]] += a2;
        }
    }
}

/// <summary>Collects windows from several exact-matching cells into one <see cref="MatchWindows"/>.</summary>
internal sealed class MatchWindowsBuilder
{
    private readonly List<int> _order = [];
    private readonly List<int> _focal = [];
    private readonly List<int> _lo = [];
    private readonly List<int> _hi = [];
    private readonly List<int> _self = [];
    private readonly List<int> _unmatched = [];

    /// <summary>Appends candidate rows; returns the offset of the first.</summary>
    public int AppendOrder(ReadOnlySpan<int> rows)
    {
        int start = _order.Count;
        foreach (int r in rows)
        {
            _order.Add(r);
        }

        return start;
    }

    /// <summary>Current length of the order array.</summary>
    public int OrderLength => _order.Count;

    /// <summary>Appends one candidate row.</summary>
    public void AppendOrder(int row) => _order.Add(row);

    public void AddFocal(int row, int lo, int hi, int selfPosition)
    {
        _focal.Add(row);
        _lo.Add(lo);
        _hi.Add(hi);
        _self.Add(selfPosition);
    }

    public void AddUnmatched(int row) => _unmatched.Add(row);

    public MatchWindows Build()
    {
        // Focal units are reported in row order, whatever order the cells and the greedy pass produced.
        int[] idx = Enumerable.Range(0, _focal.Count).OrderBy(i => _focal[i]).ToArray();
        return new MatchWindows(
            [.. _order],
            idx.Select(i => _focal[i]).ToArray(),
            idx.Select(i => _lo[i]).ToArray(),
            idx.Select(i => _hi[i]).ToArray(),
            idx.Select(i => _self[i]).ToArray(),
            [.. _unmatched.Order()]);
    }
}
