using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Layers;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Model;

/// <summary>
/// The causal Transformer: embeddings → L pre-LN blocks → final LN → heads. Holds the activation and
/// scratch arenas for up to a fixed number of tokens; parameters and gradients are arenas owned by
/// the caller (so an inference instance and a training instance can share parameters).
/// </summary>
/// <remarks>
/// Block l, for packed tokens x (N, C):
/// r2 = x + drop(proj(attn(ln1(x)))); x' = r2 + drop(fcproj(gelu(fc(ln2(r2))))).
/// Forward keeps every activation that backward needs; backward walks the same list in reverse with
/// one residual-gradient buffer, so no activation-gradient arena needs clearing between steps.
/// </remarks>
internal sealed class Transformer
{
    private const int LogitBudget = 8 * 1024 * 1024;

    private readonly Compute _compute;
    private readonly int _maxTokens;
    private readonly int _maxSequences;

    // Activations; N = tokens in the batch.
    private readonly Slice _encoded;      // (N, C) sum of embeddings
    private readonly Slice _x0;           // (N, C) after embedding dropout
    private readonly Slice _embedMask;    // (N, C)
    private readonly BlockActivations[] _blocks;
    private readonly Slice _lnf;          // (N, C) final layer norm output = h
    private readonly Slice _lnfMean;      // (N)
    private readonly Slice _lnfRstd;      // (N)
    private readonly Slice _actionLogits; // (N, A)
    private readonly Slice _purchaseLogits; // (N, 1)

    // Gradients of activations (reused across blocks).
    private readonly Slice _dResidual;    // (N, C) ∂L/∂(residual stream)
    private readonly Slice _dC1;          // (N, C)
    private readonly Slice _dC2;          // (N, C)
    private readonly Slice _dQkv;         // (N, 3C)
    private readonly Slice _dH1;          // (N, 4C)
    private readonly Slice _dH2;          // (N, 4C)
    private readonly Slice _dLnf;         // (N, C)
    private readonly Slice _dActionLogits;   // (N, A)
    private readonly Slice _dPurchaseLogits; // (N, 1)

    // Scratch.
    private readonly Slice _linearScratch; // (4C·C) Wᵀ of the largest linear layer
    private readonly Slice _tableT;        // (C, V) item table transposed
    private readonly Slice _logits;        // (R, V) chunk of logits (or (N, S) sampled)
    private readonly Slice _negE;          // (S, C) gathered negatives
    private readonly Slice _negET;         // (C, S)
    private readonly Slice _dNegE;         // (S, C)

