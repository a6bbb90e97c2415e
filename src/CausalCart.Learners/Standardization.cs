using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>
/// Per-column weighted means and scales used to standardise features: z_j = (x_j − Means[j]) / Scales[j]. A column
/// whose weighted standard deviation is below 1e-12 · max(1, |mean|) is marked constant: it carries no information,
/// its standardised value is dropped from the design and its coefficient is 0.
/// </summary>
/// <param name="Means">Weighted column means Σ w x / Σ w, length p.</param>
/// <param name="Scales">Weighted population standard deviations (√(Σ w (x − m)² / Σ w)), length p; 1 for constant columns.</param>
/// <param name="IsConstant">Whether each column is constant among rows with positive weight.</param>
public sealed record Standardization(double[] Means, double[] Scales, bool[] IsConstant)
{
    /// <summary>Indices of the non-constant columns, ascending.</summary>
    public int[] ActiveColumns() => Enumerable.Range(0, IsConstant.Length).Where(j => !IsConstant[j]).ToArray();

    /// <summary>
    /// Computes the standardisation of <paramref name="features"/> (shape (n, p)) under <paramref name="weights"/>
    /// (length n, ≥ 0, positive sum). Two passes (means, then centred squares) for accuracy; deterministic.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ or the weights sum to 0.</exception>
    public static Standardization Compute(Matrix features, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != features.Rows)
        {
            throw new ArgumentException($"Weights have {weights.Length} values for {features.Rows} rows.", nameof(weights));
        }

        int p = features.Cols;
        double[] sums = DeterministicParallel.MapReduce(
            features.Rows,
            DeterministicParallel.DefaultChunkRows,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
            {
                var s = new double[p + 1]; // (p sums of w·x, then Σ w)
                for (int i = start; i < end; i++)
                {
                    double w = weights[i];
                    if (w == 0)
                    {
                        continue;
                    }

                    Kernels.AxpyInPlace(w, features.Row(i), s.AsSpan(0, p));
                    s[p] += w;
                }

                return s;
            },
            AddInto,
            () => new double[p + 1]);
        double total = sums[p];
        if (!(total > 0))
        {
            throw new ArgumentException("Weights sum to 0.", nameof(weights));
        }

        var means = new double[p];
        for (int j = 0; j < p; j++)
        {
            means[j] = sums[j] / total;
        }

        double[] squares = DeterministicParallel.MapReduce(
            features.Rows,
            DeterministicParallel.DefaultChunkRows,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
            {
                var s = new double[p];
                for (int i = start; i < end; i++)
                {
                    double w = weights[i];
                    if (w == 0)
                    {
                        continue;
                    }

                    ReadOnlySpan<double> row = features.Row(i);
                    for (int j = 0; j < p; j++)
                    {
                        double d = row[j] - means[j];
                        s[j] += w * d * d;
                    }
                }

                return s;
            },
            AddInto,
            () => new double[p]);
        var scales = new double[p];
        var constant = new bool[p];
        for (int j = 0; j < p; j++)
        {
            double sd = Math.Sqrt(squares[j] / total);
            constant[j] = !(sd > 1e-12 * Math.Max(1, Math.Abs(means[j])));
            scales[j] = constant[j] ? 1 : sd;
        }

        return new Standardization(means, scales, constant);
    }

    internal static double[] AddInto(double[] a, double[] b)
    {
        for (int k = 0; k < a.Length; k++)
        {
            a[k] += b[k];
        }

        return a;
    }
}
