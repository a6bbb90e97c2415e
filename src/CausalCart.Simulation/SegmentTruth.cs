namespace CausalCart.Simulation;

/// <summary>True effects within one user segment (a conditional average treatment effect).</summary>
/// <param name="Segment"><c>new</c>, <c>regular</c> or <c>loyal</c>.</param>
/// <param name="Users">Eligible users in the segment.</param>
/// <param name="Treated">Of those, treated.</param>
/// <param name="Ate">Mean of Y(1) − Y(0) in the segment (the CATE).</param>
/// <param name="Att">Mean of Y(1) − Y(0) among the segment's treated (NaN when none).</param>
/// <param name="NaiveDifference">Observed treated-minus-control difference in the segment (NaN when an arm is empty).</param>
public sealed record SegmentTruth(string Segment, long Users, long Treated, double Ate, double Att, double NaiveDifference);
