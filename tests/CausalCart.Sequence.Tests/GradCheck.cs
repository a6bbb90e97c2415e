using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Tests;

/// <summary>Central finite differences against analytic gradients, for float32 layers.</summary>
/// <remarks>
/// Float32 forward passes limit the accuracy of a finite difference: with step h the rounding error of
/// the loss (≈ 1e-7·|terms|) is divided by 2h, the truncation error grows as h². h = 1e-2 on inputs of
/// order one balances the two at about 1e-4, so each check allows |analytic − numeric| ≤ atol + rtol·|numeric|
/// with atol = 1e-3 and rtol = 1e-2, and additionally requires the whole gradient vectors to agree to
/// a relative L2 error below 2e-3 (the full model reaches ≤ 4e-4; a gradient 1% off fails).
/// </remarks>
internal static class GradCheck
{
    public const float Step = 1e-2f;

    public static Slice Random(int length, ulong seed, float scale = 1f)
    {
        var rng = new Rng(seed);
        var data = new float[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = rng.NextGaussian() * scale;
        }

        return new Slice(data, 0, length);
    }

    public static Slice Zeros(int length) => new(new float[length], 0, length);

    /// <summary>Σ out ⊙ r in double: the scalar loss whose gradient w.r.t. out is r.</summary>
    public static double Project(ReadOnlySpan<float> output, ReadOnlySpan<float> r)
    {
        double s = 0;
        for (var i = 0; i < r.Length; i++)
        {
            s += (double)output[i] * r[i];
        }

        return s;
    }

    /// <summary>
    /// Compares <paramref name="analytic"/> to central differences of <paramref name="loss"/> w.r.t. each
    /// (or <paramref name="maxChecks"/> evenly spread) element of <paramref name="x"/>.
    /// </summary>
    public static void Check(string name, Slice x, ReadOnlySpan<float> analytic, Func<double> loss, int maxChecks = 400, float step = Step, double atol = 1e-3, double rtol = 1e-2)
    {
        var span = x.Span;
        var stride = Math.Max(1, span.Length / maxChecks);
        double diff2 = 0, ref2 = 0;
        var worst = string.Empty;
        var failures = 0;
        for (var i = 0; i < span.Length; i += stride)
        {
            var keep = span[i];
            span[i] = keep + step;
            var plus = loss();
            span[i] = keep - step;
            var minus = loss();
            span[i] = keep;
            var numeric = (plus - minus) / (2.0 * step);
            var a = analytic[i];
            diff2 += (a - numeric) * (a - numeric);
            ref2 += numeric * numeric;
            if (Math.Abs(a - numeric) > atol + (rtol * Math.Abs(numeric)))
            {
                failures++;
                if (worst.Length == 0)
                {
                    worst = $"{name}[{i}]: analytic {a:G6}, numeric {numeric:G6}";
                }
            }
        }

        var rel = Math.Sqrt(diff2) / Math.Max(1e-12, Math.Sqrt(ref2));
        Assert.True(failures == 0 && (ref2 == 0 || rel < 2e-3), $"{name}: {failures} elements out of tolerance, relative L2 error {rel:G3}. First: {worst}");
    }
}
