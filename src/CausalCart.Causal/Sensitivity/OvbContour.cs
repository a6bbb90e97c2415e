namespace CausalCart.Causal.Sensitivity;

/// <summary>
/// Data for the sensitivity contour plot (Cinelli &amp; Hazlett 2020, Fig. 2): the bias-adjusted estimate and
/// t statistic over a grid of confounder strengths. Row i is <see cref="R2Treatment"/>[i], column j is
/// <see cref="R2Outcome"/>[j].
/// </summary>
/// <param name="R2Treatment">Grid of R²_{D~Z|X} (x axis), ascending, in [0, max).</param>
/// <param name="R2Outcome">Grid of R²_{Y~Z|D,X} (y axis), ascending.</param>
/// <param name="AdjustedEstimate">(rows = R2Treatment, columns = R2Outcome) adjusted estimates.</param>
/// <param name="AdjustedT">(rows = R2Treatment, columns = R2Outcome) adjusted t statistics.</param>
/// <param name="Bounds">Benchmark points to draw on the plot.</param>
public sealed record OvbContour(IReadOnlyList<double> R2Treatment, IReadOnlyList<double> R2Outcome, IReadOnlyList<IReadOnlyList<double>> AdjustedEstimate, IReadOnlyList<IReadOnlyList<double>> AdjustedT, IReadOnlyList<OvbBound> Bounds);
