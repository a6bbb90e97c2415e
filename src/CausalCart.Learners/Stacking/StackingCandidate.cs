namespace CausalCart.Learners.Stacking;

/// <summary>One candidate of a <see cref="StackedRegressor"/>: a name for reports and a learner (never mutated by fitting).</summary>
/// <param name="Name">Unique within the candidate set, e.g. <c>gbdt-depth4</c>.</param>
/// <param name="Learner">Any regressor; it must ignore rows of weight 0 (every learner of this project does).</param>
public sealed record StackingCandidate(string Name, IRegressor Learner);
