using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Analysis;

/// <summary>Run-time settings of a study analysis that are not part of the study's design.</summary>
public sealed record StudyRunOptions
{
    /// <summary>Refuters to run; null uses the spec's, or the standard three when the spec names none.</summary>
    public IReadOnlyList<Refuter>? Refuters { get; init; }

    /// <summary>Simulations per refuter.</summary>
    public int RefutationSimulations { get; init; } = 50;

    /// <summary>Show estimates (with warnings) even when overlap is insufficient.</summary>
    public bool AllowPoorOverlap { get; init; }

    /// <summary>Known true effects to carry into the result (simulated data).</summary>
    public TrueEffects? Truth { get; init; }
}
