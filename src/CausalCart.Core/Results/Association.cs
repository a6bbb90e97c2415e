namespace CausalCart.Core.Results;

/// <summary>
/// The association view shown beside the causal estimates: how the outcome differs between treated and
/// untreated units without any adjustment. For a binary outcome the means are P(Y|T=1) and P(Y|T=0).
/// </summary>
/// <param name="MeanTreated">Mean outcome among treated units (P(Y=1|T=1) for a binary outcome).</param>
/// <param name="MeanControl">Mean outcome among control units.</param>
/// <param name="Difference">MeanTreated − MeanControl.</param>
/// <param name="Lift">MeanTreated / MeanControl (NaN is never written: null when MeanControl is 0).</param>
/// <param name="NTreated">Treated units.</param>
/// <param name="NControl">Control units.</param>
/// <param name="OutcomeIsBinary">Whether every outcome value is 0 or 1.</param>
public sealed record Association(
    double MeanTreated,
    double MeanControl,
    double Difference,
    double? Lift,
    long NTreated,
    long NControl,
    bool OutcomeIsBinary);
