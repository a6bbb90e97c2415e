using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>
/// Weighted least squares by Householder QR in two stages (internal to the linear learners).
/// </summary>
/// <remarks>
/// Implementation note. Stage 1 is a tall-skinny QR (TSQR; Demmel et al. 2012, "Communication-optimal parallel and
/// sequential QR"): the augmented rows a_i = √w_i·[1, x_i, y_i] (width m = p + 2) are folded, 256 rows at a time,
/// into an m × m upper-triangular R with structured Householder reflections (Golub &amp; Van Loan 2013, §5.2.2),
/// in fixed chunks of <see cref="DeterministicParallel.DefaultChunkRows"/> rows in parallel; the chunk factors are
/// merged strictly in chunk order, so R is the same whatever the thread count. RᵀR = AᵀA, so R carries everything
/// least squares needs. Stage 2 re-triangularises R's first p + 1 columns with dqrdc2-style limited pivoting (the
/// rule of R's <c>lm</c>): columns are taken in their natural order, the intercept first, and a feature whose norm
/// left after projecting out the columns already kept is at most <c>tolerance</c> times its centred norm (the
/// norm left after the intercept) is declared collinear and moved out. The y column is carried along, so the
/// kept part of it is Qᵀy and the rest is the residual. Cost O(n·m²) flops, memory O(m²) per thread.
/// </remarks>
internal static class HouseholderQr
{
    private const int BlockRows = 256;

    /// <summary>Stage 1: the m × m (m = p + 2) row-major R of √w·[1, X, y] over rows with positive weight.</summary>
    public static double[] AugmentedR(Matrix features, ReadOnlySpan<double> target, double[] weights)
    {
        int p = features.Cols;
        int m = p + 2;
        double[] y = target.ToArray();
        return DeterministicParallel.MapReduce(
            features.Rows,
            DeterministicParallel.DefaultChunkRows,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
            {
                var r = new double[m * m];
                var block = new double[m * BlockRows]; // (m, BlockRows) column-major: column c at [c·BlockRows ..)
                int count = 0;
                for (int i = start; i < end; i++)
                {
                    double w = weights[i];
                    if (w == 0)
                    {
                        continue;
                    }

                    double sw = Math.Sqrt(w);
                    ReadOnlySpan<double> x = features.Row(i);
                    block[count] = sw;
                    for (int j = 0; j < p; j++)
                    {
                        block[((j + 1) * BlockRows) + count] = sw * x[j];
                    }

                    block[((p + 1) * BlockRows) + count] = sw * y[i];
                    if (++count == BlockRows)
                    {
                        FoldBlock(r, m, block, BlockRows, count);
                        count = 0;
                    }
                }

                if (count > 0)
                {
                    FoldBlock(r, m, block, BlockRows, count);
                }

                return r;
            },
            (a, b) =>
            {
                // Merge in chunk order: b's m rows are one more block folded into a.
                var block = new double[m * m]; // (m, m) column-major copy of b
                for (int i = 0; i < m; i++)
                {
                    for (int c = 0; c < m; c++)
                    {
                        block[(c * m) + i] = b[(i * m) + c];
                    }
                }

                FoldBlock(a, m, block, m, m);
                return a;
            },
            () => new double[m * m]);
    }

    /// <summary>
    /// Replaces upper-triangular <paramref name="r"/> (m × m row-major) by the R factor of [R; B], where B is the
    /// first <paramref name="rows"/> rows of the column-major block (stride <paramref name="stride"/>). B is destroyed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FoldBlock(double[] r, int m, double[] block, int stride, int rows)
    {
        for (int k = 0; k < m; k++)
        {
            Span<double> v = block.AsSpan(k * stride, rows); // B[:, k], becomes the reflector's tail
            double sigma = Kernels.Dot(v, v);
            if (sigma == 0)
            {
                continue; // column already triangular: nothing below R[k, k]
            }

            double alpha = r[(k * m) + k];
            double norm = Math.Sqrt((alpha * alpha) + sigma);
            double beta = alpha > 0 ? -norm : norm;

            // H = I − τ·u·uᵀ with u = [1; v/(α − β)], τ = (β − α)/β maps [α; v] to [β; 0].
            double scale = 1 / (alpha - beta);
            for (int t = 0; t < rows; t++)
            {
                v[t] *= scale;
            }

            double tau = (beta - alpha) / beta;
            r[(k * m) + k] = beta;
            for (int c = k + 1; c < m; c++)
            {
                Span<double> bc = block.AsSpan(c * stride, rows);
                double s = tau * (r[(k * m) + c] + Kernels.Dot(v, bc));
                r[(k * m) + c] -= s;
                Kernels.AxpyInPlace(-s, v, bc);
            }
        }
    }

    /// <summary>
    /// Stage 2: limited-pivoting re-triangularisation of the augmented R (m × m, last column y). Column 0 (the
    /// intercept) is always kept.
    /// </summary>
    /// <param name="augmented">Output of <see cref="AugmentedR"/>; not modified.</param>
    /// <param name="m">p + 2.</param>
    /// <param name="tolerance">Relative collinearity tolerance (see the type remarks).</param>
    public static Factor Finish(double[] augmented, int m, double tolerance)
    {
        int cols = m - 1; // intercept + p features; column m − 1 is y
        var a = (double[])augmented.Clone(); // (m, m) row-major, re-triangularised in place
        var original = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            original[j] = ColumnNorm(a, m, j, 0);
        }

