using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Layers;

/// <summary>
/// Layer normalisation over the channel axis (Ba, Kiros and Hinton 2016), ε = 1e-5 as in PyTorch:
/// out = (x − μ) / √(σ² + ε) · w + b, with the biased variance.
/// </summary>
internal static class LayerNorm
{
    /// <summary>The ε added to the variance.</summary>
    public const float Epsilon = 1e-5f;

    /// <summary>
    /// out (N, C) = layernorm(inp (N, C)); saves mean (N) and rstd (N) for the backward pass.
    /// </summary>
    public static void Forward(Compute compute, Slice output, Slice mean, Slice rstd, Slice input, Slice weight, Slice bias, int n, int c)
    {
        compute.For(n, (t0, t1) =>
        {
            var inp = input.Span;
            var outp = output.Span;
            var w = weight.Span;
            var b = bias.Span;
            for (var t = t0; t < t1; t++)
            {
                var x = inp.Slice(t * c, c);
                var y = outp.Slice(t * c, c);
                var m = 0f;
                for (var i = 0; i < c; i++)
                {
                    m += x[i];
                }

                m /= c;
                var v = 0f;
                for (var i = 0; i < c; i++)
                {
                    var d = x[i] - m;
                    v += d * d;
                }

                v /= c;
                var s = 1f / MathF.Sqrt(v + Epsilon);
                for (var i = 0; i < c; i++)
                {
                    y[i] = ((x[i] - m) * s * w[i]) + b[i];
                }

                mean.Span[t] = m;
                rstd.Span[t] = s;
            }
        }, minPerRange: 256);
    }

    /// <summary>
    /// dinp (N, C) += ∂L/∂inp; dweight (C) += Σ dout·x̂; dbias (C) += Σ dout. Serial over tokens
    /// because the parameter gradients are shared by all of them.
    /// </summary>
    public static void Backward(Slice dinput, Slice dweight, Slice dbias, Slice doutput, Slice input, Slice weight, Slice mean, Slice rstd, int n, int c)
    {
        var dinp = dinput.Span;
        var dw = dweight.Span;
        var db = dbias.Span;
        var dout = doutput.Span;
        var inp = input.Span;
        var w = weight.Span;
        for (var t = 0; t < n; t++)
        {
            var x = inp.Slice(t * c, c);
            var dy = dout.Slice(t * c, c);
            var dx = dinp.Slice(t * c, c);
            var m = mean.Span[t];
            var s = rstd.Span[t];
            var dnormMean = 0f;
            var dnormNormMean = 0f;
            for (var i = 0; i < c; i++)
            {
                var norm = (x[i] - m) * s;
                var dnorm = w[i] * dy[i];
                dnormMean += dnorm;
                dnormNormMean += dnorm * norm;
            }

            dnormMean /= c;
            dnormNormMean /= c;
            for (var i = 0; i < c; i++)
            {
                var norm = (x[i] - m) * s;
                var dnorm = w[i] * dy[i];
                db[i] += dy[i];
                dw[i] += norm * dy[i];
                dx[i] += (dnorm - dnormMean - (norm * dnormNormMean)) * s;
            }
        }
    }
}
