namespace CausalCart.Causal.DiD;

/// <summary>One event time of an event-study plot.</summary>
/// <param name="EventTime">Event time e = t − g (periods since first treatment; negative before it).</param>
/// <param name="Estimate">Aggregated ATT at e (0 at the reference period).</param>
/// <param name="CiLower">Pointwise confidence interval, lower end.</param>
/// <param name="CiUpper">Pointwise confidence interval, upper end.</param>
/// <param name="BandLower">Uniform (simultaneous over all plotted event times) band, lower end.</param>
/// <param name="BandUpper">Uniform band, upper end.</param>
/// <param name="IsReference">Whether e is the reference period (normalised to 0, no interval).</param>
public sealed record EventStudyPlotPoint(
    int EventTime, double Estimate, double CiLower, double CiUpper, double BandLower, double BandUpper, bool IsReference);

/// <summary>
/// The data of an event-study plot: the dynamic aggregation of a <see cref="CallawaySantAnnaResult"/> (Callaway &amp;
/// Sant'Anna 2021, eq. 3.6), one point per event time with its pointwise interval and uniform band, the reference period
/// marked, and optional known true effects to draw beside the estimates (for simulated worlds). Immutable.
/// </summary>
/// <param name="Points">Points in ascending event time.</param>
/// <param name="ConfidenceLevel">Level of the pointwise intervals and of the uniform band (e.g. 0.95).</param>
/// <param name="Anticipation">Anticipation periods δ of the fit; event times from −δ on may carry anticipation effects.</param>
/// <param name="Truth">Known true effect per event time (empty when unknown).</param>
/// <param name="Title">Plot title.</param>
public sealed record EventStudyPlot(
    IReadOnlyList<EventStudyPlotPoint> Points,
    double ConfidenceLevel,
    int Anticipation,
    IReadOnlyDictionary<int, double> Truth,
    string Title)
{
    /// <summary>
    /// Builds the plot from a fitted result. With a universal base period the reference event time is −1 − δ
    /// (δ = anticipation) and is drawn as an estimate of exactly 0 without interval; with a varying base period no event
    /// time is a reference (pre-treatment points are then short placebo differences, as in the R <c>did</c> package).
    /// </summary>
    /// <param name="fit">A fitted Callaway–Sant'Anna result.</param>
    /// <param name="aggregation">Event-time window and balancing for the dynamic aggregation (null: all event times).</param>
    /// <param name="truth">Known true effect per event time to overlay, or null.</param>
    /// <param name="title">Plot title, or null for "Event study".</param>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    public static EventStudyPlot FromResult(
        CallawaySantAnnaResult fit, DidAggregationOptions? aggregation = null, IReadOnlyDictionary<int, double>? truth = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        DidAggregate dynamic = fit.Aggregate(DidAggregation.Dynamic, aggregation);
        int? reference = fit.Options.BasePeriod == DidBasePeriod.Universal ? -1 - fit.Options.Anticipation : null;
        EventStudyPlotPoint[] points =
        [
            .. dynamic.Points.OrderBy(p => p.Key).Select(p => new EventStudyPlotPoint(
                p.Key, p.Estimate, p.CiLower, p.CiUpper, p.BandLower, p.BandUpper, reference == p.Key)),
        ];
        return new EventStudyPlot(
            points, fit.Options.ConfidenceLevel, fit.Options.Anticipation, truth ?? new Dictionary<int, double>(), title ?? "Event study");
    }
}
