using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CausalCart.Learners.Boosting;

/// <summary>
/// Gradient/Hessian histogram accumulation over packed row records. Row r's record starts at byte r·stride: its p bins
/// (one byte per feature), then at byte <c>ghOffset</c> its gradient and Hessian as two floats. A histogram is an array
/// of (G, H) double pairs, one per slot; feature f's bin b is slot <c>slotOffset[f] + b</c>.
/// </summary>
/// <remarks>
/// Implementation note: bins and gradients share one record so that a row of a deep (scattered) node costs one cache
/// line, not two; the gradients are stored as floats (as in XGBoost and LightGBM) and widened to double before adding.
/// </remarks>
internal static class HistogramKernels
{
    /// <summary>Rows between a prefetch and its use (16 measured best of 8/16/32 on the bench machine).</summary>
    private const int PrefetchDistance = 16;

    /// <summary>Record layout for p features: (stride, ghOffset), the gradient pair 4-byte aligned, stride a multiple of 8.</summary>
    public static (int Stride, int GhOffset) Layout(int p)
    {
        int ghOffset = (p + 3) & ~3;
        return ((ghOffset + 8 + 7) & ~7, ghOffset);
    }

    /// <summary>
    /// For each position k: row r = rows[k]; adds its (g, h), widened to double, to slot slotOffset[f] + bin_f of
    /// <paramref name="hist"/> for every feature f. The pair is added as one 128-bit vector; the p updates of a row touch p
    /// different feature histograms, so they do not wait on each other.
    /// </summary>
    /// <param name="records">(n, stride) packed rows.</param>
    /// <param name="stride">Bytes per record.</param>
    /// <param name="ghOffset">Byte offset of the (g, h) float pair in a record.</param>
    /// <param name="p">Features.</param>
    /// <param name="rows">Row indices to accumulate.</param>
    /// <param name="slotOffset">(p) first slot of each feature.</param>
    /// <param name="hist">(slots, 2) histogram, accumulated into.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Accumulate(ReadOnlySpan<byte> records, int stride, int ghOffset, int p, ReadOnlySpan<int> rows, ReadOnlySpan<int> slotOffset, Span<double> hist)
    {
        if (rows.IsEmpty)
        {
            return;
        }

        fixed (byte* b0 = records)
        fixed (int* r0 = rows)
        fixed (int* o0 = slotOffset)
        fixed (double* h0 = hist)
        {
            int count = rows.Length;
            int p4 = p & ~3;
            for (int k = 0; k < count; k++)
            {
                // Deep nodes hold scattered rows: fetch the record PrefetchDistance rows ahead so the cache misses overlap
                // (hardware prefetchers do not follow an index list).
                if (Sse.IsSupported && k + PrefetchDistance < count)
                {
                    byte* ahead = b0 + ((nint)r0[k + PrefetchDistance] * stride);
                    Sse.Prefetch0(ahead);
                    Sse.Prefetch0(ahead + stride - 1);
                }

                byte* b = b0 + ((nint)r0[k] * stride);
                Vector128<double> v = Sse2.IsSupported
                    ? Sse2.ConvertToVector128Double(Vector128.CreateScalarUnsafe(*(double*)(b + ghOffset)).AsSingle())
                    : Vector128.Create((double)*(float*)(b + ghOffset), *(float*)(b + ghOffset + 4));
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