    /// <summary>Creates a network over existing parameter (and optionally gradient) arenas.</summary>
    public Transformer(ModelShape shape, Arena parameters, Arena? gradients, int maxTokens, int maxSequences, int maxNegatives, Compute compute)
    {
        Shape = shape;
        Parameters = Weights.Bind(parameters, shape);
        Gradients = gradients is null ? null : Weights.Bind(gradients, shape);
        _compute = compute;
        _maxTokens = maxTokens;
        _maxSequences = maxSequences;
        var n = maxTokens;
        var c = shape.Channels;
        var attCapacity = shape.Heads * maxTokens * Math.Min(maxTokens, shape.MaxLength);
        var a = new Arena();
        a.Declare("encoded", n, c);
        a.Declare("x0", n, c);
        a.Declare("embed_mask", n, c);
        for (var l = 0; l < shape.Layers; l++)
        {
            var p = $"blocks.{l}.";
            a.Declare(p + "ln1", n, c);
            a.Declare(p + "ln1_mean", n);
            a.Declare(p + "ln1_rstd", n);
            a.Declare(p + "qkv", n, 3 * c);
            a.Declare(p + "att", attCapacity);
            a.Declare(p + "atty", n, c);
            a.Declare(p + "attproj", n, c);
            a.Declare(p + "attproj_mask", n, c);
            a.Declare(p + "residual2", n, c);
            a.Declare(p + "ln2", n, c);
            a.Declare(p + "ln2_mean", n);
            a.Declare(p + "ln2_rstd", n);
            a.Declare(p + "fch", n, shape.Hidden);
            a.Declare(p + "fch_gelu", n, shape.Hidden);
            a.Declare(p + "fcproj", n, c);
            a.Declare(p + "fcproj_mask", n, c);
            a.Declare(p + "residual3", n, c);
        }

        a.Declare("lnf", n, c);
        a.Declare("lnf_mean", n);
        a.Declare("lnf_rstd", n);
        a.Declare("action_logits", n, shape.Actions);
        a.Declare("purchase_logits", n, 1);
        a.Allocate();
        Activations = a;
        _encoded = a["encoded"];
        _x0 = a["x0"];
        _embedMask = a["embed_mask"];
        _blocks = new BlockActivations[shape.Layers];
        for (var l = 0; l < shape.Layers; l++)
        {
            var p = $"blocks.{l}.";
            _blocks[l] = new BlockActivations(
                a[p + "ln1"], a[p + "ln1_mean"], a[p + "ln1_rstd"], a[p + "qkv"], a[p + "att"], a[p + "atty"],
                a[p + "attproj"], a[p + "attproj_mask"], a[p + "residual2"], a[p + "ln2"], a[p + "ln2_mean"], a[p + "ln2_rstd"],
                a[p + "fch"], a[p + "fch_gelu"], a[p + "fcproj"], a[p + "fcproj_mask"], a[p + "residual3"]);
        }

        _lnf = a["lnf"];
        _lnfMean = a["lnf_mean"];
        _lnfRstd = a["lnf_rstd"];
        _actionLogits = a["action_logits"];
        _purchaseLogits = a["purchase_logits"];

        var g = new Arena();
        g.Declare("d_residual", n, c);
        g.Declare("d_c1", n, c);
        g.Declare("d_c2", n, c);
        g.Declare("d_qkv", n, 3 * c);
        g.Declare("d_h1", n, shape.Hidden);
        g.Declare("d_h2", n, shape.Hidden);
        g.Declare("d_lnf", n, c);
        g.Declare("d_action_logits", n, shape.Actions);
        g.Declare("d_purchase_logits", n, 1);
        var rows = Math.Max(1, Math.Min(n, Math.Max(64, LogitBudget / shape.Items)));
        var logitFloats = Math.Max(rows * shape.Items, n * maxNegatives);
        g.Declare("linear_scratch", Math.Max(shape.Hidden, shape.Actions) * c);
        g.Declare("table_t", c, shape.Items);
        g.Declare("logits", logitFloats);
        g.Declare("neg_e", Math.Max(1, maxNegatives), c);
        g.Declare("neg_e_t", c, Math.Max(1, maxNegatives));
        g.Declare("d_neg_e", Math.Max(1, maxNegatives), c);
        g.Allocate();
        ActivationGradients = g;
        _dResidual = g["d_residual"];
        _dC1 = g["d_c1"];
        _dC2 = g["d_c2"];
        _dQkv = g["d_qkv"];
        _dH1 = g["d_h1"];
        _dH2 = g["d_h2"];
        _dLnf = g["d_lnf"];
        _dActionLogits = g["d_action_logits"];
        _dPurchaseLogits = g["d_purchase_logits"];
        _linearScratch = g["linear_scratch"];
        _tableT = g["table_t"];
        _logits = g["logits"];
        _negE = g["neg_e"];
        _negET = g["neg_e_t"];
        _dNegE = g["d_neg_e"];
    }

    /// <summary>Dimensions.</summary>
    public ModelShape Shape { get; }

    /// <summary>Parameter slices.</summary>
    public Weights Parameters { get; }

    /// <summary>Gradient slices (null for an inference-only network).</summary>
    public Weights? Gradients { get; }

    /// <summary>The activation arena (named, for NaN reports).</summary>
    public Arena Activations { get; }

    /// <summary>Activation gradients and scratch (named, for NaN reports).</summary>
    public Arena ActivationGradients { get; }

    /// <summary>(N, C) output of the final layer norm, the representation every head reads.</summary>
    public Slice Hidden => _lnf;

