using CausalCart.Core.Errors;
using CausalCart.Core.Events;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Evaluation;
using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Model;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence;

/// <summary>
/// A trained behaviour model: parameters, options and the item vocabulary they belong to. Produced by
/// <see cref="SequenceTrainer.Train"/> or <see cref="Load(string)"/>; never changed by use. Not thread-safe
/// (inference reuses one set of activation buffers); use one instance per thread.
/// </summary>
public sealed partial class SequenceModel
{
    private const int EvaluationBatch = 256;
    private Transformer? _inference;
    private Compute _compute = new(Environment.ProcessorCount);

    internal SequenceModel(SequenceModelOptions options, ModelShape shape, Arena parameters, long[] itemIds, bool actionHead, bool purchaseHead, IReadOnlyList<string>? itemKeys = null)
    {
        if (itemKeys is not null && itemKeys.Count != itemIds.Length)
        {
            throw new CausalCartException($"Item keys: {itemKeys.Count} keys given for a vocabulary of {itemIds.Length} items; give one key per item row.");
        }

        ItemKeys = itemKeys;
        Options = options;
        Shape = shape;
        Parameters = parameters;
        ItemIds = itemIds;
        VocabularyHash = SequenceDataset.HashIds(itemIds);
        ActionHead = actionHead;
        PurchaseHead = purchaseHead;
    }

    /// <summary>The model options it was trained with.</summary>
    public SequenceModelOptions Options { get; }

    /// <summary>Catalogue size V.</summary>
    public int ItemCount => ItemIds.Length;

    /// <summary>FNV-1a hash of the vocabulary; a dataset must have the same hash to be evaluated.</summary>
    public ulong VocabularyHash { get; }

    /// <summary>Whether the next-action head was trained.</summary>
    public bool ActionHead { get; }

    /// <summary>Whether the purchase head was trained.</summary>
    public bool PurchaseHead { get; }

    /// <summary>
    /// The external item ids of the vocabulary in row order (the order the vocabulary hash covers).
    /// </summary>
    public IReadOnlyList<long> Vocabulary => ItemIds;

    /// <summary>
    /// The source's own (string) id of each vocabulary row, parallel to <see cref="Vocabulary"/>, or null
    /// when the model was trained without them (see <see cref="WithItemKeys"/>). Saved in the checkpoint.
    /// </summary>
    public IReadOnlyList<string>? ItemKeys { get; }

    /// <summary>Number of parameters.</summary>
    public long ParameterCount => Parameters.Length;

    internal ModelShape Shape { get; }

    internal Arena Parameters { get; }

    internal long[] ItemIds { get; }

    /// <summary>
    /// The same model (sharing its parameters, which neither copy changes) labelled with the source's string id
    /// of each vocabulary row, so that predictions can be mapped back to the source's ids after a
    /// checkpoint round trip. Throws <see cref="CausalCartException"/> unless there is one key per row.
    /// </summary>
    public SequenceModel WithItemKeys(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new SequenceModel(Options, Shape, Parameters, ItemIds, ActionHead, PurchaseHead, [.. keys]);
    }

    /// <summary>Sets the number of kernel threads used by evaluation and prediction.</summary>
    public SequenceModel WithThreads(int threads)
    {
        _compute = new Compute(threads);
        _inference = null;
        return this;
    }

