using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CausalCart.Numerics;

namespace CausalCart.Learners.Forests;

/// <summary>
/// Relabels the rows of one node before its split search (the causal forest's pseudo-outcomes ρ are recomputed in every
/// node): writes one label per position into <paramref name="labels"/> from the positions' weights and the two
/// position-aligned payloads given to <see cref="TreeGrower.Grow"/> (all spans cover the node's positions).
/// </summary>
internal delegate void NodeRelabeler(ReadOnlySpan<double> weights, ReadOnlySpan<double> payloadA, ReadOnlySpan<double> payloadB, Span<double> labels);

/// <summary>What limits the growth of one tree.</summary>
/// <param name="Mtry">Candidate features drawn (without replacement) at each node.</param>
/// <param name="MinNodeSize">A node is split only when it holds more than this many samples (ranger's min.node.size).</param>
/// <param name="MinLeafSize">Each child must hold at least this many samples.</param>
/// <param name="MaxDepth">Maximum depth (root 0); 0 means unlimited.</param>
/// <param name="MinArmCount">When &gt; 0, each child must hold at least this many samples with arm 1 and with arm 0.</param>
/// <param name="MinChildShare">Each child must also hold at least this share of its parent's samples (GRF's alpha).</param>
internal readonly record struct GrowthLimits(int Mtry, int MinNodeSize, int MinLeafSize, int MaxDepth, int MinArmCount = 0, double MinChildShare = 0);

/// <summary>
/// Grows one CART tree on quantised features by histogram split search: at each node, for each of the mtry candidate
/// features in turn, one pass over the node's rows fills that feature's per-bin sums (weight, weighted label, count, arm
/// count) and a pass over its occupied bins finds the cut maximising S_L²/W_L + S_R²/W_R, the weighted-variance
/// (= binary Gini) reduction.
/// </summary>
/// <remarks>
/// Implementation note: the sample arrays (rows, weights, counts, labels) are partitioned in place node by node, so each
/// node's rows are one contiguous range, as in ranger. One candidate's histogram (256 bins, 6 KiB) is filled, scanned
/// and cleared before the next, so it stays in the L1 cache; it is only cleared over the bins the node touched, so small
/// nodes cost O(rows) not O(bins); a bit mask of the occupied bins lets the scan skip empty ones the same way. The fill, scan, totals and partition loops are separate small methods so that the JIT
/// keeps their state in registers. Every bin sums its rows in position order whatever the loop nesting, so the sums do
/// not depend on these choices. Ties keep the first candidate (feature draw order, lowest bin): deterministic.
/// </remarks>
internal static class TreeGrower
{
    private const int Bins = 256;

    /// <summary>Nodes of at most this many positions find their occupied bins from the codes, larger ones from the bins.</summary>
    private const int SmallNode = 128;

    private struct Bin
    {
        public double W;
        public double S;
        public int N;
        public int A;
    }