    /// <summary>(N, A) next-action logits after <see cref="Forward"/>.</summary>
    public Slice ActionLogits => _actionLogits;

    /// <summary>(N, 1) purchase logits after <see cref="Forward"/>.</summary>
    public Slice PurchaseLogits => _purchaseLogits;

    /// <summary>Largest batch this instance can hold.</summary>
    public int MaxTokens => _maxTokens;

    /// <summary>Largest number of sequences per batch.</summary>
    public int MaxSequences => _maxSequences;

    /// <summary>
    /// Runs the encoder and the small heads. <paramref name="dropout"/> is the drop probability (0 at
    /// evaluation); masks are keyed by (<paramref name="seed"/>, <paramref name="step"/>).
    /// </summary>
    public void Forward(PackedBatch batch, float dropout, ulong seed, long step)
    {
        var n = batch.Tokens;
        if (n > _maxTokens || batch.Sequences > _maxSequences)
        {
            throw new InvalidOperationException($"Batch of {n} tokens / {batch.Sequences} sequences exceeds capacity {_maxTokens} / {_maxSequences}.");
        }

        var s = Shape;
        var c = s.Channels;
        var w = Parameters;
        var site = (ulong)step * 64;
        Embedding.Forward(_compute, _encoded, batch.Items, batch.Actions, batch.Gaps, batch.Positions, w.ItemEmbedding, w.ActionEmbedding, w.GapEmbedding, w.PositionEmbedding, n, c);
        Layers.Dropout.Forward(_compute, _x0, _embedMask, _encoded, dropout, seed, site, n, c);
        var x = _x0;
        for (var l = 0; l < s.Layers; l++)
        {
            var b = w.Blocks[l];
            var act = _blocks[l];
            LayerNorm.Forward(_compute, act.Ln1, act.Ln1Mean, act.Ln1Rstd, x, b.Ln1Weight, b.Ln1Bias, n, c);
            Linear.Forward(_compute, act.Qkv, act.Ln1, b.QkvWeight, b.QkvBias, _linearScratch, n, c, 3 * c);
            CausalSelfAttention.Forward(_compute, act.AttY, act.Att, act.Qkv, batch.Offsets, batch.AttentionOffsets, batch.Sequences, c, s.Heads);
            Linear.Forward(_compute, act.AttProj, act.AttY, b.ProjWeight, b.ProjBias, _linearScratch, n, c, c);
            Layers.Dropout.Forward(_compute, act.Residual2, act.AttProjMask, act.AttProj, dropout, seed, site + 1 + (ulong)(2 * l), n, c);
            AddInPlace(act.Residual2, x, n * c);
            LayerNorm.Forward(_compute, act.Ln2, act.Ln2Mean, act.Ln2Rstd, act.Residual2, b.Ln2Weight, b.Ln2Bias, n, c);
            Linear.Forward(_compute, act.Fch, act.Ln2, b.FcWeight, b.FcBias, _linearScratch, n, c, s.Hidden);
            Gelu.Forward(_compute, act.FchGelu, act.Fch, n * s.Hidden);
            Linear.Forward(_compute, act.FcProj, act.FchGelu, b.FcProjWeight, b.FcProjBias, _linearScratch, n, s.Hidden, c);
            Layers.Dropout.Forward(_compute, act.Residual3, act.FcProjMask, act.FcProj, dropout, seed, site + 2 + (ulong)(2 * l), n, c);
            AddInPlace(act.Residual3, act.Residual2, n * c);
            x = act.Residual3;
        }

        LayerNorm.Forward(_compute, _lnf, _lnfMean, _lnfRstd, x, w.FinalNormWeight, w.FinalNormBias, n, c);
        Linear.Forward(_compute, _actionLogits, _lnf, w.ActionHeadWeight, w.ActionHeadBias, _linearScratch, n, c, s.Actions);
        Linear.Forward(_compute, _purchaseLogits, _lnf, w.PurchaseHeadWeight, w.PurchaseHeadBias, _linearScratch, n, c, 1);
    }

