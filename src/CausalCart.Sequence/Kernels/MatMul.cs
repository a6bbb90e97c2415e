using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Kernels;

/// <summary>
/// Row-major single-precision matrix products: C(M,N) (+)= A(M,K) · B(K,N). Every layer's linear
/// algebra goes through <see cref="Multiply"/>; the transposed forms are built by transposing one
/// operand into scratch memory first (an O(size) copy, small beside the O(M·N·K) product).
/// </summary>
/// <remarks>
/// Implementation note: the optimised kernel keeps a 6×32 tile of C in twelve 512-bit registers where
/// AVX-512 is available (else a 6×16 tile in twelve 256-bit registers) and streams K in blocks of 256 so that the B panel stays in L1/L2;
/// rows of C are split among threads. Rows that do not fill a 6-row tile use a 1×16 tile, and columns
/// that do not fill 16 lanes use a scalar loop. <see cref="MultiplyReference"/> is the plain triple loop
/// the tests compare against.
/// </remarks>
internal static class MatMul
{
    private const int KBlock = 256;
    private const int RowTile = 6;
    private const int ColTile = 16;
    private const int WideTile = 32;

    /// <summary>
    /// Plain reference: C(M,N) = [C +] op(A) · B(K,N), accumulated in double, where op(A) is A(M,K) or,
    /// with <paramref name="transposeA"/>, Aᵀ for A stored as (K,M).
    /// </summary>
    public static void MultiplyReference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, bool transposeA = false)
    {
        CheckLengths(a.Length, b.Length, c.Length, m, k, n);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = accumulate ? c[(i * n) + j] : 0;
                for (var p = 0; p < k; p++)
                {
                    var av = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                    sum += (double)av * b[(p * n) + j];
                }

                c[(i * n) + j] = (float)sum;
            }
        }
    }

    /// <summary>
    /// Optimised: C(M,N) = [C +] op(A) · B(K,N), rows of C split across threads; op(A) = A(M,K), or Aᵀ
    /// for A stored as (K,M) when <paramref name="transposeA"/> (used for weight gradients, doutᵀ · x,
    /// without materialising the transpose).
    /// </summary>
    public static void Multiply(Compute compute, Slice a, Slice b, Slice c, int m, int k, int n, bool accumulate, bool transposeA = false)
    {
        CheckLengths(a.Length, b.Length, c.Length, m, k, n);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (!accumulate)
        {
            c.Span[..(m * n)].Clear();
        }

        if (k == 0)
        {
            return;
        }

        // Element (i, p) of op(A) sits at i·rowStride + p·kStride.
        var rowStride = transposeA ? 1 : k;
        var kStride = transposeA ? m : 1;

        // Split rows in whole 6-row tiles; aim for enough work per range to amortise thread start-up.
        var tiles = (m + RowTile - 1) / RowTile;
        var minTiles = Math.Max(1, 32768 / Math.Max(1, n * k / RowTile));
        compute.For(tiles, (t0, t1) =>
        {
            var r0 = t0 * RowTile;
            var r1 = Math.Min(m, t1 * RowTile);
            MultiplyRows(a.Span, b.Span, c.Span, r0, r1, k, n, rowStride, kStride);
        }, minTiles);
    }

    /// <summary>Transposes src(rows, cols) into dst(cols, rows).</summary>
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        if (src.Length < rows * cols || dst.Length < rows * cols)
        {
            throw new ArgumentException("Transpose buffers too short.");
        }

        const int Block = 32;
        for (var i0 = 0; i0 < rows; i0 += Block)
        {
            var i1 = Math.Min(rows, i0 + Block);
            for (var j0 = 0; j0 < cols; j0 += Block)
            {
                var j1 = Math.Min(cols, j0 + Block);
                for (var i = i0; i < i1; i++)
                {
                    for (var j = j0; j < j1; j++)
                    {
                        dst[(j * rows) + i] = src[(i * cols) + j];
                    }
                }
            }
        }
    }

    /// <summary>Transposes in parallel over blocks of source rows.</summary>
    public static void Transpose(Compute compute, Slice src, Slice dst, int rows, int cols)
    {
        if (src.Length < rows * cols || dst.Length < rows * cols)
        {
            throw new ArgumentException("Transpose buffers too short.");
        }

        const int Block = 32;
        var blocks = (rows + Block - 1) / Block;
        compute.For(blocks, (b0, b1) =>
        {
            var s = src.Span;
            var d = dst.Span;
            for (var i0 = b0 * Block; i0 < Math.Min(rows, b1 * Block); i0 += Block)
            {
                var i1 = Math.Min(rows, i0 + Block);
                for (var j0 = 0; j0 < cols; j0 += Block)
                {
                    var j1 = Math.Min(cols, j0 + Block);
                    for (var i = i0; i < i1; i++)
                    {
                        for (var j = j0; j < j1; j++)
                        {
                            d[(j * rows) + i] = s[(i * cols) + j];
                        }
                    }
                }
            }
        }, minPerRange: Math.Max(1, 65536 / Math.Max(1, cols * Block)));
    }

    private static void CheckLengths(int aLength, int bLength, int cLength, int m, int k, int n)
    {
        if (m < 0 || k < 0 || n < 0 || aLength < m * k || bLength < k * n || cLength < m * n)
        {
            throw new ArgumentException($"MatMul shapes do not fit: A needs {m}×{k} (has {aLength}), B {k}×{n} (has {bLength}), C {m}×{n} (has {cLength}).");
        }
    }

    private static void MultiplyRows(Span<float> a, Span<float> b, Span<float> c, int r0, int r1, int k, int n, int rs, int ks)
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        var wide = Vector512.IsHardwareAccelerated ? n / WideTile * WideTile : 0;
        var nVec = wide + ((n - wide) / ColTile * ColTile);
        for (var kb = 0; kb < k; kb += KBlock)
        {
            var kc = Math.Min(KBlock, k - kb);
            for (var j = 0; j < nVec; j += j < wide ? WideTile : ColTile)
            {
                var i = r0;
                var isWide = j < wide;
                for (; i + RowTile <= r1; i += RowTile)
                {
                    ref var at = ref Unsafe.Add(ref a0, (i * rs) + (kb * ks));
                    ref var bt = ref Unsafe.Add(ref b0, (kb * n) + j);
                    ref var ct = ref Unsafe.Add(ref c0, (i * n) + j);
                    if (isWide)
                    {
                        Tile6x32(ref at, rs, ks, ref bt, n, ref ct, n, kc);
                    }
                    else
                    {
                        Tile6x16(ref at, rs, ks, ref bt, n, ref ct, n, kc);
                    }
                }

                for (; i < r1; i++)
                {
                    ref var at = ref Unsafe.Add(ref a0, (i * rs) + (kb * ks));
                    ref var bt = ref Unsafe.Add(ref b0, (kb * n) + j);
                    ref var ct = ref Unsafe.Add(ref c0, (i * n) + j);
                    Tile1x16(ref at, ks, ref bt, n, ref ct, kc);
                    if (isWide)
                    {
                        Tile1x16(ref at, ks, ref Unsafe.Add(ref bt, ColTile), n, ref Unsafe.Add(ref ct, ColTile), kc);
                    }
                }
            }

            // Columns past the last whole 16-lane tile: scalar.
            if (nVec < n)
            {
                for (var i = r0; i < r1; i++)
                {
                    for (var j = nVec; j < n; j++)
                    {
                        var sum = 0f;
                        for (var p = 0; p < kc; p++)
                        {
                            sum += a[(i * rs) + ((kb + p) * ks)] * b[((kb + p) * n) + j];
                        }

                        c[(i * n) + j] += sum;
                    }
                }
            }
        }
    }

    // 6 rows × 32 columns of C in twelve 512-bit registers (AVX-512: 32 registers, so B and the
    // broadcast fit beside them).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile6x32(ref float a, int rs, int ks, ref float b, int ldb, ref float c, int ldc, int kc)
    {
        ref var c1 = ref Unsafe.Add(ref c, ldc);
        ref var c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref var c3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref var c4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref var c5 = ref Unsafe.Add(ref c, 5 * ldc);
        var s00 = Vector512.LoadUnsafe(ref c); var s01 = Vector512.LoadUnsafe(ref c, 16);
        var s10 = Vector512.LoadUnsafe(ref c1); var s11 = Vector512.LoadUnsafe(ref c1, 16);
        var s20 = Vector512.LoadUnsafe(ref c2); var s21 = Vector512.LoadUnsafe(ref c2, 16);
        var s30 = Vector512.LoadUnsafe(ref c3); var s31 = Vector512.LoadUnsafe(ref c3, 16);
        var s40 = Vector512.LoadUnsafe(ref c4); var s41 = Vector512.LoadUnsafe(ref c4, 16);
        var s50 = Vector512.LoadUnsafe(ref c5); var s51 = Vector512.LoadUnsafe(ref c5, 16);
        ref var a1 = ref Unsafe.Add(ref a, rs);
        ref var a2 = ref Unsafe.Add(ref a, 2 * rs);
        ref var a3 = ref Unsafe.Add(ref a, 3 * rs);
        ref var a4 = ref Unsafe.Add(ref a, 4 * rs);
        ref var a5 = ref Unsafe.Add(ref a, 5 * rs);
        nuint bo = 0;
        nuint ao = 0;
        for (var p = 0; p < kc; p++, bo += (nuint)ldb, ao += (nuint)ks)
        {
            var b0 = Vector512.LoadUnsafe(ref b, bo);
            var b1 = Vector512.LoadUnsafe(ref b, bo + 16);
            var x = Vector512.Create(Unsafe.Add(ref a, ao));
            s00 = Vector512.FusedMultiplyAdd(x, b0, s00); s01 = Vector512.FusedMultiplyAdd(x, b1, s01);
            x = Vector512.Create(Unsafe.Add(ref a1, ao));
            s10 = Vector512.FusedMultiplyAdd(x, b0, s10); s11 = Vector512.FusedMultiplyAdd(x, b1, s11);
            x = Vector512.Create(Unsafe.Add(ref a2, ao));
            s20 = Vector512.FusedMultiplyAdd(x, b0, s20); s21 = Vector512.FusedMultiplyAdd(x, b1, s21);
            x = Vector512.Create(Unsafe.Add(ref a3, ao));
            s30 = Vector512.FusedMultiplyAdd(x, b0, s30); s31 = Vector512.FusedMultiplyAdd(x, b1, s31);
            x = Vector512.Create(Unsafe.Add(ref a4, ao));
            s40 = Vector512.FusedMultiplyAdd(x, b0, s40); s41 = Vector512.FusedMultiplyAdd(x, b1, s41);
            x = Vector512.Create(Unsafe.Add(ref a5, ao));
            s50 = Vector512.FusedMultiplyAdd(x, b0, s50); s51 = Vector512.FusedMultiplyAdd(x, b1, s51);
        }

        s00.StoreUnsafe(ref c); s01.StoreUnsafe(ref c, 16);
        s10.StoreUnsafe(ref c1); s11.StoreUnsafe(ref c1, 16);
        s20.StoreUnsafe(ref c2); s21.StoreUnsafe(ref c2, 16);
        s30.StoreUnsafe(ref c3); s31.StoreUnsafe(ref c3, 16);
        s40.StoreUnsafe(ref c4); s41.StoreUnsafe(ref c4, 16);
        s50.StoreUnsafe(ref c5); s51.StoreUnsafe(ref c5, 16);
    }

    // 6 rows × 16 columns of C in twelve 256-bit registers (AVX2 has 16, leaving B and the broadcast).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile6x16(ref float a, int rs, int ks, ref float b, int ldb, ref float c, int ldc, int kc)
    {
        ref var c1 = ref Unsafe.Add(ref c, ldc);
        ref var c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref var c3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref var c4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref var c5 = ref Unsafe.Add(ref c, 5 * ldc);
        var s00 = Vector256.LoadUnsafe(ref c); var s01 = Vector256.LoadUnsafe(ref c, 8);
        var s10 = Vector256.LoadUnsafe(ref c1); var s11 = Vector256.LoadUnsafe(ref c1, 8);
        var s20 = Vector256.LoadUnsafe(ref c2); var s21 = Vector256.LoadUnsafe(ref c2, 8);
        var s30 = Vector256.LoadUnsafe(ref c3); var s31 = Vector256.LoadUnsafe(ref c3, 8);
        var s40 = Vector256.LoadUnsafe(ref c4); var s41 = Vector256.LoadUnsafe(ref c4, 8);
        var s50 = Vector256.LoadUnsafe(ref c5); var s51 = Vector256.LoadUnsafe(ref c5, 8);
        ref var a1 = ref Unsafe.Add(ref a, rs);
        ref var a2 = ref Unsafe.Add(ref a, 2 * rs);
        ref var a3 = ref Unsafe.Add(ref a, 3 * rs);
        ref var a4 = ref Unsafe.Add(ref a, 4 * rs);
        ref var a5 = ref Unsafe.Add(ref a, 5 * rs);
        nuint bo = 0;
        nuint ao = 0;
        for (var p = 0; p < kc; p++, bo += (nuint)ldb, ao += (nuint)ks)
        {
            var b0 = Vector256.LoadUnsafe(ref b, bo);
            var b1 = Vector256.LoadUnsafe(ref b, bo + 8);
            var x = Vector256.Create(Unsafe.Add(ref a, ao));
            s00 = Vector256.FusedMultiplyAdd(x, b0, s00); s01 = Vector256.FusedMultiplyAdd(x, b1, s01);
            x = Vector256.Create(Unsafe.Add(ref a1, ao));
            s10 = Vector256.FusedMultiplyAdd(x, b0, s10); s11 = Vector256.FusedMultiplyAdd(x, b1, s11);
            x = Vector256.Create(Unsafe.Add(ref a2, ao));
            s20 = Vector256.FusedMultiplyAdd(x, b0, s20); s21 = Vector256.FusedMultiplyAdd(x, b1, s21);
            x = Vector256.Create(Unsafe.Add(ref a3, ao));
            s30 = Vector256.FusedMultiplyAdd(x, b0, s30); s31 = Vector256.FusedMultiplyAdd(x, b1, s31);
            x = Vector256.Create(Unsafe.Add(ref a4, ao));
            s40 = Vector256.FusedMultiplyAdd(x, b0, s40); s41 = Vector256.FusedMultiplyAdd(x, b1, s41);
            x = Vector256.Create(Unsafe.Add(ref a5, ao));
            s50 = Vector256.FusedMultiplyAdd(x, b0, s50); s51 = Vector256.FusedMultiplyAdd(x, b1, s51);
        }

        s00.StoreUnsafe(ref c); s01.StoreUnsafe(ref c, 8);
        s10.StoreUnsafe(ref c1); s11.StoreUnsafe(ref c1, 8);
        s20.StoreUnsafe(ref c2); s21.StoreUnsafe(ref c2, 8);
        s30.StoreUnsafe(ref c3); s31.StoreUnsafe(ref c3, 8);
        s40.StoreUnsafe(ref c4); s41.StoreUnsafe(ref c4, 8);
        s50.StoreUnsafe(ref c5); s51.StoreUnsafe(ref c5, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile1x16(ref float a, int ks, ref float b, int ldb, ref float c, int kc)
    {
        var s0 = Vector256.LoadUnsafe(ref c);
        var s1 = Vector256.LoadUnsafe(ref c, 8);
        nuint bo = 0;
        nuint ao = 0;
        for (var p = 0; p < kc; p++, bo += (nuint)ldb, ao += (nuint)ks)
        {
            var x = Vector256.Create(Unsafe.Add(ref a, ao));
            s0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref b, bo), s0);
            s1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref b, bo + 8), s1);
        }

        s0.StoreUnsafe(ref c);
        s1.StoreUnsafe(ref c, 8);
    }
}
