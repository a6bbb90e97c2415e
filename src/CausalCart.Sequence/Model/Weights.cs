using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Model;

/// <summary>
/// Named slices of one parameter-shaped arena (parameters, gradients or an Adam moment all share the
/// layout). Names follow the PyTorch reference module in <c>bench/sequence/reference_model.py</c>.
/// </summary>
internal sealed class Weights
{
    private Weights(Arena arena, ModelShape shape)
    {
        Arena = arena;
        ItemEmbedding = arena["item_embedding"];
        ActionEmbedding = arena["action_embedding"];
        GapEmbedding = arena["gap_embedding"];
        PositionEmbedding = arena["position_embedding"];
        Blocks = new BlockWeights[shape.Layers];
        for (var l = 0; l < shape.Layers; l++)
        {
            var p = $"blocks.{l}.";
            Blocks[l] = new BlockWeights(
                arena[p + "ln1.weight"], arena[p + "ln1.bias"],
                arena[p + "attn.qkv.weight"], arena[p + "attn.qkv.bias"],
                arena[p + "attn.proj.weight"], arena[p + "attn.proj.bias"],
                arena[p + "ln2.weight"], arena[p + "ln2.bias"],
                arena[p + "mlp.fc.weight"], arena[p + "mlp.fc.bias"],
                arena[p + "mlp.proj.weight"], arena[p + "mlp.proj.bias"]);
        }

        FinalNormWeight = arena["ln_f.weight"];
        FinalNormBias = arena["ln_f.bias"];
        ActionHeadWeight = arena["action_head.weight"];
        ActionHeadBias = arena["action_head.bias"];
        PurchaseHeadWeight = arena["purchase_head.weight"];
        PurchaseHeadBias = arena["purchase_head.bias"];
    }

    /// <summary>The arena these slices point into.</summary>
    public Arena Arena { get; }

    /// <summary>(V, C), tied with the next-item output layer.</summary>
    public Slice ItemEmbedding { get; }

    /// <summary>(A, C).</summary>
    public Slice ActionEmbedding { get; }

    /// <summary>(G, C).</summary>
    public Slice GapEmbedding { get; }

    /// <summary>(T, C).</summary>
    public Slice PositionEmbedding { get; }

    /// <summary>Per-block weights.</summary>
    public BlockWeights[] Blocks { get; }

    /// <summary>(C).</summary>
    public Slice FinalNormWeight { get; }

    /// <summary>(C).</summary>
    public Slice FinalNormBias { get; }

    /// <summary>(A, C).</summary>
    public Slice ActionHeadWeight { get; }

    /// <summary>(A).</summary>
    public Slice ActionHeadBias { get; }

    /// <summary>(1, C).</summary>
    public Slice PurchaseHeadWeight { get; }

    /// <summary>(1).</summary>
    public Slice PurchaseHeadBias { get; }

    /// <summary>Declares the parameter layout for a shape (in a fixed order that is part of the checkpoint format).</summary>
    public static Arena DeclareLayout(ModelShape s)
    {
        var a = new Arena();
        var c = s.Channels;
        a.Declare("item_embedding", s.Items, c);
        a.Declare("action_embedding", s.Actions, c);
        a.Declare("gap_embedding", s.GapBuckets, c);
        a.Declare("position_embedding", s.MaxLength, c);
        for (var l = 0; l < s.Layers; l++)
        {
            var p = $"blocks.{l}.";
            a.Declare(p + "ln1.weight", c);
            a.Declare(p + "ln1.bias", c);
            a.Declare(p + "attn.qkv.weight", 3 * c, c);
            a.Declare(p + "attn.qkv.bias", 3 * c);
            a.Declare(p + "attn.proj.weight", c, c);
            a.Declare(p + "attn.proj.bias", c);
            a.Declare(p + "ln2.weight", c);
            a.Declare(p + "ln2.bias", c);
            a.Declare(p + "mlp.fc.weight", s.Hidden, c);
            a.Declare(p + "mlp.fc.bias", s.Hidden);
            a.Declare(p + "mlp.proj.weight", c, s.Hidden);
            a.Declare(p + "mlp.proj.bias", c);
        }

        a.Declare("ln_f.weight", c);
        a.Declare("ln_f.bias", c);
        a.Declare("action_head.weight", s.Actions, c);
        a.Declare("action_head.bias", s.Actions);
        a.Declare("purchase_head.weight", 1, c);
        a.Declare("purchase_head.bias", 1);
        return a;
    }

    /// <summary>Resolves the slices of an allocated arena.</summary>
    public static Weights Bind(Arena arena, ModelShape shape) => new(arena, shape);

    /// <summary>Whether AdamW's decoupled weight decay applies to a tensor (matrices and embeddings, not norms or biases).</summary>
    public static bool Decays(TensorInfo tensor) => tensor.Shape.Length == 2;
}

/// <summary>Slices of one Transformer block.</summary>
internal sealed record BlockWeights(
    Slice Ln1Weight, Slice Ln1Bias,
    Slice QkvWeight, Slice QkvBias,
    Slice ProjWeight, Slice ProjBias,
    Slice Ln2Weight, Slice Ln2Bias,
    Slice FcWeight, Slice FcBias,
    Slice FcProjWeight, Slice FcProjBias);