    /// <summary>
    /// Computes the loss of the batch after <see cref="Forward"/>; with <paramref name="computeGradients"/>
    /// also ∂L/∂h and the gradients of the item table (tied output) and of the two small heads.
    /// </summary>
    public LossBreakdown Loss(PackedBatch batch, LossSettings settings, bool computeGradients)
    {
        var n = batch.Tokens;
        var c = Shape.Channels;
        var (itemCount, actionCount, purchaseCount) = batch.LabelCounts();
        var grads = Gradients;
        if (computeGradients && grads is null)
        {
            throw new InvalidOperationException("This network has no gradient arena.");
        }

        var dTable = grads?.ItemEmbedding ?? default;
        var itemWeight = itemCount > 0 ? 1f / itemCount : 0f;
        double itemLoss;
        if (settings.SampledNegatives is { } negatives)
        {
            itemLoss = SampledSoftmaxHead.ForwardBackward(_compute, _lnf.Sub(0, n * c), Parameters.ItemEmbedding, batch.TargetItems, negatives, settings.LogQ!, itemWeight, _dLnf, dTable, _negE, _negET, _dNegE, _logits, n, c, computeGradients);
        }
        else
        {
            itemLoss = FullSoftmaxHead.ForwardBackward(_compute, _lnf, Parameters.ItemEmbedding, batch.TargetItems, itemWeight, _dLnf, dTable, _tableT, _logits, n, c, Shape.Items, computeGradients);
        }

        var actionWeight = actionCount > 0 ? settings.ActionWeight / actionCount : 0f;
        var actionLoss = ClassifierHeads.SoftmaxCrossEntropy(_actionLogits.Span, batch.TargetActions, actionWeight, _dActionLogits.Span, n, Shape.Actions);
        var purchaseWeight = purchaseCount > 0 ? settings.PurchaseWeight / purchaseCount : 0f;
        var purchaseLoss = ClassifierHeads.SigmoidBinaryCrossEntropy(_purchaseLogits.Span, batch.PurchaseLabels, batch.PurchaseMask, purchaseWeight, _dPurchaseLogits.Span, n);
        if (computeGradients)
        {
            var gw = grads!;
            Linear.Backward(_compute, _dLnf, gw.ActionHeadWeight, gw.ActionHeadBias, _dActionLogits, _lnf, Parameters.ActionHeadWeight, _linearScratch, n, c, Shape.Actions, accumulateInput: true);
            Linear.Backward(_compute, _dLnf, gw.PurchaseHeadWeight, gw.PurchaseHeadBias, _dPurchaseLogits, _lnf, Parameters.PurchaseHeadWeight, _linearScratch, n, c, 1, accumulateInput: true);
        }

        // Report each part as a plain mean (undo the head weights for readability).
        var action = settings.ActionWeight > 0 && actionCount > 0 ? actionLoss / settings.ActionWeight : 0;
        var purchase = settings.PurchaseWeight > 0 && purchaseCount > 0 ? purchaseLoss / settings.PurchaseWeight : 0;
        return new LossBreakdown(itemLoss + actionLoss + purchaseLoss, itemLoss, action, purchase);
    }