    /// <summary>
    /// Grows a tree on the sample. Arrays are indexed by sample position and are permuted in place.
    /// </summary>
    /// <param name="bins">Quantised features.</param>
    /// <param name="rows">(m) row id of each sample position.</param>
    /// <param name="weights">(m) weight of each position (sample weight × multiplicity), &gt; 0.</param>
    /// <param name="counts">(m) multiplicity of each position (bootstrap count, else 1).</param>
    /// <param name="labels">(m) label of each position (overwritten per node when <paramref name="relabel"/> is given).</param>
    /// <param name="arm">Null, or (n) 0/1 arm per row id for <see cref="GrowthLimits.MinArmCount"/>.</param>
    /// <param name="limits">Growth limits.</param>
    /// <param name="rng">The tree's random stream (feature draws).</param>
    /// <param name="relabel">Null (labels fixed), or the per-node relabeling.</param>
    /// <param name="importance">(p) accumulates the weighted impurity decrease of each split by feature.</param>
    /// <param name="payloadA">Null, or (m) values per position handed to <paramref name="relabel"/> (permuted along).</param>
    /// <param name="payloadB">Null, or (m) a second payload, like <paramref name="payloadA"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DecisionTree Grow(
        BinnedFeatures bins, int[] rows, double[] weights, int[] counts, double[] labels, byte[]? arm,
        GrowthLimits limits, SeededRandom rng, NodeRelabeler? relabel, double[] importance, double[]? payloadA = null, double[]? payloadB = null)
    {
        payloadA ??= [];
        payloadB ??= [];
        int m = rows.Length;
        int p = bins.Cols;
        byte[] codes = bins.Codes; // (n, p)
        int mtry = Math.Clamp(limits.Mtry, 1, Math.Max(p, 1));
        var hist = new Bin[Bins];             // (256) one candidate's bin sums
        var occupied = new ulong[Bins / 64];  // (4) bit b set when bin b of hist holds a position
        var chosen = new int[mtry];           // (mtry) candidate features of the node, splittable ones only
        var armCount = new int[m];            // (m) multiplicity of arm-1 samples per position
        var local = new byte[(long)m * p];    // (m, p) bin codes per sample position, permuted with the positions so
                                              // the histogram and partition passes stream through memory in order
        for (int k = 0; k < m; k++)
        {
            codes.AsSpan(rows[k] * p, p).CopyTo(local.AsSpan(k * p, p));
        }

        bool arms = arm is not null;
        if (arm is not null)
        {
            for (int k = 0; k < m; k++)
            {
                armCount[k] = arm[rows[k]] * counts[k];
            }
        }

        var candidates = new int[p];
        for (int j = 0; j < p; j++)
        {
            candidates[j] = j;
        }

        int capacity = Math.Max(16, Math.Min(2 * m, 1024));
        var nodes = new TreeNode[capacity];
        var threshold = new double[capacity];
        var depthOf = new int[capacity];
        var parent = new int[capacity];
        var value = new double[capacity];
        int count = 1;
        parent[0] = -1;
        var stack = new Stack<(int Node, int Start, int End)>();
        stack.Push((0, 0, m));
        while (stack.Count > 0)
        {
            (int id, int start, int end) = stack.Pop();
            int depth = depthOf[id];
            int len = end - start;
            nodes[id] = new TreeNode { FeatureBin = -1, Left = id };
            if (relabel is not null)
            {
                relabel(
                    weights.AsSpan(start, len),
                    payloadA.Length > 0 ? payloadA.AsSpan(start, len) : default,
                    payloadB.Length > 0 ? payloadB.AsSpan(start, len) : default,
                    labels.AsSpan(start, len));
            }

            NodeTotals totals = Totals(weights.AsSpan(start, len), labels.AsSpan(start, len), counts.AsSpan(start, len), armCount.AsSpan(start, len));
            double w = totals.W, s = totals.S;
            int nSamples = totals.N, nArm = totals.A;
            value[id] = w > 0 ? s / w : 0;
            if (nSamples <= limits.MinNodeSize || nSamples < 2 * limits.MinLeafSize || totals.Constant
                || (limits.MaxDepth > 0 && depth >= limits.MaxDepth) || p == 0)
            {
                continue;
            }

            // Partial Fisher–Yates: the first mtry entries of candidates are this node's draw; constant ones are dropped.
            int used = 0;
            for (int c = 0; c < mtry; c++)
            {
                int r = c + rng.NextInt(p - c);
                (candidates[c], candidates[r]) = (candidates[r], candidates[c]);
                if (bins.Edges[candidates[c]].Length > 0)
                {
                    chosen[used++] = candidates[c];
                }
            }

            if (used == 0)
            {
                continue;
            }

            var search = new SplitSearch(w, s, nSamples, nArm, Math.Max(limits.MinLeafSize, (int)Math.Ceiling(limits.MinChildShare * nSamples)), limits.MinArmCount);
            double baseScore = s * s / w;
            double best = baseScore + (1e-12 * Math.Abs(baseScore)) + 1e-300;
            int bestFeature = -1, bestBin = 0;
            ReadOnlySpan<byte> nodeCodes = local.AsSpan(start * p, len * p);
            for (int c = 0; c < used; c++)
            {
                Fill(
                    nodeCodes, p, chosen[c], weights.AsSpan(start, len), labels.AsSpan(start, len), counts.AsSpan(start, len),
                    arms ? armCount.AsSpan(start, len) : default, hist);
                if (len <= SmallNode)
                {
                    MarkFromCodes(nodeCodes, p, chosen[c], occupied);
                }
                else
                {
                    MarkFromHistogram(hist, occupied);
                }

                int bin = Scan(hist, occupied, search, ref best);
                if (bin >= 0)
                {
                    bestFeature = chosen[c];
                    bestBin = bin;
                }

                Clear(hist, occupied);
            }

            if (bestFeature < 0)
            {
                continue;
            }

            importance[bestFeature] += best - baseScore;
            int mid = Partition(local, p, bestFeature, bestBin, rows, weights, counts, labels, armCount, payloadA, payloadB, start, end);
            if (count + 2 > nodes.Length)
            {
                int grown = nodes.Length * 2;
                Array.Resize(ref nodes, grown);
                Array.Resize(ref threshold, grown);
                Array.Resize(ref depthOf, grown);
                Array.Resize(ref parent, grown);
                Array.Resize(ref value, grown);
            }

            int left = count;
            count += 2;
            nodes[id] = new TreeNode { FeatureBin = (bestFeature << 8) | bestBin, Left = left };
            threshold[id] = bins.Edges[bestFeature][bestBin];
            depthOf[left] = depthOf[left + 1] = depth + 1;
            parent[left] = parent[left + 1] = id;
            stack.Push((left + 1, mid, end));
            stack.Push((left, start, mid));
        }

        return new DecisionTree(nodes, threshold, depthOf, parent, value, count);
    }

    /// <summary>A node's weight and weighted label sums, sample and arm-1 counts, and whether its labels are all equal.</summary>
    private readonly record struct NodeTotals(double W, double S, int N, int A, bool Constant);

    /// <summary>What a split search needs of its node: totals and the children's minimum sizes.</summary>
    private readonly record struct SplitSearch(double W, double S, int N, int A, int MinLeaf, int MinArm);

    /// <summary>Totals of one node's positions (sums in position order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NodeTotals Totals(ReadOnlySpan<double> weights, ReadOnlySpan<double> labels, ReadOnlySpan<int> counts, ReadOnlySpan<int> armCount)
    {
        double w = 0, s = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        int n = 0, a = 0;
        for (int k = 0; k < weights.Length; k++)
        {
            double l = labels[k];
            w += weights[k];
            s += weights[k] * l;
            n += counts[k];
            a += armCount[k];
            lo = Math.Min(lo, l);
            hi = Math.Max(hi, l);
        }

        return new NodeTotals(w, s, n, a, lo == hi);
    }

    /// <summary>
    /// Adds every position of a node to the bin of <paramref name="feature"/> in <paramref name="hist"/> (which is clear).
    /// <paramref name="codes"/> is the node's (len, p) codes; <paramref name="armCount"/> is empty when arms are not
    /// tracked (A stays 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(
        ReadOnlySpan<byte> codes, int p, int feature, ReadOnlySpan<double> weights, ReadOnlySpan<double> labels, ReadOnlySpan<int> counts,
        ReadOnlySpan<int> armCount, Span<Bin> hist)
    {
        int len = weights.Length;
        ref Bin h0 = ref MemoryMarshal.GetReference(hist);
        if (armCount.IsEmpty)
        {
            for (int k = 0, o = feature; k < len; k++, o += p)
            {
                double wk = weights[k];
                ref Bin h = ref Unsafe.Add(ref h0, codes[o]);
                h.W += wk;
                h.S += wk * labels[k];
                h.N += counts[k];
            }
        }
        else
        {
            for (int k = 0, o = feature; k < len; k++, o += p)
            {
                double wk = weights[k];
                ref Bin h = ref Unsafe.Add(ref h0, codes[o]);
                h.W += wk;
                h.S += wk * labels[k];
                h.N += counts[k];
                h.A += armCount[k];
            }
        }
    }

    /// <summary>Sets in <paramref name="occupied"/> (clear) the bit of every bin that one of a node's positions falls in,
    /// from the codes: cheaper than a pass over the 256 bins for a node of few positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MarkFromCodes(ReadOnlySpan<byte> codes, int p, int feature, Span<ulong> occupied)
    {
        for (int o = feature; o < codes.Length; o += p)
        {
            int b = codes[o];
            occupied[b >> 6] |= 1UL << b;
        }
    }

    /// <summary>Sets in <paramref name="occupied"/> the bit of every bin of <paramref name="hist"/> that holds a position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MarkFromHistogram(ReadOnlySpan<Bin> hist, Span<ulong> occupied)
    {
        for (int word = 0; word < 4; word++)
        {
            ulong bits = 0;
            for (int k = 63; k >= 0; k--)
            {
                bits = (bits << 1) | (hist[(word << 6) + k].N != 0 ? 1UL : 0);
            }

            occupied[word] = bits;
        }
    }

    /// <summary>
    /// Scans the cuts "bin ≤ b" for every occupied bin b but the highest, in ascending order, over one candidate's
    /// histogram; returns the bin of the best cut that beats <paramref name="best"/> (which it raises), or −1 when none
    /// does. Empty bins cannot change the sums, so visiting only the occupied ones gives the same cuts and scores as a pass
    /// over every bin, in O(occupied bins) rather than O(256) for a small node.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Scan(ReadOnlySpan<Bin> hist, ReadOnlySpan<ulong> occupied, in SplitSearch node, ref double best)
    {
        double w = node.W, s = node.S, top = best;
        int nSamples = node.N, nArm = node.A, minLeaf = node.MinLeaf, minArm = node.MinArm;
        int high = HighestBin(occupied);
        double wl = 0, sl = 0;
        int nl = 0, al = 0, found = -1;
        for (int word = 0; word < 4; word++)
        {
            ulong bits = occupied[word];
            while (bits != 0)
            {
                int b = (word << 6) | BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                if (b >= high)
                {
                    best = top;
                    return found;
                }

                ref readonly Bin h = ref hist[b];
                wl += h.W;
                sl += h.S;
                nl += h.N;
                al += h.A;
                int nr = nSamples - nl;
                if (nl < minLeaf)
                {
                    continue;
                }

                if (nr < minLeaf)
                {
                    best = top;
                    return found;
                }

                if (minArm > 0 && (al < minArm || nl - al < minArm || nArm - al < minArm || nr - (nArm - al) < minArm))
                {
                    continue;
                }

                double wr = w - wl;
                if (!(wl > 0) || !(wr > 0))
                {
                    continue;
                }

                double sr = s - sl;
                double score = (sl * sl / wl) + (sr * sr / wr);
                if (score > top)
                {
                    top = score;
                    found = b;
                }
            }
        }

        best = top;
        return found;
    }

    /// <summary>The highest set bit of a non-empty 256-bit mask.</summary>
    private static int HighestBin(ReadOnlySpan<ulong> occupied)
    {
        for (int word = 3; word > 0; word--)
        {
            if (occupied[word] != 0)
            {
                return (word << 6) | (63 - BitOperations.LeadingZeroCount(occupied[word]));
            }
        }

        return 63 - BitOperations.LeadingZeroCount(occupied[0]);
    }

    /// <summary>Clears the occupied bins of a histogram and the mask itself.</summary>
    private static void Clear(Span<Bin> hist, Span<ulong> occupied)
    {
        for (int word = 0; word < 4; word++)
        {
            ulong bits = occupied[word];
            while (bits != 0)
            {
                hist[(word << 6) | BitOperations.TrailingZeroCount(bits)] = default;
                bits &= bits - 1;
            }

            occupied[word] = 0;
        }
    }

    /// <summary>Moves the positions with code ≤ bin to the front of [start, end); returns the first position of the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Partition(
        byte[] local, int p, int feature, int bin, int[] rows, double[] weights, int[] counts, double[] labels, int[] armCount,
        double[] payloadA, double[] payloadB, int start, int end)
    {
        int i = start, j = end - 1;
        bool hasA = payloadA.Length > 0, hasB = payloadB.Length > 0;
        while (true)
        {
            while (i <= j && local[(i * p) + feature] <= bin)
            {
                i++;
            }

            while (i <= j && local[(j * p) + feature] > bin)
            {
                j--;
            }

            if (i >= j)
            {
                return i;
            }

            // A row's p codes: a short byte loop beats three span copies for the usual handful of features.
            for (int oi = i * p, oj = j * p, e = oi + p; oi < e; oi++, oj++)
            {
                (local[oi], local[oj]) = (local[oj], local[oi]);
            }

            (rows[i], rows[j]) = (rows[j], rows[i]);
            (weights[i], weights[j]) = (weights[j], weights[i]);
            (counts[i], counts[j]) = (counts[j], counts[i]);
            (labels[i], labels[j]) = (labels[j], labels[i]);
            (armCount[i], armCount[j]) = (armCount[j], armCount[i]);
            if (hasA)
            {
                (payloadA[i], payloadA[j]) = (payloadA[j], payloadA[i]);
            }

            if (hasB)
            {
                (payloadB[i], payloadB[j]) = (payloadB[j], payloadB[i]);
            }

            i++;
            j--;
        }
    }
}
