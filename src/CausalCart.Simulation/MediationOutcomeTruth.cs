namespace CausalCart.Simulation;

/// <summary>
/// True mediation effects on one outcome, averaged over eligible users. TE = NDE + NIE exactly, and TE equals the
/// outcome's ATE in <see cref="SimulationTruth.Outcomes"/>.
/// </summary>
/// <param name="Name"><c>any_buy</c>, <c>buy_count</c> or <c>revenue</c> (currency units).</param>
/// <param name="MeanY00">Mean of Y(0, M(0)): no coupon.</param>
/// <param name="MeanY10">Mean of Y(1, M(0)): the coupon, with the mediator held at its no-coupon value.</param>
/// <param name="MeanY11">Mean of Y(1, M(1)): the coupon.</param>
/// <param name="TotalEffect">TE = mean Y(1, M(1)) − Y(0, M(0)).</param>
/// <param name="DirectEffect">Natural direct effect NDE = mean Y(1, M(0)) − Y(0, M(0)).</param>
/// <param name="IndirectEffect">Natural indirect effect NIE = mean Y(1, M(1)) − Y(1, M(0)).</param>
/// <param name="ProportionMediated">NIE / TE; NaN when TE is 0.</param>
public sealed record MediationOutcomeTruth(
    string Name,
    double MeanY00,
    double MeanY10,
    double MeanY11,
    double TotalEffect,
    double DirectEffect,
    double IndirectEffect,
    double ProportionMediated);
