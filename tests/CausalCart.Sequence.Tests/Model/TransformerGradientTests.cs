using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Model;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Tests.Model;

/// <summary>The whole network's gradients against central finite differences of its loss.</summary>
public sealed class TransformerGradientTests
{
    internal static readonly ModelShape Shape = new(Items: 23, Actions: 7, GapBuckets: 6, MaxLength: 6, Channels: 8, Layers: 2, Heads: 2);

    internal static PackedBatch SmallBatch(ModelShape shape)
    {
        var batch = new PackedBatch(64, 8);
        var rng = new Rng(5);
        foreach (var len in new[] { 2, 5, 6, 1 })
        {
            var start = batch.Append(len, shape.Heads);
            for (var i = start; i < start + len; i++)
            {
                batch.Items[i] = rng.NextInt(shape.Items);
                batch.Actions[i] = rng.NextInt(shape.Actions);
                batch.Gaps[i] = rng.NextInt(shape.GapBuckets);
                batch.TargetItems[i] = i % 4 == 3 ? -1 : rng.NextInt(shape.Items);
                batch.TargetActions[i] = i % 5 == 4 ? -1 : rng.NextInt(shape.Actions);
                batch.PurchaseLabels[i] = rng.NextInt(2);
                batch.PurchaseMask[i] = i % 3 == 2 ? 0 : 1;
            }
        }

        return batch;
    }

    [Theory]
    [InlineData(false, 0f)]
    [InlineData(true, 0f)]
    [InlineData(false, 0.25f)]
    public void Every_parameter_gradient_matches_finite_differences(bool sampled, float dropout)
    {
        var parameters = Weights.DeclareLayout(Shape);
        parameters.Allocate();
        Initializer.Initialize(parameters, Shape, seed: 3, std: 0.4f);
        var gradients = parameters.CloneLayout();
        var net = new Transformer(Shape, parameters, gradients, 64, 8, 5, Compute.Serial);
        var batch = SmallBatch(Shape);
        var settings = sampled
            ? new LossSettings([4, 9, 9, 17, 0], Enumerable.Range(0, Shape.Items).Select(i => MathF.Log(5f / Shape.Items)).ToArray(), 0.5f, 0.7f)
            : new LossSettings(null, null, 0.5f, 0.7f);

        double Loss()
        {
            net.Forward(batch, dropout, 11, 2);
            return net.Loss(batch, settings, computeGradients: false).Total;
        }

        net.Forward(batch, dropout, 11, 2);
        net.Loss(batch, settings, computeGradients: true);
        net.Backward(batch);
        foreach (var t in parameters.Tensors)
        {
            var grad = gradients[t.Name].Span.ToArray();
            GradCheck.Check(t.Name, parameters[t.Name], grad, Loss, maxChecks: 15);
        }
    }
}
