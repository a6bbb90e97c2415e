namespace CausalCart.Simulation;

/// <summary>
/// True effects on one outcome measured over the window [<see cref="WindowStart"/>, <see cref="WindowEnd"/>).
/// With Y(0), Y(1) a user's outcome without and with the coupon and T the assigned arm:
/// ATE = mean over eligible users of Y(1) − Y(0); ATT over treated; ATC over controls.
/// </summary>
/// <param name="Name"><c>any_buy</c> (0/1), <c>buy_count</c> or <c>revenue</c> (currency units, paid prices).</param>
/// <param name="Action">The action counted (<c>buy</c>).</param>
/// <param name="Value"><c>any</c>, <c>count</c> or <c>revenue</c>, as in a study spec's outcome.</param>
/// <param name="WindowStart">Start of the window (T0), inclusive.</param>
/// <param name="WindowEnd">End of the window, exclusive.</param>
/// <param name="WindowDays">Window length in days.</param>
/// <param name="MeanY0">Mean of Y(0) over eligible users.</param>
/// <param name="MeanY1">Mean of Y(1) over eligible users.</param>
/// <param name="Ate">Sample average treatment effect over eligible users.</param>
/// <param name="Att">Sample average effect on the treated.</param>
/// <param name="Atc">Sample average effect on the controls.</param>
/// <param name="NaiveDifference">Observed mean among treated minus observed mean among controls (confounded; for reference).</param>
/// <param name="NaiveStandardError">Welch standard error of <paramref name="NaiveDifference"/>.</param>
/// <param name="BySegment">The same by user segment (<c>new</c>, <c>regular</c>, <c>loyal</c>).</param>
public sealed record OutcomeTruth(
    string Name,
    string Action,
    string Value,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int WindowDays,
    double MeanY0,
    double MeanY1,
    double Ate,
    double Att,
    double Atc,
    double NaiveDifference,
    double NaiveStandardError,
    IReadOnlyList<SegmentTruth> BySegment);
