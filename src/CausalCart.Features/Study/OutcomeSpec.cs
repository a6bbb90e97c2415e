using CausalCart.Core.Events;

namespace CausalCart.Features.Study;

/// <summary>
/// The outcome (<c>outcome</c>): the unit's events of <see cref="Action"/> (on the unit's item for a user–item
/// unit) in the window [t0 + s, t0 + s + <see cref="Within"/>), measured as <see cref="Value"/>. The start
/// offset s is <see cref="Start"/> when given, the treatment grace period when <see cref="AfterGrace"/>,
/// and 0 otherwise (see <see cref="StartOffset"/>).
/// </summary>
/// <param name="Action">The outcome action.</param>
/// <param name="Within">Window length. Must be positive.</param>
public sealed record OutcomeSpec(CanonicalAction Action, TimeSpan Within)
{
    /// <summary>(<c>value</c>) Binary, count or revenue; <see cref="OutcomeValue.Any"/> unless given.</summary>
    public OutcomeValue Value { get; init; } = OutcomeValue.Any;

    /// <summary>(<c>after_grace</c>) Start the window when the treatment grace period ends.</summary>
    public bool AfterGrace { get; init; }

    /// <summary>(<c>start</c>) Explicit offset of the window start from time zero; must not be negative.</summary>
    public TimeSpan? Start { get; init; }

    /// <summary>The window's start offset from time zero given the treatment's grace period.</summary>
    public TimeSpan StartOffset(TreatmentSpec treatment)
    {
        ArgumentNullException.ThrowIfNull(treatment);
        return Start ?? (AfterGrace ? treatment.Within : TimeSpan.Zero);
    }
}