    /// <summary>Backpropagates from ∂L/∂h (left by <see cref="Loss"/>) into the parameter gradients.</summary>
    public void Backward(PackedBatch batch)
    {
        var grads = Gradients ?? throw new InvalidOperationException("This network has no gradient arena.");
        var n = batch.Tokens;
        var s = Shape;
        var c = s.Channels;
        var w = Parameters;
        var xLast = s.Layers > 0 ? _blocks[^1].Residual3 : _x0;
        _dResidual.Span[..(n * c)].Clear();
        LayerNorm.Backward(_dResidual, grads.FinalNormWeight, grads.FinalNormBias, _dLnf, xLast, w.FinalNormWeight, _lnfMean, _lnfRstd, n, c);
        for (var l = s.Layers - 1; l >= 0; l--)
        {
            var b = w.Blocks[l];
            var gb = grads.Blocks[l];
            var act = _blocks[l];
            var x = l == 0 ? _x0 : _blocks[l - 1].Residual3;

            // Feed-forward branch: _dResidual holds ∂L/∂residual3.
            Layers.Dropout.Backward(_compute, _dC1, act.FcProjMask, _dResidual, n * c);
            Linear.Backward(_compute, _dH1, gb.FcProjWeight, gb.FcProjBias, _dC1, act.FchGelu, b.FcProjWeight, _linearScratch, n, s.Hidden, c);
            Gelu.Backward(_compute, _dH2, act.Fch, _dH1, n * s.Hidden);
            Linear.Backward(_compute, _dC2, gb.FcWeight, gb.FcBias, _dH2, act.Ln2, b.FcWeight, _linearScratch, n, c, s.Hidden);
            LayerNorm.Backward(_dResidual, gb.Ln2Weight, gb.Ln2Bias, _dC2, act.Residual2, b.Ln2Weight, act.Ln2Mean, act.Ln2Rstd, n, c);

            // Attention branch: _dResidual now holds ∂L/∂residual2.
            Layers.Dropout.Backward(_compute, _dC1, act.AttProjMask, _dResidual, n * c);
            Linear.Backward(_compute, _dC2, gb.ProjWeight, gb.ProjBias, _dC1, act.AttY, b.ProjWeight, _linearScratch, n, c, c);
            CausalSelfAttention.Backward(_compute, _dQkv, _dC2, act.Qkv, act.Att, batch.Offsets, batch.AttentionOffsets, batch.Sequences, c, s.Heads);
            Linear.Backward(_compute, _dC1, gb.QkvWeight, gb.QkvBias, _dQkv, act.Ln1, b.QkvWeight, _linearScratch, n, c, 3 * c);
            LayerNorm.Backward(_dResidual, gb.Ln1Weight, gb.Ln1Bias, _dC1, x, b.Ln1Weight, act.Ln1Mean, act.Ln1Rstd, n, c);
        }

        // _dResidual holds ∂L/∂x0.
        Layers.Dropout.Backward(_compute, _dC1, _embedMask, _dResidual, n * c);
        Embedding.Backward(grads.ItemEmbedding, grads.ActionEmbedding, grads.GapEmbedding, grads.PositionEmbedding, _dC1, batch.Items, batch.Actions, batch.Gaps, batch.Positions, n, c);
    }

    /// <summary>
    /// scores (S, V) = h_last · Eᵀ: the next-item scores at the newest token of each sequence.
    /// <paramref name="lastHidden"/> (S, C) and <paramref name="scores"/> are caller-provided scratch.
    /// </summary>
    public void ScoreLastTokens(PackedBatch batch, Slice lastHidden, Slice scores, Slice tableT)
    {
        var c = Shape.Channels;
        for (var q = 0; q < batch.Sequences; q++)
        {
            _lnf.Span.Slice((batch.Offsets[q + 1] - 1) * c, c).CopyTo(lastHidden.Span.Slice(q * c, c));
        }

        MatMul.Multiply(_compute, lastHidden, tableT, scores, batch.Sequences, c, Shape.Items, accumulate: false);
    }

    private static void AddInPlace(Slice target, Slice addend, int length) =>
        System.Numerics.Tensors.TensorPrimitives.Add(target.Span[..length], addend.Span[..length], target.Span[..length]);
}

/// <summary>Activations of one block; shapes with N tokens.</summary>
internal sealed record BlockActivations(
    Slice Ln1,          // (N, C)
    Slice Ln1Mean,      // (N)
    Slice Ln1Rstd,      // (N)
    Slice Qkv,          // (N, 3C)
    Slice Att,          // (Σ NH·T_s²)
    Slice AttY,         // (N, C)
    Slice AttProj,      // (N, C)
    Slice AttProjMask,  // (N, C)
    Slice Residual2,    // (N, C)
    Slice Ln2,          // (N, C)
    Slice Ln2Mean,      // (N)
    Slice Ln2Rstd,      // (N)
    Slice Fch,          // (N, 4C)
    Slice FchGelu,      // (N, 4C)
    Slice FcProj,       // (N, C)
    Slice FcProjMask,   // (N, C)
    Slice Residual3);   // (N, C)
