namespace CausalCart.Causal.Discovery;

/// <summary>Dense helpers for the small (conditioning-set sized) matrices of discovery.</summary>
internal static class SmallMatrix
{
    /// <summary>Inverse by Gauss–Jordan elimination with partial pivoting; null when (numerically) singular. (k, k) → (k, k)</summary>
    public static double[,]? Invert(double[,] m)
    {
        int k = m.GetLength(0);
        var a = (double[,])m.Clone();
        var inv = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            inv[i, i] = 1;
        }

        for (int c = 0; c < k; c++)
        {
            int piv = c;
            for (int r = c + 1; r < k; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[piv, c]))
                {
                    piv = r;
                }
            }

            if (Math.Abs(a[piv, c]) < 1e-12)
            {
                return null;
            }

            if (piv != c)
            {
                for (int j = 0; j < k; j++)
                {
                    (a[c, j], a[piv, j]) = (a[piv, j], a[c, j]);
                    (inv[c, j], inv[piv, j]) = (inv[piv, j], inv[c, j]);
                }
            }

            double d = a[c, c];
            for (int j = 0; j < k; j++)
            {
                a[c, j] /= d;
                inv[c, j] /= d;
            }

            for (int r = 0; r < k; r++)
            {
                if (r != c && a[r, c] != 0)
                {
                    double f = a[r, c];
                    for (int j = 0; j < k; j++)
                    {
                        a[r, j] -= f * a[c, j];
                        inv[r, j] -= f * inv[c, j];
                    }
                }
            }
        }

        return inv;
    }

    /// <summary>Partial correlation of variables i and j given s, from a correlation matrix (via the inverse of the sub-matrix).</summary>
    public static double PartialCorrelation(double[,] corr, int i, int j, IReadOnlyList<int> s)
    {
        if (s.Count == 0)
        {
            return corr[i, j];
        }

        int k = s.Count + 2;
        var idx = new int[k];
        idx[0] = i;
        idx[1] = j;
        for (int t = 0; t < s.Count; t++)
        {
            idx[t + 2] = s[t];
        }

        var sub = new double[k, k];
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                sub[a, b] = corr[idx[a], idx[b]];
            }
        }

        var p = Invert(sub);
        if (p is null)
        {
            return 1; // deterministic relation: treat as dependent
        }

        double r = -p[0, 1] / Math.Sqrt(p[0, 0] * p[1, 1]);
        return Math.Clamp(r, -1 + 1e-15, 1 - 1e-15);
    }
}
