using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CausalCart.Learners.Boosting;

/// <summary>
/// Gradient/Hessian histogram accumulation over a row-major byte bin matrix. A histogram is an array of (G, H) pairs,
/// one pair per slot; feature f's bin b is slot <c>slotOffset[f] + b</c>.
/// </summary>
internal static class HistogramKernels
{
    /// <summary>
    /// For each position k: row r = rows[k]; adds (gh[2r], gh[2r+1]) to slot slotOffset[f] + bins[r·p + f] of
    /// <paramref name="hist"/> for every feature f. Each row's (g, h) pair is added as one 128-bit vector; the p updates of a
    /// row touch p different feature histograms, so they do not wait on each other.
    /// </summary>
    /// <param name="bins">(n, p) row-major bins.</param>
    /// <param name="p">Features.</param>
    /// <param name="rows">Row indices to accumulate.</param>
    /// <param name="gh">(n, 2) interleaved gradient and Hessian.</param>
    /// <param name="slotOffset">(p) first slot of each feature.</param>
    /// <param name="hist">(slots, 2) histogram, accumulated into.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Accumulate(ReadOnlySpan<byte> bins, int p, ReadOnlySpan<int> rows, ReadOnlySpan<double> gh, ReadOnlySpan<int> slotOffset, Span<double> hist)
    {
        if (rows.IsEmpty)
        {
            return;
        }

        fixed (byte* b0 = bins)
        fixed (int* r0 = rows)
        fixed (double* g0 = gh)
        fixed (int* o0 = slotOffset)
        fixed (double* h0 = hist)
        {
            int count = rows.Length;
            int p4 = p & ~3;
            for (int k = 0; k < count; k++)
            {
                nint r = r0[k];
                Vector128<double> v = Vector128.Load(g0 + (2 * r));
                byte* b = b0 + (r * p);
                int f = 0;

                // Four features per step: independent slots, so the loads and stores overlap.
                for (; f < p4; f += 4)
                {
                    double* s0 = h0 + (2 * (nint)(o0[f] + b[f]));
                    double* s1 = h0 + (2 * (nint)(o0[f + 1] + b[f + 1]));
                    double* s2 = h0 + (2 * (nint)(o0[f + 2] + b[f + 2]));
                    double* s3 = h0 + (2 * (nint)(o0[f + 3] + b[f + 3]));
                    Vector128.Store(Vector128.Load(s0) + v, s0);
                    Vector128.Store(Vector128.Load(s1) + v, s1);
                    Vector128.Store(Vector128.Load(s2) + v, s2);
                    Vector128.Store(Vector128.Load(s3) + v, s3);
                }

                for (; f < p; f++)
                {
                    double* s = h0 + (2 * (nint)(o0[f] + b[f]));
                    Vector128.Store(Vector128.Load(s) + v, s);
                }
            }
        }
    }

    /// <summary>Element-wise <paramref name="destination"/> += <paramref name="source"/>.</summary>
    public static void AddInPlace(Span<double> destination, ReadOnlySpan<double> source)
    {
        System.Numerics.Tensors.TensorPrimitives.Add(destination, source, destination);
    }

    /// <summary>Element-wise <paramref name="destination"/> −= <paramref name="source"/>.</summary>
    public static void SubtractInPlace(Span<double> destination, ReadOnlySpan<double> source)
    {
        System.Numerics.Tensors.TensorPrimitives.Subtract(destination, source, destination);
    }
}
