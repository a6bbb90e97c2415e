namespace CausalCart.Learners.Linear;

/// <summary>Options of <see cref="OrdinaryLeastSquares"/>.</summary>
/// <param name="OnRankDeficiency">Throw (default) or drop collinear and constant columns.</param>
/// <param name="CollinearityTolerance">
/// A feature is collinear when the norm of its part orthogonal to the intercept and the kept columns before it is at
/// most this fraction of its centred norm, i.e. its R² on those columns exceeds 1 − tolerance² (variance inflation
/// above 1/tolerance²). Default 1e-9; must be in (0, 1).
/// </param>
public sealed record OrdinaryLeastSquaresOptions(RankDeficiency OnRankDeficiency = RankDeficiency.Throw, double CollinearityTolerance = 1e-9);
