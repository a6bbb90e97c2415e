namespace CausalCart.Causal.Matching;

/// <summary>
/// A k-d tree over whitened points (Mahalanobis distance = Euclidean distance after whitening) for k-nearest
/// neighbour queries that keep ties, honour a radius (caliper), skip one row (self) and can remove points
/// (greedy matching without replacement).
/// </summary>
/// <remarks>
/// Implementation note: nodes split at the median of the widest coordinate down to leaves of at most
/// <see cref="LeafSize"/> points; queries descend to the nearer child first and visit the farther one only when the
/// splitting plane is within the current k-th distance (≤, so ties are found). Each node counts its unused points, so
/// emptied subtrees are skipped.
/// </remarks>
internal sealed class KdTree
{
    private const int LeafSize = 8;
    private readonly double[] _x;       // (n, d) whitened coordinates of all rows, row-major
    private readonly int _d;
    private readonly int[] _rows;       // (m) tree rows, permuted so each node owns a contiguous range
    private readonly bool[] _dead;      // (m) removed positions
    private readonly List<Node> _nodes = [];
    private readonly int[] _leafOf;     // (m) leaf node of each position
    private readonly int[] _posOfRow;   // row → position (only for rows in the tree), else −1

    private struct Node
    {
        public int Lo, Hi, Left, Right, Parent, Dim, Alive;
        public double Split;
    }

    public KdTree(double[] x, int d, int[] rows, int totalRows)
    {
        _x = x;
        _d = d;
        _rows = (int[])rows.Clone();
        _dead = new bool[rows.Length];
        _leafOf = new int[rows.Length];
        _posOfRow = new int[totalRows];
        Array.Fill(_posOfRow, -1);
        if (rows.Length > 0)
        {
            Build(0, rows.Length, -1);
        }

        for (int q = 0; q < _rows.Length; q++)
        {
            _posOfRow[_rows[q]] = q;
        }
    }

    private double Coord(int row, int j) => _x[(row * _d) + j];

    private int Build(int lo, int hi, int parent)
    {
        int id = _nodes.Count;
        _nodes.Add(new Node { Lo = lo, Hi = hi, Left = -1, Right = -1, Parent = parent, Alive = hi - lo, Dim = -1 });
        if (hi - lo <= LeafSize)
        {
            for (int q = lo; q < hi; q++)
            {
                _leafOf[q] = id;
            }

            return id;
        }

        int dim = 0;
        double widest = -1;
        for (int j = 0; j < _d; j++)
        {
            double mn = double.PositiveInfinity, mx = double.NegativeInfinity;
            for (int q = lo; q < hi; q++)
            {
                double v = Coord(_rows[q], j);
                mn = Math.Min(mn, v);
                mx = Math.Max(mx, v);
            }

            if (mx - mn > widest)
            {
                widest = mx - mn;
                dim = j;
            }
        }

        if (widest <= 0)
        {
            // All points identical: keep them in one leaf.
            for (int q = lo; q < hi; q++)
            {
                _leafOf[q] = id;
            }

            return id;
        }

        // Sort the range on the split coordinate (ties by row, for determinism) and cut at the median.
        Array.Sort(_rows, lo, hi - lo, Comparer<int>.Create((a, b) =>
        {
            int c = Coord(a, dim).CompareTo(Coord(b, dim));
            return c != 0 ? c : a.CompareTo(b);
        }));
        int mid = (lo + hi) / 2;
        double split = Coord(_rows[mid], dim);
        int left = Build(lo, mid, id);
        int right = Build(mid, hi, id);
        Node n = _nodes[id];
        n.Left = left;
        n.Right = right;
        n.Dim = dim;
        n.Split = split;
        _nodes[id] = n;
        return id;
    }

    /// <summary>Removes the point of <paramref name="row"/> from later queries.</summary>
    public void Remove(int row)
    {
        int q = _posOfRow[row];
        if (q < 0 || _dead[q])
        {
            return;
        }

        _dead[q] = true;
        for (int node = _leafOf[q]; node >= 0; node = _nodes[node].Parent)
        {
            Node n = _nodes[node];
            n.Alive--;
            _nodes[node] = n;
        }
    }

    /// <summary>
    /// Rows of the <paramref name="k"/> nearest live points to <paramref name="queryRow"/> with squared distance ≤
    /// <paramref name="radius2"/>, all points tied with the k-th included, <paramref name="excludeRow"/> skipped;
    /// sorted by (distance, row). Empty when none lies within the radius.
    /// </summary>
    public List<(double D2, int Row)> Nearest(int queryRow, int k, double radius2, int excludeRow)
    {
        var best = new List<(double D2, int Row)>();
        if (_nodes.Count > 0)
        {
            var q = new double[_d];
            for (int j = 0; j < _d; j++)
            {
                q[j] = Coord(queryRow, j);
            }

            double bound = radius2;
            Search(0, q, k, excludeRow, best, ref bound);
        }

        return best;
    }

    private void Search(int id, double[] q, int k, int exclude, List<(double D2, int Row)> best, ref double bound)
    {
        Node n = _nodes[id];
        if (n.Alive == 0)
        {
            return;
        }

        if (n.Left < 0)
        {
            for (int p = n.Lo; p < n.Hi; p++)
            {
                int row = _rows[p];
                if (_dead[p] || row == exclude)
                {
                    continue;
                }

                double d2 = 0;
                for (int j = 0; j < _d; j++)
                {
                    double t = Coord(row, j) - q[j];
                    d2 += t * t;
                }

                if (d2 <= bound)
                {
                    Insert(best, d2, row, k, ref bound);
                }
            }

            return;
        }

        double diff = q[n.Dim] - n.Split;
        int near = diff < 0 ? n.Left : n.Right;
        int far = diff < 0 ? n.Right : n.Left;
        Search(near, q, k, exclude, best, ref bound);
        if (diff * diff <= bound)
        {
            Search(far, q, k, exclude, best, ref bound);
        }
    }

    /// <summary>Inserts in (distance, row) order; once k are held, drops everything beyond the k-th distance (ties, within
    /// <see cref="ScoreMatcher.TieTolerance"/>, stay).</summary>
    private static void Insert(List<(double D2, int Row)> best, double d2, int row, int k, ref double bound)
    {
        int at = best.Count;
        while (at > 0 && (best[at - 1].D2 > d2 || (best[at - 1].D2 == d2 && best[at - 1].Row > row)))
        {
            at--;
        }

        best.Insert(at, (d2, row));
        if (best.Count >= k)
        {
            double kth = best[k - 1].D2 * (1 + (2 * ScoreMatcher.TieTolerance)); // squared distances: twice the relative tolerance
            int keep = k;
            while (keep < best.Count && best[keep].D2 <= kth)
            {
                keep++;
            }

            best.RemoveRange(keep, best.Count - keep);
            bound = kth;
        }
    }
}
