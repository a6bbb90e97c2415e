namespace CausalCart.Numerics;

/// <summary>
/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix (Golub &amp; Van Loan,
/// Matrix Computations, 4th ed., Algorithm 4.2.1), and solves with it. Immutable once built; thread-safe.
/// </summary>
public sealed class Cholesky
{
    private readonly double[] _l;      // (n, n) row-major, lower triangle holds L, upper triangle is zero
    private readonly double[]? _scale; // (n) D⁻¹ = 1/√a_jj when equilibrated (L then factors D⁻¹AD⁻¹); null otherwise

    private Cholesky(int n, double[] l, double[]? scale = null)
    {
        Size = n;
        _l = l;
        _scale = scale;
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

    /// <summary>
    /// Factorises A after equilibrating it to unit diagonal, S = D⁻¹AD⁻¹ with D = diag(√a_jj), so that the tolerance is
    /// relative to each column's own scale rather than the largest diagonal: a Gram or covariance matrix whose variables
    /// are in very different units (a 0/1 flag beside an amount in micro-dollars) is not mistaken for a singular one.
    /// <see cref="Solve(ReadOnlySpan{double}, Span{double})"/> still solves A·x = b (x = D⁻¹S⁻¹D⁻¹b), and
    /// <see cref="LogDeterminant"/> is still log det A.
    /// </summary>
    /// <exception cref="ArgumentException">Length is not n².</exception>
    /// <exception cref="MatrixNotPositiveDefiniteException">A diagonal entry is not positive and finite (that column), or
    /// S is not (numerically) positive definite.</exception>
    public static Cholesky FactorEquilibrated(ReadOnlySpan<double> a, int n, double relativeTolerance = 1e-12)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (a.Length != n * n)
        {
            throw new ArgumentException($"Matrix has {a.Length} values; expected {n} x {n}.", nameof(a));
        }

        var scale = new double[n];
        for (int j = 0; j < n; j++)
        {
            double diag = a[(j * n) + j];
            if (!(diag > 0) || !double.IsFinite(diag))
            {
                throw new MatrixNotPositiveDefiniteException(j, diag, 0);
            }

            scale[j] = 1 / Math.Sqrt(diag);
        }

        var scaled = new double[n * n];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                scaled[(r * n) + c] = a[(r * n) + c] * scale[r] * scale[c];
            }
        }

        return new Cholesky(n, Factor(scaled, n, relativeTolerance)._l, scale);
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
        if (_scale is not null)
        {
            for (int i = 0; i < n; i++)
            {
                x[i] *= _scale[i];
            }
        }

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

        if (_scale is not null)
        {
            for (int i = 0; i < n; i++)
            {
                x[i] *= _scale[i];
            }
        }
    }

    /// <summary>Returns A⁻¹·b as a new array.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = new double[Size];
        Solve(b, x);
        return x;
    }

    /// <summary>log det A = 2 Σ log L_jj (less 2 Σ log D⁻¹_jj when equilibrated).</summary>
    public double LogDeterminant()
    {
        double s = 0;
        for (int i = 0; i < Size; i++)
        {
            s += Math.Log(_l[(i * Size) + i]);
            if (_scale is not null)
            {
                s -= Math.Log(_scale[i]);
            }
        }

        return 2 * s;
    }
}
