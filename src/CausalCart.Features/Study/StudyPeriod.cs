namespace CausalCart.Features.Study;

/// <summary>A half-open calendar interval [<see cref="From"/>, <see cref="To"/>) in UTC; either end may be open.</summary>
/// <param name="From">Inclusive start, or null for no lower bound.</param>
/// <param name="To">Exclusive end, or null for no upper bound.</param>
public sealed record StudyPeriod(DateTime? From, DateTime? To);
