namespace CausalCart.Sequence.Kernels;

/// <summary>
/// How many threads the kernels may use. Passed explicitly (no static settings) so that two models in
/// one process can run with different budgets.
/// </summary>
internal sealed class Compute
{
    /// <summary>Creates a context for <paramref name="threads"/> worker threads (at least one).</summary>
    public Compute(int threads)
    {
        Threads = Math.Max(1, threads);
        Options = new ParallelOptions { MaxDegreeOfParallelism = Threads };
    }

    /// <summary>A single-threaded context (tests, reference runs).</summary>
    public static Compute Serial { get; } = new(1);

    /// <summary>Maximum number of worker threads.</summary>
    public int Threads { get; }

    /// <summary>Options for <see cref="Parallel"/> loops.</summary>
    public ParallelOptions Options { get; }

    /// <summary>
    /// Runs <paramref name="body"/> over [0, <paramref name="count"/>) split into contiguous ranges, one
    /// per thread (inline when single-threaded or when the work is tiny).
    /// </summary>
    public void For(int count, Action<int, int> body, int minPerRange = 1)
    {
        if (count <= 0)
        {
            return;
        }

        var ranges = Math.Min(Threads, Math.Max(1, count / Math.Max(1, minPerRange)));
        if (ranges <= 1)
        {
            body(0, count);
            return;
        }

        Parallel.For(0, ranges, Options, r =>
        {
            var start = (int)((long)count * r / ranges);
            var end = (int)((long)count * (r + 1) / ranges);
            body(start, end);
        });
    }
}
