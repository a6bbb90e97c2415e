using System.Runtime.CompilerServices;

namespace CausalCart.Learners.Boosting;

/// <summary>
/// Grows one tree on binned training rows from per-row (gradient, Hessian) pairs. Owns the reusable buffers of a fit
/// (row index partition, histogram pool); one instance per fit, not thread-safe (it parallelises internally).
/// </summary>
/// <remarks>
/// Implementation note. Each node owns a contiguous range of <c>_rows</c>; splitting a node partitions its range stably
/// into left and right. Histograms are built for the smaller child only and the larger child's is the parent's minus it
/// (the subtraction trick). Work is split into fixed row blocks whose boundaries depend only on the node's row count, and
/// block results (partial histograms, partition counts) are combined in block order, so the tree is bit-for-bit the same
/// whatever the thread count.
/// </remarks>
internal sealed class TreeGrower
{
    private const int PartitionBlockRows = 16384;
    private const int HistogramPartRows = 16384;
    private const int MaxHistogramParts = 16;

    private readonly byte[] _columns;       // (p, n) the same bins column-major (partitions read one feature)
    private readonly int _n, _p;
    private readonly FeatureBinning _binning;
    private readonly GradientBoostingOptions _o;
    private readonly ParallelOptions _parallel;
    private readonly int[] _rows;           // (n) row indices, each node owning a contiguous range
    private readonly int[] _leftBuf;        // (n) partition scratch
    private readonly int[] _rightBuf;       // (n) partition scratch
    private readonly Stack<double[]> _pool = new();   // free histograms, each (TotalSlots, 2)
    private readonly List<double[]> _scratch = [];   // partial histograms of the current batch
    private readonly int _maxDepth, _maxLeaves;
    private readonly byte[] _records;       // (n, stride) packed rows: p bins, then (g, h) as floats at _ghOffset
    private readonly int _stride, _ghOffset;
    private bool[] _featureMask = [];       // (p) features this tree may split on
    private List<Node> _nodes = [];
    private readonly Dictionary<string, double>? _timings;   // seconds per stage when profiling
    private TimeSpan _cpuMark;

