namespace CausalCart.Numerics;

/// <summary>
/// Plain scalar implementations of <see cref="Kernels"/>, kept as the reference that tests compare against
/// and benchmarks use as the baseline. Same contracts and exceptions as their optimised twins.
/// </summary>
public static class ReferenceKernels
{
    /// <summary>Inner product Σ x[i]·y[i], summed left to right.</summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Lengths differ: x has {x.Length}, y has {y.Length}.", nameof(y));
        }

        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    /// <summary>destination[i] += alpha · x[i].</summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static void AxpyInPlace(double alpha, ReadOnlySpan<double> x, Span<double> destination)
    {
        if (x.Length != destination.Length)
        {
            throw new ArgumentException($"Lengths differ: x has {x.Length}, destination has {destination.Length}.", nameof(destination));
        }

        for (int i = 0; i < x.Length; i++)
        {
            destination[i] += alpha * x[i];
        }
    }

    /// <summary>Upper triangle of Σ_r w_r z_r z_rᵀ added to <paramref name="gram"/>, one row at a time.</summary>
    /// <exception cref="ArgumentException">Lengths are inconsistent.</exception>
    public static void AddWeightedGramUpper(ReadOnlySpan<double> rows, int cols, ReadOnlySpan<double> weights, Span<double> gram)
    {
        Kernels.CheckGramArgs(rows, cols, weights, gram);
        for (int r = 0; r < weights.Length; r++)
        {
            for (int j = 0; j < cols; j++)
            {
                for (int k = j; k < cols; k++)
                {
                    gram[(j * cols) + k] += weights[r] * rows[(r * cols) + j] * rows[(r * cols) + k];
                }
            }
        }
    }
}
