using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Layers;
using CausalCart.Sequence.Tensors;
using static CausalCart.Sequence.Tests.GradCheck;

namespace CausalCart.Sequence.Tests.Layers;

/// <summary>Every layer's backward pass against central finite differences of its forward pass.</summary>
public sealed class LayerGradientTests
{
    private static readonly Compute Two = new(2);

    [Fact]
    public void LayerNorm_backward_matches_finite_differences()
    {
        const int N = 5, C = 12;
        var x = Random(N * C, 1);
        var w = Random(C, 2);
        var b = Random(C, 3);
        var r = Random(N * C, 4);
        var y = Zeros(N * C);
        var mean = Zeros(N);
        var rstd = Zeros(N);
        double Loss()
        {
            LayerNorm.Forward(Two, y, mean, rstd, x, w, b, N, C);
            return Project(y.Span, r.Span);
        }

        Loss();
        var dx = Zeros(N * C);
        var dw = Zeros(C);
        var db = Zeros(C);
        LayerNorm.Backward(dx, dw, db, r, x, w, mean, rstd, N, C);
        Check("dx", x, dx.Span, Loss);
        Check("dweight", w, dw.Span, Loss);
        Check("dbias", b, db.Span, Loss);
    }

    [Theory]
    [InlineData(7, 16, 48)]
    [InlineData(13, 20, 9)]
    public void Linear_backward_matches_finite_differences(int n, int c, int oc)
    {
        var x = Random(n * c, 5);
        var w = Random(oc * c, 6, 0.3f);
        var b = Random(oc, 7);
        var r = Random(n * oc, 8);
        var y = Zeros(n * oc);
        var scratch = Zeros(Math.Max(n * oc, c * oc));
        double Loss()
        {
            Linear.Forward(Two, y, x, w, b, scratch, n, c, oc);
            return Project(y.Span, r.Span);
        }

        Loss();
        var dx = Zeros(n * c);
        var dw = Zeros(oc * c);
        var db = Zeros(oc);
        Linear.Backward(Two, dx, dw, db, r, x, w, scratch, n, c, oc);
        Check("dx", x, dx.Span, Loss);
        Check("dweight", w, dw.Span, Loss);
        Check("dbias", b, db.Span, Loss);
    }

    [Fact]
    public void Gelu_backward_matches_finite_differences()
    {
        const int L = 300;
        var x = Random(L, 9, 2f);
        var r = Random(L, 10);
        var y = Zeros(L);
        double Loss()
        {
            Gelu.Forward(Two, y, x, L);
            return Project(y.Span, r.Span);
        }

        Loss();
        var dx = Zeros(L);
        Gelu.Backward(Two, dx, x, r, L);
        Check("dx", x, dx.Span, Loss);
    }

    [Fact]
    public void Dropout_backward_matches_finite_differences_and_keeps_the_expected_share()
    {
        const int N = 40, C = 50;
        var x = Random(N * C, 11);
        var r = Random(N * C, 12);
        var y = Zeros(N * C);
        var mask = Zeros(N * C);
        double Loss()
        {
            Dropout.Forward(Two, y, mask, x, 0.3f, 99, 1, N, C);
            return Project(y.Span, r.Span);
        }

        Loss();
        var dx = Zeros(N * C);
        Dropout.Backward(Two, dx, mask, r, N * C);
        Check("dx", x, dx.Span, Loss);
        var kept = mask.Span.ToArray().Count(m => m != 0) / (double)(N * C);
        Assert.InRange(kept, 0.65, 0.75);
        Assert.All(mask.Span.ToArray(), m => Assert.True(m == 0 || Math.Abs(m - (1 / 0.7f)) < 1e-6));
    }

