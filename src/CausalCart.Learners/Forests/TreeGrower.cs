using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Learners.Forests;

/// <summary>
/// Relabels the rows of one node before its split search (the causal forest's pseudo-outcomes ρ are recomputed in every
/// node): writes one label per row of <paramref name="rows"/> into <paramref name="labels"/>.
/// </summary>
internal delegate void NodeRelabeler(ReadOnlySpan<int> rows, ReadOnlySpan<double> weights, Span<double> labels);

/// <summary>What limits the growth of one tree.</summary>
/// <param name="Mtry">Candidate features drawn (without replacement) at each node.</param>
/// <param name="MinNodeSize">A node is split only when it holds more than this many samples (ranger's min.node.size).</param>
/// <param name="MinLeafSize">Each child must hold at least this many samples.</param>
/// <param name="MaxDepth">Maximum depth (root 0); 0 means unlimited.</param>
/// <param name="MinArmCount">When &gt; 0, each child must hold at least this many samples with arm 1 and with arm 0.</param>
/// <param name="MinChildShare">Each child must also hold at least this share of its parent's samples (GRF's alpha).</param>
internal readonly record struct GrowthLimits(int Mtry, int MinNodeSize, int MinLeafSize, int MaxDepth, int MinArmCount = 0, double MinChildShare = 0);

/// <summary>
/// Grows one CART tree on quantised features by histogram split search: at each node, for each of mtry candidate
/// features, one pass over the node's rows fills per-bin sums (weight, weighted label, count) and one pass over the
/// occupied bins finds the cut maximising S_L²/W_L + S_R²/W_R, the weighted-variance (= binary Gini) reduction.
/// </summary>
/// <remarks>
/// Implementation note: the sample arrays (rows, weights, counts, labels) are partitioned in place node by node, so each
/// node's rows are one contiguous range, as in ranger. Histograms are only cleared over the bins a node touched, so
/// small nodes cost O(rows) not O(bins). Ties keep the first candidate (feature draw order, lowest bin): deterministic.
/// </remarks>
internal static class TreeGrower
{
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
    public static DecisionTree Grow(
        BinnedFeatures bins, int[] rows, double[] weights, int[] counts, double[] labels, byte[]? arm,
        GrowthLimits limits, SeededRandom rng, NodeRelabeler? relabel, double[] importance)
    {
        int m = rows.Length;
        int p = bins.Cols;
        byte[][] codes = bins.Codes;
        var hist = new Bin[256];
        var candidates = new int[p];
        for (int j = 0; j < p; j++)
        {
            candidates[j] = j;
        }

        int capacity = Math.Max(16, Math.Min(2 * m, 1024));
        var nodes = new TreeNode[capacity];
        var parent = new int[capacity];
        var value = new double[capacity];
        int count = 1;
        parent[0] = -1;
        var stack = new Stack<(int Node, int Start, int End)>();
        stack.Push((0, 0, m));
        int mtry = Math.Clamp(limits.Mtry, 1, p);
        while (stack.Count > 0)
        {
            (int id, int start, int end) = stack.Pop();
            int depth = nodes[id].Depth;
            nodes[id].Feature = -1;
            if (relabel is not null)
            {
                relabel(rows.AsSpan(start, end - start), weights.AsSpan(start, end - start), labels.AsSpan(start, end - start));
            }

            double w = 0, s = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            int nSamples = 0, nArm = 0;
            for (int k = start; k < end; k++)
            {
                double l = labels[k];
                w += weights[k];
                s += weights[k] * l;
                nSamples += counts[k];
                lo = Math.Min(lo, l);
                hi = Math.Max(hi, l);
                if (arm is not null)
                {
                    nArm += arm[rows[k]] * counts[k];
                }
            }

            value[id] = w > 0 ? s / w : 0;
            if (nSamples <= limits.MinNodeSize || nSamples < 2 * limits.MinLeafSize || lo == hi
                || (limits.MaxDepth > 0 && depth >= limits.MaxDepth) || p == 0)
            {
                continue;
            }

            int minLeaf = Math.Max(limits.MinLeafSize, (int)Math.Ceiling(limits.MinChildShare * nSamples));
            double baseScore = s * s / w;
            double best = baseScore + (1e-12 * Math.Abs(baseScore)) + 1e-300;
            int bestFeature = -1, bestBin = 0;

            // Partial Fisher–Yates: the first mtry entries of candidates become this node's draw.
            for (int c = 0; c < mtry; c++)
            {
                int r = c + rng.NextInt(p - c);
                (candidates[c], candidates[r]) = (candidates[r], candidates[c]);
            }

            for (int c = 0; c < mtry; c++)
            {
                int f = candidates[c];
                if (bins.Edges[f].Length == 0)
                {
                    continue;
                }

                byte[] col = codes[f];
                int minBin = 255, maxBin = 0;
                for (int k = start; k < end; k++)
                {
                    int b = col[rows[k]];
                    ref Bin h = ref hist[b];
                    h.W += weights[k];
                    h.S += weights[k] * labels[k];
                    h.N += counts[k];
                    if (arm is not null)
                    {
                        h.A += arm[rows[k]] * counts[k];
                    }

                    minBin = Math.Min(minBin, b);
                    maxBin = Math.Max(maxBin, b);
                }

                double wl = 0, sl = 0;
                int nl = 0, al = 0;
                for (int b = minBin; b < maxBin; b++)
                {
                    ref Bin h = ref hist[b];
                    if (h.N == 0)
                    {
                        continue;
                    }

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
                        bestFeature = f;
                        bestBin = b;
                    }
                }

                hist.AsSpan(minBin, maxBin - minBin + 1).Clear();
            }

            if (bestFeature < 0)
            {
                continue;
            }

            importance[bestFeature] += best - baseScore;
            int mid = Partition(codes[bestFeature], (byte)bestBin, rows, weights, counts, labels, start, end);
            if (count + 2 > nodes.Length)
            {
                int grown = nodes.Length * 2;
                Array.Resize(ref nodes, grown);
                Array.Resize(ref parent, grown);
                Array.Resize(ref value, grown);
            }

            int left = count;
            count += 2;
            nodes[id] = new TreeNode
            {
                Feature = bestFeature,
                Bin = (byte)bestBin,
                Threshold = bins.Edges[bestFeature][bestBin],
                Left = left,
                Depth = depth,
            };
            nodes[left] = new TreeNode { Feature = -1, Depth = depth + 1 };
            nodes[left + 1] = new TreeNode { Feature = -1, Depth = depth + 1 };
            parent[left] = id;
            parent[left + 1] = id;
            stack.Push((left + 1, mid, end));
            stack.Push((left, start, mid));
        }

        return new DecisionTree(nodes, parent, value, count);
    }

    /// <summary>Moves the positions with code ≤ bin to the front of [start, end); returns the first position of the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Partition(byte[] col, byte bin, int[] rows, double[] weights, int[] counts, double[] labels, int start, int end)
    {
        int i = start, j = end - 1;
        while (true)
        {
            while (i <= j && col[rows[i]] <= bin)
            {
                i++;
            }

            while (i <= j && col[rows[j]] > bin)
            {
                j--;
            }

            if (i >= j)
            {
                return i;
            }

            (rows[i], rows[j]) = (rows[j], rows[i]);
            (weights[i], weights[j]) = (weights[j], weights[i]);
            (counts[i], counts[j]) = (counts[j], counts[i]);
            (labels[i], labels[j]) = (labels[j], labels[i]);
            i++;
            j--;
        }
    }
}
