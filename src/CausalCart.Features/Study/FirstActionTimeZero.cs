using CausalCart.Core.Events;

namespace CausalCart.Features.Study;

/// <summary>
/// Time zero is each unit's first event of an action (<c>time_zero: { first: view, period: { from:, to: } }</c>):
/// for a user–item unit, the user's earliest such event on that item; for a user unit, the user's earliest such
/// event on any item. Only events inside <see cref="Period"/> count, so a unit's time zero is its first such
/// event within the period and units whose events all fall outside it do not exist.
/// </summary>
/// <param name="Action">The action that starts follow-up.</param>
/// <param name="Period">Optional calendar restriction on time zero.</param>
public sealed record FirstActionTimeZero(CanonicalAction Action, StudyPeriod? Period = null) : TimeZeroSpec;