    /// <summary>
    /// Leave-one-out evaluation with full ranking. The dataset must use this model's vocabulary
    /// (<see cref="CausalCartException"/> otherwise). Deterministic.
    /// </summary>
    public SequenceEvaluation Evaluate(SequenceDataset data, EvaluationSplit split, IReadOnlyList<int>? cutOffs = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireVocabulary(data);
        var windows = new Windows(data, Shape, Options, ActionHead, PurchaseHead);
        var net = Inference();
        var batch = new PackedBatch(net.MaxTokens, net.MaxSequences);
        var c = Shape.Channels;
        var tableT = new Slice(new float[c * Shape.Items], 0, c * Shape.Items);
        MatMul.Transpose(_compute, Parameters["item_embedding"], tableT, Shape.Items, c);
        var last = new Slice(new float[EvaluationBatch * c], 0, EvaluationBatch * c);
        var truth = new List<int>();
        var predicted = new List<int>();
        var ranking = Evaluator.Rank(data, split, cutOffs ?? [5, 10, 20], (users, ends, scores) =>
        {
            batch.Clear();
            for (var i = 0; i < users.Length; i++)
            {
                windows.AppendContext(batch, users[i], ends[i]);
            }

            net.Forward(batch, 0, 0, 0);
            net.ScoreLastTokens(batch, last, scores, tableT);
            if (ActionHead)
            {
                var logits = net.ActionLogits.Span;
                for (var i = 0; i < users.Length; i++)
                {
                    var row = logits.Slice((batch.Offsets[i + 1] - 1) * Shape.Actions, Shape.Actions);
                    predicted.Add(row.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(row)));
                    truth.Add(data.Actions[users[i]][ends[i]]);
                }
            }
        }, EvaluationBatch, _compute);
        return new SequenceEvaluation(ranking, ActionHead ? ActionMetrics.From(truth, predicted, Shape.Actions) : null);
    }

    /// <summary>
    /// Purchase-within-horizon on a time split: for each user active within one horizon before
    /// <paramref name="cutoff"/>, the purchase probability at the newest event before the cut-off against
    /// whether a <see cref="CanonicalAction.Buy"/> follows, after the cut-off, within the horizon of that
    /// event. Train on <see cref="SequenceDataset.Before"/> the cut-off. Requires timestamps and a trained purchase head.
    /// </summary>
    public PurchaseMetrics EvaluatePurchase(SequenceDataset data, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireVocabulary(data);
        if (!PurchaseHead || data.Times is null)
        {
            throw new CausalCartException("Purchase evaluation needs a model trained with its purchase head on timestamped events.");
        }

        var (users, ends, labels) = PurchaseSplit.Labels(data, cutoff, Options.PurchaseHorizon);
        var windows = new Windows(data, Shape, Options, ActionHead, PurchaseHead);
        var net = Inference();
        var batch = new PackedBatch(net.MaxTokens, net.MaxSequences);
        var probs = new List<double>(users.Length);
        for (var b0 = 0; b0 < users.Length; b0 += EvaluationBatch)
        {
            batch.Clear();
            var b1 = Math.Min(users.Length, b0 + EvaluationBatch);
            for (var i = b0; i < b1; i++)
            {
                windows.AppendContext(batch, users[i], ends[i]);
            }

            net.Forward(batch, 0, 0, 0);
            for (var i = 0; i < b1 - b0; i++)
            {
                var z = net.PurchaseLogits.Span[batch.Offsets[i + 1] - 1];
                probs.Add(1 / (1 + Math.Exp(-z)));
            }
        }

        return PurchaseMetrics.From(probs, labels);
    }

    /// <summary>
    /// Predicts after a history (oldest first): the top-<paramref name="topK"/> next items (items of
    /// the history and unknown ids excluded), the next-action distribution and the purchase probability.
    /// Throws <see cref="CausalCartException"/> when no event of the history is in the vocabulary.
    /// </summary>
    public SequencePrediction Predict(IReadOnlyList<SequenceEvent> history, int topK)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var known = history.Where(e => RowOf(e.Item) >= 0).ToList();
        if (known.Count == 0)
        {
            throw new CausalCartException("None of the history's items is in the model's vocabulary.");
        }

        var data = SequenceDataset.FromEvents([new UserSequence("query", known)]);
        var remap = new int[data.ItemCount];
        for (var r = 0; r < data.ItemCount; r++)
        {
            remap[r] = RowOf(data.ItemOf(r));
        }

        var net = Inference();
        var batch = new PackedBatch(net.MaxTokens, net.MaxSequences);
        var windows = new Windows(data, Shape, Options, ActionHead, PurchaseHead);
        windows.AppendContext(batch, 0, known.Count);
        for (var t = 0; t < batch.Tokens; t++)
        {
            batch.Items[t] = remap[batch.Items[t]];
        }

        net.Forward(batch, 0, 0, 0);
        var c = Shape.Channels;
        var h = net.Hidden.Span.Slice((batch.Tokens - 1) * c, c);
        var table = Parameters["item_embedding"].Span;
        var exclude = new HashSet<int>(known.Select(e => RowOf(e.Item)));
        var scores = new List<ItemScore>(ItemCount);
        for (var v = 0; v < ItemCount; v++)
        {
            if (!exclude.Contains(v))
            {
                scores.Add(new ItemScore(ItemIds[v], System.Numerics.Tensors.TensorPrimitives.Dot(h, table.Slice(v * c, c))));
            }
        }

        var top = scores.OrderByDescending(s => s.Score).ThenBy(s => s.Item).Take(topK).ToList();
        var logits = net.ActionLogits.Span.Slice((batch.Tokens - 1) * Shape.Actions, Shape.Actions).ToArray();
        var p = new float[logits.Length];
        StableSoftmax.Softmax(logits, p);
        var z = net.PurchaseLogits.Span[batch.Tokens - 1];
        return new SequencePrediction(top, [.. p.Select(x => (double)x)], 1 / (1 + Math.Exp(-z)));
    }

    internal int RowOf(long item) => (_rows ??= BuildRows()).TryGetValue(item, out var r) ? r : -1;

    private Dictionary<long, int>? _rows;

    private Dictionary<long, int> BuildRows()
    {
        var d = new Dictionary<long, int>(ItemIds.Length);
        for (var i = 0; i < ItemIds.Length; i++)
        {
            d[ItemIds[i]] = i;
        }

        return d;
    }

    private void RequireVocabulary(SequenceDataset data)
    {
        if (data.VocabularyHash != VocabularyHash)
        {
            throw new CausalCartException($"The dataset's item vocabulary (hash {data.VocabularyHash:x16}, {data.ItemCount} items) differs from the model's (hash {VocabularyHash:x16}, {ItemCount} items).");
        }
    }

    private Transformer Inference() =>
        _inference ??= new Transformer(Shape, Parameters, null, EvaluationBatch * Shape.MaxLength, EvaluationBatch, 1, _compute);
}
