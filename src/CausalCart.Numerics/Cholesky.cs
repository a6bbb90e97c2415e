namespace CausalCart.Numerics;

/// <summary>
/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix (Golub &amp; Van Loan,
/// Matrix Computations, 4th ed., Algorithm 4.2.1), and solves with it. Immutable once built; thread-safe.
/// </summary>
public sealed class Cholesky
{
    private readonly double[] _l; // (n, n) row-major, lower triangle holds L, upper triangle is zero

    private Cholesky(int n, double[] l)
    {
        Size = n;
        _l = l;
    }

    /// <summary>Dimension n of the factorised n × n matrix.</summary>
    public int Size { get; }

    /// <summary>
    /// Factorises the symmetric n × n row-major matrix <paramref name="a"/> (only its lower triangle is read).
    /// A pivot d_j = a_jj − Σ_k L_jk² fails when d_j ≤ <paramref name="relativeTolerance"/> · max_i a_ii, or is
    /// NaN: then <see cref="MatrixNotPositiveDefiniteException"/> names the column. n = 0 gives an empty factor.
    /// </summary>
    /// <exception cref="ArgumentException">Length is not n².</exception>
    /// <exception cref="MatrixNotPositiveDefiniteException">The matrix is not (numerically) positive definite.</exception>
    public static Cholesky Factor(ReadOnlySpan<double> a, int n, double relativeTolerance = 1e-12)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (a.Length != n * n)
        {
            throw new ArgumentException($"Matrix has {a.Length} values; expected {n} x {n}.", nameof(a));
        }

        double maxDiag = 0;
        for (int i = 0; i < n; i++)
        {
            maxDiag = Math.Max(maxDiag, a[(i * n) + i]);
        }

        double threshold = relativeTolerance * maxDiag;
        var l = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<double> lj = l.AsSpan(j * n, j);
            double d = a[(j * n) + j] - Kernels.Dot(lj, lj);
            if (!(d > threshold) || d <= 0)
            {
                throw new MatrixNotPositiveDefiniteException(j, d, threshold);
            }

            double ljj = Math.Sqrt(d);
            l[(j * n) + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[(i * n) + j] - Kernels.Dot(l.AsSpan(i * n, j), lj);
                l[(i * n) + j] = s / ljj;
            }
        }

        return new Cholesky(n, l);
    }

    /// <summary>Solves A·x = b by forward and back substitution. <paramref name="b"/> and <paramref name="x"/> may alias.</summary>
    /// <exception cref="ArgumentException">A length differs from <see cref="Size"/>.</exception>
    public void Solve(ReadOnlySpan<double> b, Span<double> x)
    {
        int n = Size;
        if (b.Length != n || x.Length != n)
        {
            throw new ArgumentException($"Vectors must have length {n}; got b = {b.Length}, x = {x.Length}.", nameof(x));
        }

        b.CopyTo(x);

        // L·y = b (forward), then Lᵀ·x = y (backward).
        for (int i = 0; i < n; i++)
        {
            x[i] = (x[i] - Kernels.Dot(_l.AsSpan(i * n, i), x[..i])) / _l[(i * n) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= _l[(k * n) + i] * x[k];
            }

            x[i] = s / _l[(i * n) + i];
        }
    }

    /// <summary>Returns A⁻¹·b as a new array.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = new double[Size];
        Solve(b, x);
        return x;
    }

    /// <summary>log det A = 2 Σ log L_jj.</summary>
    public double LogDeterminant()
    {
        double s = 0;
        for (int i = 0; i < Size; i++)
        {
            s += Math.Log(_l[(i * Size) + i]);
        }

        return 2 * s;
    }
}
