using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>
/// The design matrix Z = [1, (x − m)/s] built on the fly from raw features and a <see cref="Standardization"/>,
/// without materialising Z: an intercept column followed by the active (non-constant) standardised columns, so
/// Z has shape (n, <see cref="Width"/>). The learners fit in this space and the estimators compute influence
/// functions in it (those are invariant to the affine change of coordinates).
/// </summary>
/// <remarks>
/// All reductions run over fixed chunks of <see cref="DeterministicParallel.DefaultChunkRows"/> rows in parallel and
/// are summed in chunk order: results do not depend on the thread count. Rows with weight 0 are skipped.
/// Thread-safe (immutable).
/// </remarks>
public sealed class StandardizedDesign
{
    /// <summary>Rows per SIMD block in the Gram passes (fixed, so results never depend on it).</summary>
    public const int BlockRows = 256;
    private readonly int[] _active;
    private readonly double[] _mean;   // (Width − 1) means of the active columns
    private readonly double[] _invSd;  // (Width − 1) reciprocal scales of the active columns

    /// <summary>Creates the design over <paramref name="features"/> (shape (n, p)) with a standardisation of p columns.</summary>
    /// <exception cref="ArgumentException">The standardisation has a different column count.</exception>
    public StandardizedDesign(Matrix features, Standardization standardization)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(standardization);
        if (standardization.Means.Length != features.Cols)
        {
            throw new ArgumentException($"Standardisation has {standardization.Means.Length} columns; features have {features.Cols}.", nameof(standardization));
        }

