namespace CausalCart.Learners.Boosting;

/// <summary>Plain scalar versions of <see cref="HistogramKernels"/>, the baseline the tests compare against.</summary>
internal static class ReferenceHistogramKernels
{
    /// <summary>Same contract as <see cref="HistogramKernels.Accumulate"/>: one scalar add per statistic.</summary>
    public static void Accumulate(ReadOnlySpan<byte> bins, int p, ReadOnlySpan<int> rows, ReadOnlySpan<double> gh, ReadOnlySpan<int> slotOffset, Span<double> hist)
    {
        foreach (int r in rows)
        {
            for (int f = 0; f < p; f++)
            {
                int s = slotOffset[f] + bins[(r * p) + f];
                hist[2 * s] += gh[2 * r];
                hist[(2 * s) + 1] += gh[(2 * r) + 1];
            }
        }
    }
}
