namespace CausalCart.Features.UnitTables;

/// <summary>One column of a study's unit table: its name, role and meaning in words.</summary>
/// <param name="Name">Column name, stable for a given spec (see the project README).</param>
/// <param name="Role">Key, time zero, treatment, outcome or covariate.</param>
/// <param name="Description">What the value means, with its window, e.g. "view events in [t0 − 7d, t0)".</param>
public sealed record StudyColumn(string Name, StudyColumnRole Role, string Description);