        var kept = new List<int>(cols);
        var aliased = new List<int>();
        var centred = new double[cols];
        int row = 0;
        for (int j = 0; j < cols; j++)
        {
            double left = ColumnNorm(a, m, j, row);
            if (j > 0)
            {
                // After the intercept (row ≥ 1) the norm left in column j is its centred (weighted) norm.
                if (centred[j] <= 1e-12 * original[j] || left <= tolerance * centred[j])
                {
                    aliased.Add(j);
                    continue;
                }
            }

            Reflect(a, m, row, j);
            kept.Add(j);
            row++;
            if (j == 0)
            {
                for (int c = 1; c < cols; c++)
                {
                    centred[c] = ColumnNorm(a, m, c, 1);
                }
            }
        }

        int rank = kept.Count;
        var r = new double[rank * rank]; // (rank, rank) row-major upper triangular, columns in kept order
        var qty = new double[rank];
        for (int i = 0; i < rank; i++)
        {
            for (int k = i; k < rank; k++)
            {
                r[(i * rank) + k] = a[(i * m) + kept[k]];
            }

            qty[i] = a[(i * m) + m - 1];
        }

        double rss = 0;
        for (int i = rank; i < m; i++)
        {
            rss += a[(i * m) + m - 1] * a[(i * m) + m - 1];
        }

        return new Factor(r, qty, [.. kept], [.. aliased], rss);
    }

    /// <summary>Norm of column <paramref name="c"/> of the (m, m) row-major <paramref name="a"/> over rows ≥ <paramref name="from"/>.</summary>
    private static double ColumnNorm(double[] a, int m, int c, int from)
    {
        // Scaled sum of squares (no overflow for huge columns).
        double scale = 0, ssq = 1;
        for (int i = from; i < m; i++)
        {
            double v = Math.Abs(a[(i * m) + c]);
            if (v == 0)
            {
                continue;
            }

            if (scale < v)
            {
                ssq = 1 + (ssq * (scale / v) * (scale / v));
                scale = v;
            }
            else
            {
                ssq += (v / scale) * (v / scale);
            }
        }

        return scale * Math.Sqrt(ssq);
    }

    /// <summary>Householder reflection zeroing column <paramref name="c"/> below row <paramref name="row"/>, applied to columns ≥ c.</summary>
    private static void Reflect(double[] a, int m, int row, int c)
    {
        double sigma = 0;
        for (int i = row + 1; i < m; i++)
        {
            sigma += a[(i * m) + c] * a[(i * m) + c];
        }

        if (sigma == 0)
        {
            return;
        }

        double alpha = a[(row * m) + c];
        double norm = Math.Sqrt((alpha * alpha) + sigma);
        double beta = alpha > 0 ? -norm : norm;
        double scale = 1 / (alpha - beta);
        double tau = (beta - alpha) / beta;
        var u = new double[m]; // reflector, u[row] = 1
        u[row] = 1;
        for (int i = row + 1; i < m; i++)
        {
            u[i] = a[(i * m) + c] * scale;
        }

        for (int k = c; k < m; k++)
        {
            double s = 0;
            for (int i = row; i < m; i++)
            {
                s += u[i] * a[(i * m) + k];
            }

            s *= tau;
            for (int i = row; i < m; i++)
            {
                a[(i * m) + k] -= s * u[i];
            }
        }
    }

    /// <summary>Inverse of an upper-triangular (k, k) row-major matrix, upper triangular.</summary>
    public static double[] InvertUpper(double[] r, int k)
    {
        var inv = new double[k * k];
        for (int c = 0; c < k; c++)
        {
            // Solve R·x = e_c by back substitution; x lives in column c of inv.
            inv[(c * k) + c] = 1 / r[(c * k) + c];
            for (int i = c - 1; i >= 0; i--)
            {
                double s = 0;
                for (int t = i + 1; t <= c; t++)
                {
                    s += r[(i * k) + t] * inv[(t * k) + c];
                }

                inv[(i * k) + c] = -s / r[(i * k) + i];
            }
        }

        return inv;
    }

    /// <summary>The finished factorisation.</summary>
    /// <param name="R">(Rank, Rank) row-major upper triangular over the kept columns.</param>
    /// <param name="Qty">Qᵀ·√w·y restricted to the kept columns, length Rank.</param>
    /// <param name="Kept">Kept design columns (0 = intercept, j + 1 = feature j), ascending.</param>
    /// <param name="Aliased">Design columns declared collinear, ascending.</param>
    /// <param name="ResidualSumOfSquares">Σ w·(y − ŷ)² from the factorisation.</param>
    internal sealed record Factor(double[] R, double[] Qty, int[] Kept, int[] Aliased, double ResidualSumOfSquares)
    {
        public int Rank => Kept.Length;

        /// <summary>Solves R·b = Qᵀy: the coefficients of the kept columns.</summary>
        public double[] Solve()
        {
            int k = Rank;
            var b = new double[k];
            for (int i = k - 1; i >= 0; i--)
            {
                double s = Qty[i];
                for (int t = i + 1; t < k; t++)
                {
                    s -= R[(i * k) + t] * b[t];
                }

                b[i] = s / R[(i * k) + i];
            }

            return b;
        }
    }
}