    [Fact]
    public void Attention_backward_matches_finite_differences_on_packed_sequences_of_different_lengths()
    {
        const int C = 8, H = 2;
        int[] offsets = [0, 1, 5, 12];
        var n = offsets[^1];
        var attOffsets = CausalSelfAttention.AttentionOffsets(offsets, 3, H);
        var qkv = Random(n * 3 * C, 13);
        var r = Random(n * C, 14);
        var y = Zeros(n * C);
        var att = Zeros(attOffsets[^1]);
        double Loss()
        {
            CausalSelfAttention.Forward(Two, y, att, qkv, offsets, attOffsets, 3, C, H);
            return Project(y.Span, r.Span);
        }

        Loss();
        var dqkv = Random(n * 3 * C, 15); // garbage: backward must overwrite
        CausalSelfAttention.Backward(Two, dqkv, r, qkv, att, offsets, attOffsets, 3, C, H);
        Check("dqkv", qkv, dqkv.Span, Loss);
    }

    [Fact]
    public void Attention_is_causal_and_sequences_do_not_see_each_other()
    {
        const int C = 4, H = 1;
        int[] offsets = [0, 3, 6];
        var attOffsets = CausalSelfAttention.AttentionOffsets(offsets, 2, H);
        var qkv = Random(6 * 3 * C, 16);
        var y1 = Zeros(6 * C);
        var att = Zeros(attOffsets[^1]);
        CausalSelfAttention.Forward(Compute.Serial, y1, att, qkv, offsets, attOffsets, 2, C, H);

        // Changing token 2 (last of sequence 0) and token 5 must not change tokens 0, 1, 3, 4.
        var changed = new Slice((float[])qkv.Array.Clone(), 0, qkv.Length);
        for (var i = 0; i < 3 * C; i++)
        {
            changed.Span[(2 * 3 * C) + i] += 1f;
            changed.Span[(5 * 3 * C) + i] -= 1f;
        }

        var y2 = Zeros(6 * C);
        CausalSelfAttention.Forward(Compute.Serial, y2, att, changed, offsets, attOffsets, 2, C, H);
        foreach (var t in new[] { 0, 1, 3, 4 })
        {
            Assert.Equal(y1.Span.Slice(t * C, C).ToArray(), y2.Span.Slice(t * C, C).ToArray());
        }

        Assert.NotEqual(y1.Span.Slice(2 * C, C).ToArray(), y2.Span.Slice(2 * C, C).ToArray());
    }

    [Fact]
    public void Embedding_backward_matches_finite_differences_with_repeated_rows()
    {
        const int C = 6, N = 9;
        int[] items = [0, 3, 3, 1, 0, 4, 3, 2, 1];
        int[] actions = [0, 1, 1, 0, 2, 2, 1, 0, 0];
        int[] gaps = [0, 1, 2, 3, 3, 1, 0, 0, 2];
        int[] positions = [3, 2, 1, 0, 4, 3, 2, 1, 0];
        var itemT = Random(5 * C, 17);
        var actT = Random(3 * C, 18);
        var gapT = Random(4 * C, 19);
        var posT = Random(5 * C, 20);
        var r = Random(N * C, 21);
        var y = Zeros(N * C);
        double Loss()
        {
            Embedding.Forward(Two, y, items, actions, gaps, positions, itemT, actT, gapT, posT, N, C);
            return Project(y.Span, r.Span);
        }

        Loss();
        var dItem = Zeros(5 * C);
        var dAct = Zeros(3 * C);
        var dGap = Zeros(4 * C);
        var dPos = Zeros(5 * C);
        Embedding.Backward(dItem, dAct, dGap, dPos, r, items, actions, gaps, positions, N, C);
        Check("dItem", itemT, dItem.Span, Loss);
        Check("dAction", actT, dAct.Span, Loss);
        Check("dGap", gapT, dGap.Span, Loss);
        Check("dPosition", posT, dPos.Span, Loss);
    }