    public TreeGrower(byte[] bins, int n, int p, FeatureBinning binning, GradientBoostingOptions options, int threads, Dictionary<string, double>? timings = null)
    {
        _timings = timings;
        (_stride, _ghOffset) = HistogramKernels.Layout(p);
        _records = new byte[(long)n * _stride <= int.MaxValue ? n * _stride : throw new ArgumentException($"{n} rows of {p} features are too many for one fit (the packed rows exceed 2 GB).", "features")];
        Parallel.For(0, (n + 16383) / 16384, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            for (int i = c * 16384; i < Math.Min(n, (c + 1) * 16384); i++)
            {
                bins.AsSpan(i * p, p).CopyTo(_records.AsSpan(i * _stride));
            }
        });
        _columns = GC.AllocateUninitializedArray<byte>(bins.Length);
        Parallel.For(0, p, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            for (int i = 0; i < n; i++)
            {
                _columns[((long)f * n) + i] = bins[((long)i * p) + f];
            }
        });
        _n = n;
        _p = p;
        _binning = binning;
        _o = options;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        _rows = new int[n];
        _leftBuf = new int[n];
        _rightBuf = new int[n];
        _maxDepth = options.MaxDepth == 0 ? int.MaxValue : options.MaxDepth;
        _maxLeaves = options.EffectiveMaxLeaves;
    }

    /// <summary>Leaves of the last grown tree: (node range start, count, leaf value) for the score update.</summary>
    public List<(int Start, int Count, double Value)> Leaves { get; } = [];

    /// <summary>The row index array (ranges named by <see cref="Leaves"/>).</summary>
    public int[] Rows => _rows;

    /// <summary>
    /// Grows a tree on rows <paramref name="sampleRows"/> (ascending; null for all rows) with gradients
    /// <paramref name="gh"/> (n, 2), splitting only on features with <paramref name="featureMask"/> set.
    /// </summary>
    public BoostedTree Grow(double[] gh, int[]? sampleRows, bool[] featureMask)
    {
        Parallel.For(0, (_n + 16383) / 16384, _parallel, c => PackGradients(gh, _records, _stride, _ghOffset, c * 16384, Math.Min(_n, (c + 1) * 16384)));
        _featureMask = featureMask;
        int count;
        if (sampleRows is null)
        {
            for (int i = 0; i < _n; i++)
            {
                _rows[i] = i;
            }

            count = _n;
        }
        else
        {
            sampleRows.CopyTo(_rows, 0);
            count = sampleRows.Length;
        }

        _cpuMark = _timings is null ? default : System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        _nodes = [];
        var root = new Node { Start = 0, Count = count, Depth = 0, Id = 0 };
        _nodes.Add(root);
        root.Hist = Rent();
        Mark("grow:other");
        BuildHistograms([root]);
        ReduceParts(root);
        Mark("grow:histogram");
        (root.G, root.H) = Totals(root.Hist);
        var frontier = new List<Node>();
        if (CanSplit(root))
        {
            root.Split = FindBestSplit(root);
            if (root.Split.Feature >= 0)
            {
                frontier.Add(root);
            }
        }

        int leaves = 1;
        if (_o.Growth == TreeGrowth.DepthWise)
        {
            while (frontier.Count > 0 && leaves < _maxLeaves)
            {
                // Highest gain first, so a leaf limit keeps the best splits of the level.
                frontier.Sort((a, b) => a.Split.Gain != b.Split.Gain ? b.Split.Gain.CompareTo(a.Split.Gain) : a.Id.CompareTo(b.Id));
                int take = Math.Min(frontier.Count, _maxLeaves - leaves);
                var level = frontier.GetRange(0, take);
                foreach (Node skipped in frontier.Skip(take))
                {
                    Return(skipped);
                }

                leaves += level.Count;
                frontier = SplitNodes(level);
            }
        }
        else
        {
            while (frontier.Count > 0 && leaves < _maxLeaves)
            {
                int best = 0;
                for (int i = 1; i < frontier.Count; i++)
                {
                    Node a = frontier[i], b = frontier[best];
                    if (a.Split.Gain > b.Split.Gain || (a.Split.Gain == b.Split.Gain && a.Id < b.Id))
                    {
                        best = i;
                    }
                }

                Node node = frontier[best];
                frontier.RemoveAt(best);
                leaves++;
                frontier.AddRange(SplitNodes([node]));
            }
        }

        foreach (Node n in frontier)
        {
            Return(n);
        }

        Return(root);   // a root that could not be split still holds its histogram

        BoostedTree tree = Flatten();
        Mark("grow:other");
        return tree;
    }

    private bool CanSplit(Node node) =>
        node.Depth < _maxDepth && node.Count >= 2 && node.H >= 2 * _o.MinChildWeight && _maxLeaves > 1;

    /// <summary>Splits each node by its best split; returns the children that have a valid split of their own.</summary>
    private List<Node> SplitNodes(List<Node> splitting)
    {
        Mark("grow:other");
        Partition(splitting);
        Mark("grow:partition");
        var build = new List<Node>();
        var pairs = new List<(Node Large, Node Small)>();
        var children = new List<Node>();
        foreach (Node node in splitting)
        {
            Node l = node.LeftChild!, r = node.RightChild!;
            children.Add(l);
            children.Add(r);
            if (!CanSplit(l) && !CanSplit(r))
            {
                Return(node);
                continue;
            }

            // Build the smaller child; the larger takes the parent's histogram minus the smaller's.
            Node small = l.Count <= r.Count ? l : r, large = ReferenceEquals(small, l) ? r : l;
            small.Hist = Rent();
            large.Hist = node.Hist;
            node.Hist = null;
            build.Add(small);
            pairs.Add((large, small));
        }

        BuildHistograms(build);
        Mark("grow:histogram");

        // One parallel step per split: sum the smaller child's parts, derive the larger child, find both children's splits.
        Parallel.For(0, pairs.Count, _parallel, i =>
        {
            (Node large, Node small) = pairs[i];
            ReduceParts(small);
            HistogramKernels.SubtractInPlace(large.Hist!, small.Hist!);
            if (CanSplit(small))
            {
                small.Split = FindBestSplit(small);
            }

            if (CanSplit(large))
            {
                large.Split = FindBestSplit(large);
            }
        });
        Mark("grow:split");
        var next = new List<Node>();
        foreach (Node c in children)
        {
            if (c.Hist is null)
            {
                continue;
            }

            if (CanSplit(c) && c.Split.Feature >= 0)
            {
                next.Add(c);
            }
            else
            {
                Return(c);
            }
        }

        return next;
    }

    private void Mark(string stage)
    {
        if (_timings is not null)
        {
            // Process CPU seconds (all threads): under a loaded machine this tracks work better than wall time.
            TimeSpan now = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            _timings[stage] = _timings.GetValueOrDefault(stage) + (now - _cpuMark).TotalSeconds;
            _cpuMark = now;
        }
    }

    private double[] Rent() => _pool.Count > 0 ? _pool.Pop() : new double[2 * _binning.TotalSlots];

    private void Return(Node node)
    {
        if (node.Hist is not null)
        {
            _pool.Push(node.Hist);
            node.Hist = null;
        }
    }

    /// <summary>(G, H) of a node from its histogram: the sum over one feature's slots (every feature sums to the same).</summary>
    private (double G, double H) Totals(double[] hist)
    {
        double g = 0, h = 0;
        int nb = _binning.BinCount[0];
        for (int s = 0; s <= nb; s++)
        {
            g += hist[2 * s];
            h += hist[(2 * s) + 1];
        }

        return (g, h);
    }

    /// <summary>Builds the histograms of <paramref name="nodes"/> (each already has its buffer) over fixed row parts.</summary>
    private void BuildHistograms(List<Node> nodes)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        var tasks = new List<(Node Node, int Start, int Count, int Scratch)>();
        int scratch = 0;
        for (int i = 0; i < nodes.Count; i++)
        {
            Node node = nodes[i];
            int parts = Math.Clamp(node.Count / HistogramPartRows, 1, MaxHistogramParts);
            int per = (node.Count + parts - 1) / parts;
            node.FirstScratch = scratch;
            node.Parts = parts;
            for (int q = 0; q < parts; q++)
            {
                int start = node.Start + (q * per);
                int cnt = Math.Max(0, Math.Min(per, node.Start + node.Count - start));
                tasks.Add((node, start, cnt, q == 0 ? -1 : scratch++));
            }
        }

        while (_scratch.Count < scratch)
        {
            _scratch.Add(new double[2 * _binning.TotalSlots]);
        }

        int[] offsets = _binning.SlotOffset;
        Parallel.For(0, tasks.Count, _parallel, t =>
        {
            (Node node, int start, int cnt, int s) = tasks[t];
            double[] hist = s < 0 ? node.Hist! : _scratch[s];
            Array.Clear(hist);
            HistogramKernels.Accumulate(_records, _stride, _ghOffset, _p, _rows.AsSpan(start, cnt), offsets, hist);
        });
    }

    /// <summary>Adds a node's partial histograms into its own, in part order: the same sums whatever ran where.</summary>
    private void ReduceParts(Node node)
    {
        for (int q = 1; q < node.Parts; q++)
        {
            HistogramKernels.AddInPlace(node.Hist!, _scratch[node.FirstScratch + q - 1]);
        }
    }

    /// <summary>Stable partition of each node's row range by its split; creates the children.</summary>
    private void Partition(List<Node> splitting)
    {
        var tasks = new List<(int Node, int Start, int Count)>();
        var tables = new byte[splitting.Count][];
        for (int i = 0; i < splitting.Count; i++)
        {
            Node node = splitting[i];
            var table = new byte[256];
            for (int b = 0; b < 256; b++)
            {
                table[b] = (byte)((node.Split.Bits[b >> 6] >> (b & 63)) & 1);
            }

            tables[i] = table;
            for (int s = node.Start; s < node.Start + node.Count; s += PartitionBlockRows)
            {
                tasks.Add((i, s, Math.Min(PartitionBlockRows, node.Start + node.Count - s)));
            }
        }

        var leftCounts = new int[tasks.Count];
        Parallel.For(0, tasks.Count, _parallel, t =>
        {
            (int i, int start, int cnt) = tasks[t];
            int f = splitting[i].Split.Feature;
            leftCounts[t] = PartitionBlock(
                _rows.AsSpan(start, cnt), _columns.AsSpan(f * _n, _n), tables[i], _leftBuf.AsSpan(start, cnt), _rightBuf.AsSpan(start, cnt));
        });

        var leftDest = new int[tasks.Count];
        var rightDest = new int[tasks.Count];
        int ti = 0;
        for (int i = 0; i < splitting.Count; i++)
        {
            Node node = splitting[i];
            int first = ti, totalLeft = 0;
            while (ti < tasks.Count && tasks[ti].Node == i)
            {
                totalLeft += leftCounts[ti];
                ti++;
            }

            int l = node.Start, r = node.Start + totalLeft;
            for (int t = first; t < ti; t++)
            {
                leftDest[t] = l;
                rightDest[t] = r;
                l += leftCounts[t];
                r += tasks[t].Count - leftCounts[t];
            }

            SplitInfo s = node.Split;
            node.LeftChild = new Node { Start = node.Start, Count = totalLeft, Depth = node.Depth + 1, G = s.GL, H = s.HL, Parent = node };
            node.RightChild = new Node { Start = node.Start + totalLeft, Count = node.Count - totalLeft, Depth = node.Depth + 1, G = s.GR, H = s.HR, Parent = node };
            node.LeftChild.Id = _nodes.Count;
            _nodes.Add(node.LeftChild);
            node.RightChild.Id = _nodes.Count;
            _nodes.Add(node.RightChild);
        }

        Parallel.For(0, tasks.Count, _parallel, t =>
        {
            (_, int start, int cnt) = tasks[t];
            int nl = leftCounts[t];
            Array.Copy(_leftBuf, start, _rows, leftDest[t], nl);
            Array.Copy(_rightBuf, start, _rows, rightDest[t], cnt - nl);
        });
    }

    /// <summary>Stores (g, h) of rows [start, end) as floats into their records.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackGradients(double[] gh, byte[] records, int stride, int ghOffset, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            ref byte rec = ref records[(i * stride) + ghOffset];
            Unsafe.WriteUnaligned(ref rec, (float)gh[2 * i]);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref rec, 4), (float)gh[(2 * i) + 1]);
        }
    }

    /// <summary>
    /// Writes the rows whose bin (in <paramref name="column"/>) has <paramref name="table"/>[bin] = 1 to the front of
    /// <paramref name="left"/>, the others to the front of <paramref name="right"/>, both in order; returns the left count.
    /// Branch-free: each row is written to both buffers and only the matching cursor advances.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int PartitionBlock(ReadOnlySpan<int> rows, ReadOnlySpan<byte> column, ReadOnlySpan<byte> table, Span<int> left, Span<int> right)
    {
        int nl = 0, nr = 0;
        fixed (int* r0 = rows)
        fixed (byte* c0 = column)
        fixed (byte* t0 = table)
        fixed (int* l0 = left)
        fixed (int* q0 = right)
        {
            for (int k = 0; k < rows.Length; k++)
            {
                int r = r0[k];
                int goLeft = t0[c0[r]];
                l0[nl] = r;
                q0[nr] = r;
                nl += goLeft;
                nr += 1 - goLeft;
            }
        }

        return nl;
    }

    /// <summary>The best split of a node over the allowed features (Feature −1 when none has positive gain).</summary>
    private SplitInfo FindBestSplit(Node node)
    {
        double[] hist = node.Hist!;
        double lambda = _o.L2, gamma = _o.MinSplitGain;
        double G = node.G, H = node.H;
        double parentScore = G * G / (H + lambda);
        double minH = Math.Max(_o.MinChildWeight, Math.Max(1e-10 * Math.Abs(H), 1e-300));
        var best = new SplitInfo { Feature = -1 };
        double bestGain = 0;
        for (int f = 0; f < _p; f++)
        {
            if (!_featureMask[f])
            {
                continue;
            }

            int off = _binning.SlotOffset[f], nb = _binning.BinCount[f];
            if (_binning.IsCategorical[f])
            {
                CategoricalSplit(hist, f, off, nb, G, H, parentScore, minH, ref best, ref bestGain);
                continue;
            }

            double gm = hist[2 * (off + nb)], hm = hist[(2 * (off + nb)) + 1];
            bool hasMissing = hm > 1e-10 * Math.Abs(H);
            double gl = 0, hl = 0;
            for (int b = 0; b < nb; b++)
            {
                gl += hist[2 * (off + b)];
                hl += hist[(2 * (off + b)) + 1];

                // Missing values right: left = bins ≤ b.
                double gr = G - gl, hr = H - hl;
                if (hl >= minH && hr >= minH)
                {
                    double gain = (0.5 * ((gl * gl / (hl + lambda)) + (gr * gr / (hr + lambda)) - parentScore)) - gamma;
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        best = Numeric(f, b, nb, hasMissing ? false : hl >= hr, gain, gl, hl, gr, hr);
                    }
                }

                if (hasMissing && b < nb - 1)
                {
                    // Missing values left: left = bins ≤ b and the missing bin.
                    double gl2 = gl + gm, hl2 = hl + hm, gr2 = G - gl2, hr2 = H - hl2;
                    if (hl2 >= minH && hr2 >= minH)
                    {
                        double gain = (0.5 * ((gl2 * gl2 / (hl2 + lambda)) + (gr2 * gr2 / (hr2 + lambda)) - parentScore)) - gamma;
                        if (gain > bestGain)
                        {
                            bestGain = gain;
                            best = Numeric(f, b, nb, true, gain, gl2, hl2, gr2, hr2);
                        }
                    }
                }
            }
        }

        return best;
    }

    private static SplitInfo Numeric(int f, int bin, int nb, bool defaultLeft, double gain, double gl, double hl, double gr, double hr)
    {
        var s = new SplitInfo { Feature = f, Bin = bin, DefaultLeft = defaultLeft, Gain = gain, GL = gl, HL = hl, GR = gr, HR = hr, Bits = new ulong[4] };
        for (int b = 0; b <= bin; b++)
        {
            s.Bits[b >> 6] |= 1UL << (b & 63);
        }

        if (defaultLeft)
        {
            s.Bits[nb >> 6] |= 1UL << (nb & 63);
        }

        return s;
    }

    /// <summary>LightGBM-style categorical split: categories (the missing bin included) sorted by G/(H + smoothing), best prefix left.</summary>
    private void CategoricalSplit(double[] hist, int f, int off, int nb, double G, double H, double parentScore, double minH, ref SplitInfo best, ref double bestGain)
    {
        double lambda = _o.L2, gamma = _o.MinSplitGain, smooth = _o.CategoricalSmoothing;
        var cats = new List<(double Key, int Bin)>();
        for (int b = 0; b <= nb; b++)
        {
            double h = hist[(2 * (off + b)) + 1];
            if (h > 1e-10 * Math.Abs(H))
            {
                cats.Add((hist[2 * (off + b)] / (h + smooth), b));
            }
        }

        if (cats.Count < 2)
        {
            return;
        }

        cats.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Bin.CompareTo(b.Bin));
        double gl = 0, hl = 0;
        int bestK = -1;
        double bgl = 0, bhl = 0;
        for (int k = 0; k < cats.Count - 1; k++)
        {
            int b = cats[k].Bin;
            gl += hist[2 * (off + b)];
            hl += hist[(2 * (off + b)) + 1];
            double gr = G - gl, hr = H - hl;
            if (hl < minH || hr < minH)
            {
                continue;
            }

            double gain = (0.5 * ((gl * gl / (hl + lambda)) + (gr * gr / (hr + lambda)) - parentScore)) - gamma;
            if (gain > bestGain)
            {
                bestGain = gain;
                bestK = k;
                bgl = gl;
                bhl = hl;
            }
        }

        if (bestK < 0)
        {
            return;
        }

        var s = new SplitInfo
        {
            Feature = f, Bin = -1, Categorical = true, Gain = bestGain, GL = bgl, HL = bhl, GR = G - bgl, HR = H - bhl, Bits = new ulong[4],
        };
        for (int k = 0; k <= bestK; k++)
        {
            int b = cats[k].Bin;
            s.Bits[b >> 6] |= 1UL << (b & 63);
        }

        s.DefaultLeft = ((s.Bits[nb >> 6] >> (nb & 63)) & 1) != 0;
        best = s;
    }

    /// <summary>Converts the grown nodes into a <see cref="BoostedTree"/> and records the leaves for the score update.</summary>
    private BoostedTree Flatten()
    {
        int m = _nodes.Count;
        var feature = new int[m];
        var threshold = new double[m];
        var left = new int[m];
        var right = new int[m];
        var defaultLeft = new bool[m];
        var categorical = new bool[m];
        var bits = new ulong[4 * m];
        var value = new double[m];
        var gain = new double[m];
        Leaves.Clear();
        for (int i = 0; i < m; i++)
        {
            Node node = _nodes[i];
            if (node.LeftChild is null)
            {
                feature[i] = -1;
                double v = node.H + _o.L2 > 0 ? -_o.LearningRate * node.G / (node.H + _o.L2) : 0;
                value[i] = v;
                Leaves.Add((node.Start, node.Count, v));
                continue;
            }

            SplitInfo s = node.Split;
            feature[i] = s.Feature;
            threshold[i] = s.Categorical ? double.NaN : _binning.UpperBound(s.Feature, s.Bin);
            left[i] = node.LeftChild.Id;
            right[i] = node.RightChild!.Id;
            defaultLeft[i] = s.DefaultLeft;
            categorical[i] = s.Categorical;
            gain[i] = s.Gain;
            s.Bits.CopyTo(bits, 4 * i);
        }

        return new BoostedTree(feature, threshold, left, right, defaultLeft, categorical, bits, value, gain);
    }

    private struct SplitInfo
    {
        public int Feature;
        public int Bin;
        public bool DefaultLeft;
        public bool Categorical;
        public double Gain;
        public double GL, HL, GR, HR;
        public ulong[] Bits;    // (4) bins going left
    }

    private sealed class Node
    {
        public int Id;
        public int Start;
        public int Count;
        public int Depth;
        public double G;
        public double H;
        public double[]? Hist;  // (TotalSlots, 2) while the node may still be split
        public int FirstScratch; // first of the node's Parts − 1 partial histograms in _scratch (while building)
        public int Parts;
        public SplitInfo Split;
        public Node? Parent;
        public Node? LeftChild;
        public Node? RightChild;
    }
}
