using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CausalCart.Numerics;

/// <summary>
/// Optimised span kernels in <see cref="double"/> using <see cref="Vector{T}"/> lanes. Each has a plain
/// scalar twin in <see cref="ReferenceKernels"/>; tests compare the two for every length 0..300.
/// </summary>
/// <remarks>
/// Lengths are checked once at entry; no kernel allocates. Results can differ from the reference in the last
/// bits because vector lanes sum in a different order; for a fixed input and hardware the result is
/// deterministic. With hardware intrinsics off (<c>DOTNET_EnableHWIntrinsic=0</c>) <see cref="Vector.IsHardwareAccelerated"/>
/// is false and every kernel takes its scalar path.
/// </remarks>
public static class Kernels
{
    /// <summary>Inner product Σ x[i]·y[i]. Empty spans give 0.</summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Lengths differ: x has {x.Length}, y has {y.Length}.", nameof(y));
        }

        int n = x.Length;
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double ry = ref MemoryMarshal.GetReference(y);
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            int w = Vector<double>.Count;

            // Two accumulators hide the FMA latency; the tail (< w elements) is summed in scalar.
            for (; i <= n - (2 * w); i += 2 * w)
            {
                acc0 += Vector.LoadUnsafe(ref rx, (nuint)i) * Vector.LoadUnsafe(ref ry, (nuint)i);
                acc1 += Vector.LoadUnsafe(ref rx, (nuint)(i + w)) * Vector.LoadUnsafe(ref ry, (nuint)(i + w));
            }

            for (; i <= n - w; i += w)
            {
                acc0 += Vector.LoadUnsafe(ref rx, (nuint)i) * Vector.LoadUnsafe(ref ry, (nuint)i);
            }

            sum = Vector.Sum(acc0 + acc1);
        }

        for (; i < n; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    /// <summary>destination[i] += alpha · x[i].</summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AxpyInPlace(double alpha, ReadOnlySpan<double> x, Span<double> destination)
    {
        if (x.Length != destination.Length)
        {
            throw new ArgumentException($"Lengths differ: x has {x.Length}, destination has {destination.Length}.", nameof(destination));
        }

        int n = x.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double rd = ref MemoryMarshal.GetReference(destination);
            var a = new Vector<double>(alpha);
            int w = Vector<double>.Count;
            for (; i <= n - w; i += w)
            {
                (Vector.LoadUnsafe(ref rd, (nuint)i) + (a * Vector.LoadUnsafe(ref rx, (nuint)i))).StoreUnsafe(ref rd, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] += alpha * x[i];
        }
    }

    /// <summary>
    /// Adds the upper triangle of Σ_r weights[r] · z_r z_rᵀ to <paramref name="gram"/>, where z_r is row r of the
    /// row-major block <paramref name="rows"/> of shape (weights.Length, cols). Only entries (j, k) with k ≥ j are
    /// written; <see cref="SymmetrizeFromUpperInPlace"/> completes the matrix.
    /// </summary>
    /// <param name="rows">Row-major block, length weights.Length × cols.</param>
    /// <param name="cols">Columns of the block; <paramref name="gram"/> is cols × cols row-major.</param>
    /// <param name="weights">One weight per row (may be any finite value).</param>
    /// <param name="gram">Accumulator of length cols × cols.</param>
    /// <exception cref="ArgumentException">Lengths are inconsistent.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddWeightedGramUpper(ReadOnlySpan<double> rows, int cols, ReadOnlySpan<double> weights, Span<double> gram)
    {
        CheckGramArgs(rows, cols, weights, gram);
        int n = weights.Length;
        int r = 0;

        // Four rows at a time: each load/store of the accumulator row is shared by four FMAs.
        for (; r <= n - 4; r += 4)
        {
            ReadOnlySpan<double> z0 = rows.Slice(r * cols, cols);
            ReadOnlySpan<double> z1 = rows.Slice((r + 1) * cols, cols);
            ReadOnlySpan<double> z2 = rows.Slice((r + 2) * cols, cols);
            ReadOnlySpan<double> z3 = rows.Slice((r + 3) * cols, cols);
            double w0 = weights[r], w1 = weights[r + 1], w2 = weights[r + 2], w3 = weights[r + 3];
            for (int j = 0; j < cols; j++)
            {
                Rank4Update(
                    w0 * z0[j], w1 * z1[j], w2 * z2[j], w3 * z3[j],
                    z0[j..], z1[j..], z2[j..], z3[j..],
                    gram.Slice((j * cols) + j, cols - j));
            }
        }

        for (; r < n; r++)
        {
            ReadOnlySpan<double> z = rows.Slice(r * cols, cols);
            double w = weights[r];
            for (int j = 0; j < cols; j++)
            {
                AxpyInPlace(w * z[j], z[j..], gram.Slice((j * cols) + j, cols - j));
            }
        }
    }

    /// <summary>Copies the upper triangle of a square row-major matrix onto its lower triangle.</summary>
    public static void SymmetrizeFromUpperInPlace(Span<double> matrix, int n)
    {
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"Matrix has {matrix.Length} elements; expected {n} x {n}.", nameof(matrix));
        }

        for (int j = 0; j < n; j++)
        {
            for (int k = j + 1; k < n; k++)
            {
                matrix[(k * n) + j] = matrix[(j * n) + k];
            }
        }
    }

    internal static void CheckGramArgs(ReadOnlySpan<double> rows, int cols, ReadOnlySpan<double> weights, ReadOnlySpan<double> gram)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if (rows.Length != weights.Length * cols)
        {
            throw new ArgumentException($"Block has {rows.Length} values; {weights.Length} rows x {cols} cols need {weights.Length * cols}.", nameof(rows));
        }

        if (gram.Length != cols * cols)
        {
            throw new ArgumentException($"Gram has {gram.Length} values; expected {cols} x {cols}.", nameof(gram));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Rank4Update(
        double a0, double a1, double a2, double a3,
        ReadOnlySpan<double> z0, ReadOnlySpan<double> z1, ReadOnlySpan<double> z2, ReadOnlySpan<double> z3,
        Span<double> destination)
    {
        int n = destination.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref double r0 = ref MemoryMarshal.GetReference(z0);
            ref double r1 = ref MemoryMarshal.GetReference(z1);
            ref double r2 = ref MemoryMarshal.GetReference(z2);
            ref double r3 = ref MemoryMarshal.GetReference(z3);
            ref double rd = ref MemoryMarshal.GetReference(destination);
            var v0 = new Vector<double>(a0);
            var v1 = new Vector<double>(a1);
            var v2 = new Vector<double>(a2);
            var v3 = new Vector<double>(a3);
            int w = Vector<double>.Count;
            for (; i <= n - w; i += w)
            {
                var acc = Vector.LoadUnsafe(ref rd, (nuint)i);
                acc += (v0 * Vector.LoadUnsafe(ref r0, (nuint)i)) + (v1 * Vector.LoadUnsafe(ref r1, (nuint)i));
                acc += (v2 * Vector.LoadUnsafe(ref r2, (nuint)i)) + (v3 * Vector.LoadUnsafe(ref r3, (nuint)i));
                acc.StoreUnsafe(ref rd, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] += (a0 * z0[i]) + (a1 * z1[i]) + (a2 * z2[i]) + (a3 * z3[i]);
        }
    }
}