    [Fact]
    public void Full_softmax_head_matches_finite_differences_across_chunks_and_ignored_tokens()
    {
        const int N = 9, C = 8, V = 37;
        var h = Random(N * C, 22);
        var table = Random(V * C, 23, 0.5f);
        int[] targets = [3, 0, 36, -1, 5, 5, 20, -1, 1];
        var tableT = Zeros(C * V);
        var logits = Zeros(4 * V); // forces chunks of 4 rows
        var dh = Zeros(N * C);
        var dTable = Zeros(V * C);
        double Loss() => FullSoftmaxHead.ForwardBackward(Two, h, table, targets, 1f / 7, dh, Zeros(V * C), tableT, logits, N, C, V, computeGradients: false);
        FullSoftmaxHead.ForwardBackward(Two, h, table, targets, 1f / 7, dh, dTable, tableT, logits, N, C, V, computeGradients: true);
        var dhCopy = dh.Span.ToArray();
        Check("dh", h, dhCopy, Loss);
        Check("dTable", table, dTable.Span, Loss);
    }

    [Fact]
    public void Sampled_softmax_head_matches_finite_differences_with_an_accidental_hit()
    {
        const int N = 6, C = 8, V = 30;
        var h = Random(N * C, 24);
        var table = Random(V * C, 25, 0.5f);
        int[] targets = [3, 7, -1, 12, 3, 29];
        int[] negatives = [7, 1, 20, 3, 3, 28, 0];
        var logQ = new float[V];
        for (var i = 0; i < V; i++)
        {
            logQ[i] = MathF.Log(7f * (i + 1) / (V * (V + 1) / 2f));
        }

        var s = negatives.Length;
        Slice Z(int n) => Zeros(n);
        var dh = Zeros(N * C);
        var dTable = Zeros(V * C);
        double Loss() => SampledSoftmaxHead.ForwardBackward(Two, h, table, targets, negatives, logQ, 0.2f, Z(N * C), Z(V * C), Z(s * C), Z(s * C), Z(s * C), Z(N * s), N, C, computeGradients: false);
        SampledSoftmaxHead.ForwardBackward(Two, h, table, targets, negatives, logQ, 0.2f, dh, dTable, Z(s * C), Z(s * C), Z(s * C), Z(N * s), N, C, computeGradients: true);
        var dhCopy = dh.Span.ToArray();
        Check("dh", h, dhCopy, Loss);
        Check("dTable", table, dTable.Span, Loss);
    }

    [Fact]
    public void Classifier_heads_match_finite_differences()
    {
        const int N = 7, K = 5;
        var logits = Random(N * K, 26, 3f);
        int[] targets = [0, 4, -1, 2, 2, 1, 3];
        var d = Zeros(N * K);
        double Loss() => ClassifierHeads.SoftmaxCrossEntropy(logits.Span, targets, 0.3f, new float[N * K], N, K);
        ClassifierHeads.SoftmaxCrossEntropy(logits.Span, targets, 0.3f, d.Span, N, K);
        Check("dlogits", logits, d.Span, Loss);

        var z = Random(N, 27, 4f);
        float[] labels = [1, 0, 1, 1, 0, 0, 1];
        float[] mask = [1, 1, 0, 1, 1, 1, 1];
        var dz = Zeros(N);
        double LossB() => ClassifierHeads.SigmoidBinaryCrossEntropy(z.Span, labels, mask, 0.5f, new float[N], N);
        ClassifierHeads.SigmoidBinaryCrossEntropy(z.Span, labels, mask, 0.5f, dz.Span, N);
        Check("dz", z, dz.Span, LossB);
    }
}

public sealed class GeluReferenceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(513)]
    [InlineData(1500)]
    public void Vectorised_gelu_matches_the_scalar_reference_for_every_length(int length)
    {
        var x = GradCheck.Random(length, (ulong)length + 1, 3f);
        var y = GradCheck.Zeros(length);
        Gelu.Forward(new Compute(2), y, x, length);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(Gelu.Reference(x.Span[i]), y.Span[i], 1e-5f);
        }
    }
}
