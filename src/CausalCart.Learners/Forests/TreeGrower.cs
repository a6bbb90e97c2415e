using System.Runtime.CompilerServices;
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
/// Grows one CART tree on quantised features by histogram split search: at each node, one pass over the node's rows
/// fills per-bin sums (weight, weighted label, count, arm count) for all mtry candidate features at once (a row's codes
/// share one cache line), then a pass over each candidate's occupied bins finds the cut maximising
/// S_L²/W_L + S_R²/W_R, the weighted-variance (= binary Gini) reduction.
/// </summary>
/// <remarks>
/// Implementation note: the sample arrays (rows, weights, counts, labels) are partitioned in place node by node, so each
/// node's rows are one contiguous range, as in ranger. Histograms are only cleared over the bins a node touched, so
/// small nodes cost O(rows) not O(bins). Ties keep the first candidate (feature draw order, lowest bin): deterministic.
/// </remarks>
internal static class TreeGrower
{
    private const int Bins = 256;

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
        var hist = new Bin[mtry * Bins];      // (mtry, 256) per-candidate bin sums
        var lowBin = new int[mtry];           // (mtry) lowest occupied bin per candidate
        var highBin = new int[mtry];          // (mtry) highest occupied bin per candidate
        var chosen = new int[mtry];           // (mtry) candidate features of the node, splittable ones only
        var armCount = new int[m];            // (m) multiplicity of arm-1 samples per position
        var local = new byte[(long)m * p];    // (m, p) bin codes per sample position, permuted with the positions so
                                              // the histogram and partition passes stream through memory in order
        for (int k = 0; k < m; k++)
        {
            codes.AsSpan(rows[k] * p, p).CopyTo(local.AsSpan(k * p, p));
        }

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
            nodes[id] = new TreeNode { FeatureBin = -1 };
            if (relabel is not null)
            {
                int len = end - start;
                relabel(
                    weights.AsSpan(start, len),
                    payloadA.Length > 0 ? payloadA.AsSpan(start, len) : default,
                    payloadB.Length > 0 ? payloadB.AsSpan(start, len) : default,
                    labels.AsSpan(start, len));
            }

            double w = 0, s = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            int nSamples = 0, nArm = 0;
            for (int k = start; k < end; k++)
            {
                double l = labels[k];
                w += weights[k];
                s += weights[k] * l;
                nSamples += counts[k];
                nArm += armCount[k];
                lo = Math.Min(lo, l);
                hi = Math.Max(hi, l);
            }

            value[id] = w > 0 ? s / w : 0;
            if (nSamples <= limits.MinNodeSize || nSamples < 2 * limits.MinLeafSize || lo == hi
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

            for (int c = 0; c < used; c++)
            {
                lowBin[c] = Bins - 1;
                highBin[c] = 0;
            }

            // One pass over the node's rows fills every candidate's histogram.
            for (int k = start; k < end; k++)
            {
                int offset = k * p;
                double wk = weights[k], sk = wk * labels[k];
                int nk = counts[k], ak = armCount[k];
                for (int c = 0; c < used; c++)
                {
                    int b = local[offset + chosen[c]];
                    ref Bin h = ref hist[(c * Bins) + b];
                    h.W += wk;
                    h.S += sk;
                    h.N += nk;
                    h.A += ak;
                    lowBin[c] = Math.Min(lowBin[c], b);
                    highBin[c] = Math.Max(highBin[c], b);
                }
            }

            int minLeaf = Math.Max(limits.MinLeafSize, (int)Math.Ceiling(limits.MinChildShare * nSamples));
            double baseScore = s * s / w;
            double best = baseScore + (1e-12 * Math.Abs(baseScore)) + 1e-300;
            int bestFeature = -1, bestBin = 0;
            for (int c = 0; c < used; c++)
            {
                Span<Bin> h = hist.AsSpan(c * Bins, Bins);
                double wl = 0, sl = 0;
                int nl = 0, al = 0;
                for (int b = lowBin[c]; b < highBin[c]; b++)
                {
                    if (h[b].N == 0)
                    {
                        continue;
                    }

                    wl += h[b].W;
                    sl += h[b].S;
                    nl += h[b].N;
                    al += h[b].A;
                    int nr = nSamples - nl;
                    if (nl < minLeaf)
                    {
                        continue;
                    }

                    if (nr < minLeaf)
                    {
                        break;
                    }

                    if (limits.MinArmCount > 0
                        && (al < limits.MinArmCount || nl - al < limits.MinArmCount
                            || nArm - al < limits.MinArmCount || nr - (nArm - al) < limits.MinArmCount))
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
                    if (score > best)
                    {
                        best = score;
                        bestFeature = chosen[c];
                        bestBin = b;
                    }
                }

                h.Slice(lowBin[c], highBin[c] - lowBin[c] + 1).Clear();
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

    /// <summary>Moves the positions with code ≤ bin to the front of [start, end); returns the first position of the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Partition(
        byte[] local, int p, int feature, int bin, int[] rows, double[] weights, int[] counts, double[] labels, int[] armCount,
        double[] payloadA, double[] payloadB, int start, int end)
    {
        int i = start, j = end - 1;
        Span<byte> swap = p <= 256 ? stackalloc byte[p] : new byte[p];
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

            Span<byte> a = local.AsSpan(i * p, p), b = local.AsSpan(j * p, p);
            a.CopyTo(swap);
            b.CopyTo(a);
            swap.CopyTo(b);

            (rows[i], rows[j]) = (rows[j], rows[i]);
            (weights[i], weights[j]) = (weights[j], weights[i]);
            (counts[i], counts[j]) = (counts[j], counts[i]);
            (labels[i], labels[j]) = (labels[j], labels[i]);
            (armCount[i], armCount[j]) = (armCount[j], armCount[i]);
            if (payloadA.Length > 0)
            {
                (payloadA[i], payloadA[j]) = (payloadA[j], payloadA[i]);
            }

            if (payloadB.Length > 0)
            {
                (payloadB[i], payloadB[j]) = (payloadB[j], payloadB[i]);
            }

            i++;
            j--;
        }
    }
}
