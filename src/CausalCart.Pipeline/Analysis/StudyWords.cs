using System.Globalization;
using CausalCart.Core.Events;
using CausalCart.Features.Study;

namespace CausalCart.Pipeline.Analysis;

/// <summary>Describes a study's design in the noun phrases the report's sentences are built from.</summary>
internal static class StudyWords
{
    public static string TimeZero(StudySpec spec, DateTime? shared) => spec.TimeZero switch
    {
        CampaignTimeZero c => $"the first exposure of campaign '{c.Campaign}'" + At(shared),
        FixedTimeZero f => "a fixed time" + At(f.AtUtc),
        FirstActionTimeZero a => $"each user's first {Action(a.Action)} of each item" + (a.Period is null ? string.Empty : " in the study period"),
        _ => spec.TimeZero.ToString() ?? "time zero",
    };

    public static string Eligibility(StudySpec spec) => (spec.Eligibility.ActiveWithin, spec.TimeZero) switch
    {
        ({ } w, _) => $"at least one event in the {Words(w)} before time zero",
        (null, FirstActionTimeZero a) => $"every user's first {Action(a.Action)} of an item" + (a.Period is null ? string.Empty : " in the study period") + ", with or without earlier history",
        _ => "every user with at least one event before time zero",
    };

    public static string Treatment(StudySpec spec) => Exposure(spec.Treatment, spec.Unit, "the treatment");

    /// <summary>The instrument in words, or null when the study has none.</summary>
    public static string? Instrument(StudySpec spec) => spec.Instrument is { } z ? Exposure(z, spec.Unit, "the instrument") : null;

    private static string Exposure(TreatmentSpec exposure, StudyUnit unit, string fallback) => exposure switch
    {
        CampaignTreatment c => $"the '{c.Campaign}' campaign" + (c.Arm is null ? string.Empty : $" (arm '{c.Arm}')"),
        ActionTreatment a => $"a {Action(a.Action)}{(unit == StudyUnit.UserItem ? " of the item" : string.Empty)} within {Words(a.Within)}",
        _ => fallback,
    };

    public static string Outcome(StudySpec spec)
    {
        var window = Words(spec.Outcome.Within);
        var action = Action(spec.Outcome.Action);
        var after = spec.Treatment is ActionTreatment && spec.Outcome.StartOffset(spec.Treatment) > TimeSpan.Zero ? " after the grace period" : string.Empty;
        return spec.Outcome.Value switch
        {
            OutcomeValue.Count => $"the number of {action}s within {window}{after}",
            OutcomeValue.Revenue => $"revenue from {action}s within {window}{after}",
            _ => $"a {action} within {window}{after}",
        };
    }

    /// <summary>A difference-in-differences study's outcome per user and period, in words.</summary>
    public static string DidOutcome(DidStudySpec did)
    {
        var action = Action(did.OutcomeAction);
        return did.OutcomeValue switch
        {
            OutcomeValue.Count => $"{action}s per period",
            OutcomeValue.Revenue => $"revenue from {action}s per period",
            _ => $"any {action} in the period",
        };
    }

    public static string Unit(StudyUnit unit) => unit == StudyUnit.UserItem ? "user_item" : "user";

    /// <summary>A duration in words: "7 days", "1 hour", "10 minutes".</summary>
    public static string Words(TimeSpan d)
    {
        static string Plural(double n, string unit) => n.ToString("0.##", CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? string.Empty : "s");
        if (d.TotalDays >= 1 && d.TotalDays % 7 == 0 && d.TotalDays >= 14)
        {
            return Plural(d.TotalDays / 7, "week");
        }

        if (d.TotalDays >= 1)
        {
            return Plural(d.TotalDays, "day");
        }

        if (d.TotalHours >= 1)
        {
            return Plural(d.TotalHours, "hour");
        }

        return d.TotalMinutes >= 1 ? Plural(d.TotalMinutes, "minute") : Plural(d.TotalSeconds, "second");
    }

    private static string Action(CanonicalAction action) => CanonicalActions.Name(action).Replace('_', ' ');

    private static string At(DateTime? when) => when is { } t
        ? " (" + t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC)"
        : string.Empty;
}
