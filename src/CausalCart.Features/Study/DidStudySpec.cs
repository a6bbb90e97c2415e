using CausalCart.Core.Events;

namespace CausalCart.Features.Study;

/// <summary>
/// A difference-in-differences design (<c>did</c>): a staggered rollout logged as campaign exposures, and a user × period
/// panel built from the store. Periods are <see cref="Period"/> long, numbered 1 to <see cref="Periods"/> from
/// <see cref="Start"/>: period p is [start + (p − 1)·period, start + p·period). A user's cohort (first-treated period) is
/// the period holding their first exposure of <see cref="Rollout"/> (in <see cref="Arm"/> when given); 0 (never treated)
/// when it falls at or after the panel's end or there is none; period 1 when it falls before the start (always treated,
/// which the estimator leaves out). The outcome of a user in a period is their <see cref="OutcomeAction"/> events in the
/// period, measured as <see cref="OutcomeValue"/>. Units: every user with at least one event in the panel's time range.
/// </summary>
/// <remarks>Implementation note: the design replaces the target-trial keys (<c>time_zero</c>, <c>treatment</c>,
/// <c>outcome</c>, covariates and the effect estimators): a spec gives either those or <c>did</c>.</remarks>
public sealed record DidStudySpec
{
    /// <summary>The most periods a panel may have.</summary>
    public const int MaxPeriods = 1000;

    /// <summary>(<c>rollout</c>) Campaign key of the rollout's exposures (<c>ids_campaign.key</c>).</summary>
    public required string Rollout { get; init; }

    /// <summary>(<c>arm</c>) Arm whose exposures count as treatment, or null for any arm.</summary>
    public string? Arm { get; init; }

    /// <summary>(<c>start</c>) Start of period 1 (UTC).</summary>
    public required DateTime Start { get; init; }

    /// <summary>(<c>period</c>) Length of one period; positive, whole seconds.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>(<c>periods</c>) Number of periods, 2 to 1000.</summary>
    public required int Periods { get; init; }

    /// <summary>(<c>outcome.action</c>) The outcome action.</summary>
    public required CanonicalAction OutcomeAction { get; init; }

    /// <summary>(<c>outcome.value</c>) Binary, count or revenue per period; <see cref="OutcomeValue.Any"/> unless given.</summary>
    public OutcomeValue OutcomeValue { get; init; } = OutcomeValue.Any;

    /// <summary>(<c>control</c>) The comparison units: <c>never</c> (default) or <c>not_yet</c> treated users.</summary>
    public DidControl Control { get; init; } = DidControl.NeverTreated;

    /// <summary>(<c>base_period</c>) <c>varying</c> (default) or <c>universal</c>.</summary>
    public DidBase BasePeriod { get; init; } = DidBase.Varying;

    /// <summary>(<c>anticipation</c>) Periods before their first exposure in which users may already react (e.g. an
    /// announced rollout); 0 (default) to <see cref="Periods"/> − 2.</summary>
    public int Anticipation { get; init; }

    /// <summary>(<c>covariates.actions</c>) Actions counted per user over <see cref="CovariateLookback"/> before
    /// <see cref="Start"/>, one covariate each (see <see cref="CovariateColumns"/>); empty (default) for none. Measured before
    /// the panel starts, so no covariate can be moved by the rollout; parallel trends is then assumed only among users with
    /// the same pre-start activity.</summary>
    public IReadOnlyList<CanonicalAction> CovariateActions { get; init; } = [];

    /// <summary>(<c>covariates.lookback</c>) How far before <see cref="Start"/> the covariates count; positive, whole
    /// seconds, when <see cref="CovariateActions"/> is not empty.</summary>
    public TimeSpan CovariateLookback { get; init; }

    /// <summary>(<c>estimation</c>) How the covariates are adjusted for: <c>dr</c> (default), <c>reg</c> or <c>ipw</c>.</summary>
    public DidEstimationMethod Estimation { get; init; } = DidEstimationMethod.DoublyRobust;

    /// <summary>The panel's covariate columns, one per <see cref="CovariateActions"/> entry: <c>&lt;action&gt;_before</c>.</summary>
    public IReadOnlyList<string> CovariateColumns => [.. CovariateActions.Select(a => StudyNames.Actions.Name(a) + "_before")];

    /// <summary>End of the last period: <see cref="Start"/> + <see cref="Periods"/> · <see cref="Period"/>.</summary>
    public DateTime End => Start + (Period * Periods);
}
