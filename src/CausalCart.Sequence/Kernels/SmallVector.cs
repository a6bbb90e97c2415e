using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CausalCart.Sequence.Kernels;

/// <summary>
/// Dot and axpy for the short rows of attention heads (hs = 8…128). <c>TensorPrimitives</c> pays a
/// length check and a dispatch per call, which dominates at these lengths; these loops use 256-bit
/// lanes for whole groups of 8 and a scalar loop for the remainder.
/// </summary>
internal static class SmallVector
{
    /// <summary>Σ x·y over the common length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var n = x.Length;
        ref var a = ref MemoryMarshal.GetReference(x);
        ref var b = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var acc = Vector256<float>.Zero;
        for (; i + 8 <= n; i += 8)
        {
            acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), acc);
        }

        var sum = Vector256.Sum(acc);
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return sum;
    }

    /// <summary>y += alpha · x over the common length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        var n = x.Length;
        ref var a = ref MemoryMarshal.GetReference(x);
        ref var b = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var s = Vector256.Create(alpha);
        for (; i + 8 <= n; i += 8)
        {
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), s, Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref b, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref b, i) += alpha * Unsafe.Add(ref a, i);
        }
    }
}
