namespace CausalCart.Sequence.Model;

/// <summary>What the heads are trained on in one step.</summary>
/// <param name="SampledNegatives">Shared negative item rows for the sampled softmax, or null for the full softmax.</param>
/// <param name="LogQ">(V) log(S·Q(i)) for the sampled softmax; null with the full softmax.</param>
/// <param name="ActionWeight">Weight of the mean next-action cross-entropy.</param>
/// <param name="PurchaseWeight">Weight of the mean purchase binary cross-entropy.</param>
internal sealed record LossSettings(int[]? SampledNegatives, float[]? LogQ, float ActionWeight, float PurchaseWeight);

/// <summary>The loss of one batch: total = item + wₐ·action + wₚ·purchase, each a mean over its labelled tokens.</summary>
/// <param name="Total">The optimised objective.</param>
/// <param name="Item">Mean next-item cross-entropy.</param>
/// <param name="Action">Mean next-action cross-entropy.</param>
/// <param name="Purchase">Mean purchase binary cross-entropy.</param>
internal readonly record struct LossBreakdown(double Total, double Item, double Action, double Purchase);