        Features = features;
        Standardization = standardization;
        _active = standardization.ActiveColumns();
        _mean = _active.Select(j => standardization.Means[j]).ToArray();
        _invSd = _active.Select(j => 1.0 / standardization.Scales[j]).ToArray();
    }

    /// <summary>The raw features (n, p).</summary>
    public Matrix Features { get; }

    /// <summary>The standardisation applied.</summary>
    public Standardization Standardization { get; }

    /// <summary>Columns of Z: 1 (intercept) + number of non-constant features.</summary>
    public int Width => _active.Length + 1;

    /// <summary>Rows n.</summary>
    public int Rows => Features.Rows;

    /// <summary>Feature index (into the raw columns) of design column <paramref name="designColumn"/> ≥ 1.</summary>
    public int FeatureOfColumn(int designColumn) => _active[designColumn - 1];

    /// <summary>Writes row <paramref name="row"/> of Z into <paramref name="z"/> (length <see cref="Width"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RowOf(int row, Span<double> z)
    {
        ReadOnlySpan<double> x = Features.Row(row);
        z[0] = 1;
        for (int k = 0; k < _active.Length; k++)
        {
            z[k + 1] = (x[_active[k]] - _mean[k]) * _invSd[k];
        }
    }

    /// <summary>Z'·diag(<paramref name="weights"/>)·Z as a full symmetric (Width, Width) row-major array.</summary>
    /// <param name="weights">Length n, finite (rows with 0 are skipped).</param>
    public double[] Gram(double[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        CheckLength(weights.Length);
        int q = Width;
        double[] g = DeterministicParallel.MapReduce(
            Rows,
            DeterministicParallel.DefaultChunkRows,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
            {
                var acc = new double[q * q];
                var gram = new BlockGram(q);
                int next = start, count;
                while ((count = FillColumns(ref next, end, weights, gram.Block, gram.Weights, null)) > 0)
                {
                    gram.AddUpper(count, acc);
                }

                return acc;
            },
            Standardization.AddInto,
            () => new double[q * q]);
        Kernels.SymmetrizeFromUpperInPlace(g, q);
        return g;
    }

    /// <summary>Z'·v = Σ_i v_i z_i, a vector of length <see cref="Width"/>. <paramref name="v"/> has length n.</summary>
    public double[] TransposeMultiply(double[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        CheckLength(v.Length);
        int q = Width;
        return DeterministicParallel.MapReduce(
            Rows,
            DeterministicParallel.DefaultChunkRows,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
            {
                var acc = new double[q];
                var z = new double[q];
                for (int i = start; i < end; i++)
                {
                    if (v[i] != 0)
                    {
                        RowOf(i, z);
                        Kernels.AxpyInPlace(v[i], z, acc);
                    }
                }

                return acc;
            },
            Standardization.AddInto,
            () => new double[q]);
    }

    /// <summary>destination_i = z_i'·<paramref name="beta"/> for every row (length n); element-wise parallel.</summary>
    public void Multiply(double[] beta, double[] destination)
    {
        ArgumentNullException.ThrowIfNull(beta);
        ArgumentNullException.ThrowIfNull(destination);
        CheckLength(destination.Length);
        if (beta.Length != Width)
        {
            throw new ArgumentException($"Coefficient vector has {beta.Length} values; the design has {Width} columns.", nameof(beta));
        }

        // Fold the standardisation into raw-scale coefficients once: z'β = b0 + Σ_k x_{a_k} c_k.
        (double intercept, double[] raw) = ToRawScale(beta);
        DeterministicParallel.For(Rows, DeterministicParallel.DefaultChunkRows, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                destination[i] = intercept + Kernels.Dot(Features.Row(i), raw);
            }
        });
    }

    /// <summary>Converts design-space coefficients (intercept first, Width long) to (intercept, p raw-feature coefficients; 0 for constant columns).</summary>
    public (double Intercept, double[] Coefficients) ToRawScale(ReadOnlySpan<double> beta)
    {
        var raw = new double[Features.Cols];
        double intercept = beta[0];
        for (int k = 0; k < _active.Length; k++)
        {
            double c = beta[k + 1] * _invSd[k];
            raw[_active[k]] = c;
            intercept -= c * _mean[k];
        }

        return (intercept, raw);
    }

    /// <summary>
    /// Copies the next rows with positive weight, from <paramref name="next"/> up to <paramref name="end"/>, into the
    /// column-major <paramref name="block"/> (design column c of block row r at c·Stride + r) until it holds
    /// <see cref="BlockGram.Stride"/> rows, and their weights into <paramref name="blockWeights"/>; advances
    /// <paramref name="next"/> past the rows read and returns how many were written (0 once the range is exhausted).
    /// Zero-weight rows cost only the weight check, so masked (cross-fitting) and subsampled passes are cheap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int FillColumns(ref int next, int end, double[] weights, double[] block, double[] blockWeights, int[]? rowIndex)
    {
        const int stride = BlockGram.Stride;
        int count = 0;
        int i = next;
        for (; i < end && count < stride; i++)
        {
            double w = weights[i];
            if (w == 0)
            {
                continue;
            }

            ReadOnlySpan<double> x = Features.Row(i);
            block[count] = 1;
            for (int k = 0; k < _active.Length; k++)
            {
                block[((k + 1) * stride) + count] = (x[_active[k]] - _mean[k]) * _invSd[k];
            }

            blockWeights[count] = w;
            if (rowIndex is not null)
            {
                rowIndex[count] = i;
            }

            count++;
        }

        next = i;
        return count;
    }

    /// <summary>
    /// Copies rows [start, end) with positive weight into <paramref name="block"/> as standardised design rows and
    /// their weights into <paramref name="blockWeights"/>; returns how many rows were written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int FillBlock(int start, int end, double[] weights, double[] block, double[] blockWeights, int[]? rowIndex)
    {
        int q = Width;
        int count = 0;
        for (int i = start; i < end; i++)
        {
            double w = weights[i];
            if (w == 0)
            {
                continue;
            }

            RowOf(i, block.AsSpan(count * q, q));
            blockWeights[count] = w;
            if (rowIndex is not null)
            {
                rowIndex[count] = i;
            }

            count++;
        }

        return count;
    }

    private void CheckLength(int length)
    {
        if (length != Rows)
        {
            throw new ArgumentException($"Vector has {length} values; the design has {Rows} rows.");
        }
    }
}
