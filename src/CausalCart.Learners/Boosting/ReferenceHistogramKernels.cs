using System.Runtime.InteropServices;

namespace CausalCart.Learners.Boosting;

/// <summary>Plain scalar versions of <see cref="HistogramKernels"/>, the baseline the tests compare against.</summary>
internal static class ReferenceHistogramKernels
{
    /// <summary>Same contract as <see cref="HistogramKernels.Accumulate"/>: one scalar add per statistic.</summary>
    public static void Accumulate(ReadOnlySpan<byte> records, int stride, int ghOffset, int p, ReadOnlySpan<int> rows, ReadOnlySpan<int> slotOffset, Span<double> hist)
    {
        foreach (int r in rows)
        {
            ReadOnlySpan<byte> record = records.Slice(r * stride, stride);
            double g = MemoryMarshal.Read<float>(record[ghOffset..]);
            double h = MemoryMarshal.Read<float>(record[(ghOffset + 4)..]);
            for (int f = 0; f < p; f++)
            {
                int s = slotOffset[f] + record[f];
                hist[2 * s] += g;
                hist[(2 * s) + 1] += h;
            }
        }
    }
}
