namespace CausalCart.Learners;

/// <summary>One bin of <see cref="Metrics.CalibrationCurve"/>.</summary>
/// <param name="Lower">Lower edge of the bin (inclusive).</param>
/// <param name="Upper">Upper edge (exclusive, except 1 for the last bin).</param>
/// <param name="MeanPredicted">(Weighted) mean predicted probability of the rows in the bin.</param>
/// <param name="ObservedRate">(Weighted) share of label 1 among them.</param>
/// <param name="Count">Rows in the bin.</param>
/// <param name="Weight">Σ weight of those rows (= Count without weights).</param>
public sealed record CalibrationBin(double Lower, double Upper, double MeanPredicted, double ObservedRate, int Count, double Weight);
