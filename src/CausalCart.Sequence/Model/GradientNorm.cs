using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Model;

/// <summary>Global gradient norm and clipping, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
internal static class GradientNorm
{
    /// <summary>‖g‖₂ over the whole arena, accumulated in double.</summary>
    public static double Compute(Arena gradients)
    {
        double sum = 0;
        foreach (var x in gradients.Data)
        {
            sum += (double)x * x;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Scales every gradient by max_norm / (‖g‖ + 1e-6) when that is below 1; returns ‖g‖ before clipping.</summary>
    public static double Clip(Arena gradients, float maxNorm)
    {
        var norm = Compute(gradients);
        if (maxNorm > 0 && double.IsFinite(norm))
        {
            var coef = maxNorm / (norm + 1e-6);
            if (coef < 1)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(gradients.Data, (float)coef, gradients.Data);
            }
        }

        return norm;
    }

    /// <summary>Name and index of the first non-finite value in an arena, or null when all are finite.</summary>
    public static (string Tensor, int Index)? FindNonFinite(Arena arena)
    {
        var data = arena.Data;
        foreach (var t in arena.Tensors)
        {
            for (var i = 0; i < t.Length; i++)
            {
                if (!float.IsFinite(data[t.Offset + i]))
                {
                    return (t.Name, i);
                }
            }
        }

        return null;
    }
}
