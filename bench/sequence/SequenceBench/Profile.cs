using System.Diagnostics;
using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Model;

namespace SequenceBench;

/// <summary>Times the phases of one training step on the ANCHORS configuration (internal API).</summary>
internal static class Profile
{
    public static void Run(int items, int threads, int negatives, int steps)
    {
        var shape = new ModelShape(items, 7, 32, 50, 64, 2, 2);
        var p = Weights.DeclareLayout(shape);
        p.Allocate();
        Initializer.Initialize(p, shape, 1);
        var g = p.CloneLayout();
        var compute = new Compute(threads);
        var net = new Transformer(shape, p, g, 128 * 50, 128, Math.Max(1, negatives), compute);
        var adam = new AdamW(p, compute);
        var batch = new PackedBatch(128 * 50, 128);
        var rng = new Rng(3);
        for (var s = 0; s < 128; s++)
        {
            var start = batch.Append(50, 2);
            for (var t = start; t < start + 50; t++)
            {
                batch.Items[t] = rng.NextInt(items);
                batch.TargetItems[t] = rng.NextInt(items);
                batch.TargetActions[t] = -1;
            }
        }

        var logQ = Enumerable.Repeat(MathF.Log(negatives / (float)items), items).ToArray();
        var negs = Enumerable.Range(0, Math.Max(1, negatives)).Select(i => (i * 7919) % items).ToArray();
        var settings = negatives > 0 ? new LossSettings(negs, logQ, 0, 0) : new LossSettings(null, null, 0, 0);
        var names = new[] { "clear", "forward", "loss", "backward", "clip", "adam" };
        var times = new double[names.Length];
        for (var step = 0; step < steps; step++)
        {
            var sw = Stopwatch.StartNew();
            var lap = new double[names.Length];
            Array.Clear(g.Data);
            lap[0] = sw.Elapsed.TotalMilliseconds;
            net.Forward(batch, 0.2f, 1, step);
            lap[1] = sw.Elapsed.TotalMilliseconds;
            net.Loss(batch, settings, true);
            lap[2] = sw.Elapsed.TotalMilliseconds;
            net.Backward(batch);
            lap[3] = sw.Elapsed.TotalMilliseconds;
            GradientNorm.Clip(g, 1f);
            lap[4] = sw.Elapsed.TotalMilliseconds;
            adam.Update(g, 1e-3f, 0f);
            lap[5] = sw.Elapsed.TotalMilliseconds;
            if (step > 0)
            {
                for (var i = 0; i < names.Length; i++)
                {
                    times[i] += lap[i] - (i == 0 ? 0 : lap[i - 1]);
                }
            }
        }

        var total = times.Sum() / (steps - 1);
        Console.WriteLine(string.Join("  ", names.Select((n, i) => $"{n} {times[i] / (steps - 1):F1} ms")) + $"  total {total:F1} ms = {6400 / total * 1000:F0} tokens/s");
    }
}

/// <summary>Times single kernels at the ANCHORS sizes.</summary>
internal static class KernelProfile
{
    public static void Run(int threads)
    {
        var compute = new Compute(threads);
        const int N = 6400, C = 64;
        CausalCart.Sequence.Tensors.Slice S(int n) => new(new float[n], 0, n);
        var x = S(N * 4 * C);
        var w = S(4 * C * C);
        var b = S(4 * C);
        var y = S(N * 4 * C);
        var scratch = S(N * 4 * C);
        var mask = S(N * C);
        var mean = S(N);
        var rstd = S(N);
        var offsets = Enumerable.Range(0, 129).Select(i => i * 50).ToArray();
        var attOffsets = CausalCart.Sequence.Layers.CausalSelfAttention.AttentionOffsets(offsets, 128, 2);
        var att = S(attOffsets[^1]);
        new Rng(1).NextFloat();
        void T(string name, Action a, double flops = 0)
        {
            a();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 5; i++)
            {
                a();
            }

            var ms = sw.Elapsed.TotalMilliseconds / 5;
            Console.WriteLine($"{name,-28} {ms,8:F2} ms" + (flops > 0 ? $"  {flops / ms / 1e6:F1} GFLOP/s" : string.Empty));
        }

        T("linear fwd 64->256", () => CausalCart.Sequence.Layers.Linear.Forward(compute, y, x, w, b, scratch, N, C, 4 * C), 2.0 * N * C * 4 * C);
        T("linear fwd 256->64", () => CausalCart.Sequence.Layers.Linear.Forward(compute, y, x, w, b.Sub(0, C), scratch, N, 4 * C, C), 2.0 * N * C * 4 * C);
        T("linear bwd 64->256", () => CausalCart.Sequence.Layers.Linear.Backward(compute, x, w, b, y, x, w, scratch, N, C, 4 * C), 4.0 * N * C * 4 * C);
        T("matmul NN 6400x64x256", () => MatMul.Multiply(compute, x, w, y, N, C, 4 * C, false), 2.0 * N * C * 4 * C);
        T("matmul 256x6400x64", () => MatMul.Multiply(compute, x, y, w, 4 * C, N, C, false), 2.0 * N * C * 4 * C);
        T("transpose 6400x256", () => MatMul.Transpose(compute, x, y, N, 4 * C));
        T("attention fwd", () => CausalCart.Sequence.Layers.CausalSelfAttention.Forward(compute, y, att, x, offsets, attOffsets, 128, C, 2));
        T("attention bwd", () => CausalCart.Sequence.Layers.CausalSelfAttention.Backward(compute, scratch, y, x, att, offsets, attOffsets, 128, C, 2));
        T("layernorm fwd", () => CausalCart.Sequence.Layers.LayerNorm.Forward(compute, y, mean, rstd, x, w, b, N, C));
        T("layernorm bwd", () => CausalCart.Sequence.Layers.LayerNorm.Backward(scratch, w, b, y, x, w, mean, rstd, N, C));
        T("gelu fwd", () => CausalCart.Sequence.Layers.Gelu.Forward(compute, y, x, N * 4 * C));
        T("gelu bwd", () => CausalCart.Sequence.Layers.Gelu.Backward(compute, y, x, scratch, N * 4 * C));
        T("dropout fwd", () => CausalCart.Sequence.Layers.Dropout.Forward(compute, y, mask, x, 0.2f, 1, 1, N, C));
    }
}
