using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>
/// Weighted Gram accumulation G += Σ_r w_r z_r z_rᵀ (upper triangle) over a block of rows stored column-major, the hot
/// loop of every Newton / IRLS and least-squares pass. <see cref="ReferenceKernels.AddWeightedGramUpper"/> is its plain
/// twin; tests compare the two.
/// </summary>
/// <remarks>
/// Implementation note: with the block column-major (column c of the block at [c·Stride, c·Stride + Stride)), every
/// G entry is a dot product of two contiguous columns of length Stride, so the SIMD lanes run along rows with no
/// remainder (Stride is a multiple of the vector width) and the 4 × 4 register tile reuses each loaded vector four
/// times: 8 loads feed 16 fused multiply-adds. Columns are padded to a multiple of 4 with zeros so every tile is full.
/// The sum order is fixed by the block shape, so results are deterministic; they differ from the row-major kernel's
/// in the last bits.
/// </remarks>
internal sealed class BlockGram
{
    /// <summary>Rows per block (a multiple of every vector width).</summary>
    public const int Stride = 256;

    private readonly double[] _weighted; // (PaddedColumns, Stride) column-major: columns scaled by the row weights

    /// <summary>Creates the scratch for blocks of <paramref name="columns"/> columns.</summary>
    public BlockGram(int columns)
    {
        Columns = columns;
        PaddedColumns = (columns + 3) & ~3;
        Block = new double[PaddedColumns * Stride];
        Weights = new double[Stride];
        _weighted = new double[PaddedColumns * Stride];
    }

    /// <summary>q, the Gram dimension.</summary>
    public int Columns { get; }

    /// <summary>q rounded up to a multiple of 4.</summary>
    public int PaddedColumns { get; }

    /// <summary>(PaddedColumns, Stride) column-major block the caller fills: element (row r, column c) at c·Stride + r.
    /// Padding columns stay zero; rows past the count must be finite (their weight is zeroed).</summary>
    public double[] Block { get; }

    /// <summary>(Stride) row weights the caller fills.</summary>
    public double[] Weights { get; }

    /// <summary>Adds the upper triangle of Σ_{r &lt; rows} Weights[r]·z_r z_rᵀ to <paramref name="gram"/> (q × q row-major).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddUpper(int rows, Span<double> gram)
    {
        int q = Columns;
        int qp = PaddedColumns;

        // Only the first `length` rows (rows rounded up to the vector width) are read; the padding rows get weight 0.
        int width = Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;
        int length = (rows + width - 1) / width * width;
        Weights.AsSpan(rows, length - rows).Clear();
        for (int c = 0; c < q; c++)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(Block.AsSpan(c * Stride, length), Weights.AsSpan(0, length), _weighted.AsSpan(c * Stride, length));
        }

        if (!Vector.IsHardwareAccelerated)
        {
            for (int j = 0; j < q; j++)
            {
                for (int k = j; k < q; k++)
                {
                    gram[(j * q) + k] += ReferenceKernels.Dot(_weighted.AsSpan(j * Stride, length), Block.AsSpan(k * Stride, length));
                }
            }

            return;
        }

        Span<double> tile = stackalloc double[16];
        for (int j0 = 0; j0 < qp; j0 += 4)
        {
            for (int k0 = j0; k0 < qp; k0 += 4)
            {
                Tile(j0, k0, length, tile);
                for (int a = 0; a < 4; a++)
                {
                    int j = j0 + a;
                    if (j >= q)
                    {
                        break;
                    }

                    for (int b = 0; b < 4; b++)
                    {
                        int k = k0 + b;
                        if (k >= j && k < q)
                        {
                            gram[(j * q) + k] += tile[(a * 4) + b];
                        }
                    }
                }
            }
        }
    }

    /// <summary>tile[a·4 + b] = Σ_{r &lt; length} weighted[j0 + a][r]·block[k0 + b][r].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tile(int j0, int k0, int length, Span<double> tile)
    {
        ref double wa = ref MemoryMarshal.GetArrayDataReference(_weighted);
        ref double zb = ref MemoryMarshal.GetArrayDataReference(Block);
        nuint a0 = (nuint)(j0 * Stride), a1 = a0 + Stride, a2 = a1 + Stride, a3 = a2 + Stride;
        nuint b0 = (nuint)(k0 * Stride), b1 = b0 + Stride, b2 = b1 + Stride, b3 = b2 + Stride;
        Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector<double> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector<double> s30 = default, s31 = default, s32 = default, s33 = default;
        int width = Vector<double>.Count;
        for (nuint r = 0; r < (nuint)length; r += (nuint)width)
        {
            Vector<double> x0 = Vector.LoadUnsafe(ref wa, a0 + r), x1 = Vector.LoadUnsafe(ref wa, a1 + r);
            Vector<double> x2 = Vector.LoadUnsafe(ref wa, a2 + r), x3 = Vector.LoadUnsafe(ref wa, a3 + r);
            Vector<double> y0 = Vector.LoadUnsafe(ref zb, b0 + r), y1 = Vector.LoadUnsafe(ref zb, b1 + r);
            Vector<double> y2 = Vector.LoadUnsafe(ref zb, b2 + r), y3 = Vector.LoadUnsafe(ref zb, b3 + r);
            s00 = Vector.FusedMultiplyAdd(x0, y0, s00);
            s01 = Vector.FusedMultiplyAdd(x0, y1, s01);
            s02 = Vector.FusedMultiplyAdd(x0, y2, s02);
            s03 = Vector.FusedMultiplyAdd(x0, y3, s03);
            s10 = Vector.FusedMultiplyAdd(x1, y0, s10);
            s11 = Vector.FusedMultiplyAdd(x1, y1, s11);
            s12 = Vector.FusedMultiplyAdd(x1, y2, s12);
            s13 = Vector.FusedMultiplyAdd(x1, y3, s13);
            s20 = Vector.FusedMultiplyAdd(x2, y0, s20);
            s21 = Vector.FusedMultiplyAdd(x2, y1, s21);
            s22 = Vector.FusedMultiplyAdd(x2, y2, s22);
            s23 = Vector.FusedMultiplyAdd(x2, y3, s23);
            s30 = Vector.FusedMultiplyAdd(x3, y0, s30);
            s31 = Vector.FusedMultiplyAdd(x3, y1, s31);
            s32 = Vector.FusedMultiplyAdd(x3, y2, s32);
            s33 = Vector.FusedMultiplyAdd(x3, y3, s33);
        }

        tile[0] = Vector.Sum(s00);
        tile[1] = Vector.Sum(s01);
        tile[2] = Vector.Sum(s02);
        tile[3] = Vector.Sum(s03);
        tile[4] = Vector.Sum(s10);
        tile[5] = Vector.Sum(s11);
        tile[6] = Vector.Sum(s12);
        tile[7] = Vector.Sum(s13);
        tile[8] = Vector.Sum(s20);
        tile[9] = Vector.Sum(s21);
        tile[10] = Vector.Sum(s22);
        tile[11] = Vector.Sum(s23);
        tile[12] = Vector.Sum(s30);
        tile[13] = Vector.Sum(s31);
        tile[14] = Vector.Sum(s32);
        tile[15] = Vector.Sum(s33);
    }
}
