using CausalCart.Core.Events;
using CausalCart.Core.Results;

namespace CausalCart.Features.Study;

/// <summary>
/// Semantic checks over a whole spec: each part on its own, then the parts against each other (unit against
/// time zero and treatment, grace period against outcome window, data against what the design reads).
/// Tolerates null members (a spec built in code with <c>null!</c>, or a YAML entry that could not be read).
/// </summary>
internal static class StudySpecValidator
{
    private static readonly CovariateFamily[] FamiliesNeedingLookbacks =
        [CovariateFamily.ActionCounts, CovariateFamily.PriceStats, CovariateFamily.CategoryAffinity, CovariateFamily.Sessions];

    public static void Validate(StudySpec spec, ProblemList p)
    {
        ValidateName(spec.Name, p);
        ValidateData(spec, p);
        if (spec.Did is { } did)
        {
            ValidateDid(spec, did, p);
            return;
        }

        if (!StudyNames.Units.IsDefined(spec.Unit))
        {
            p.Add("unit", $"({(int)spec.Unit}) is not a unit. Valid units: {StudyNames.Units.Valid}.");
        }

        ValidateTimeZero(spec, p);
        ValidateEligibility(spec.Eligibility, p);
        ValidateTreatment(spec, p);
        ValidateOutcome(spec, p);
        ValidateInstrument(spec, p);
        ValidateCovariates(spec.Covariates, p);
        ValidateEstimators(spec, p);
        if (!StudyNames.Nuisances.IsDefined(spec.Nuisance))
        {
            p.Add("nuisance", $"({(int)spec.Nuisance}) is not a nuisance learner. Valid learners: {StudyNames.Nuisances.Valid}.");
        }

        if (spec.Refuters is not null)
        {
            ValidateList(spec.Refuters, "refuters", StudyNames.Refuters, "refuter", requireOne: false, p);
        }
        ValidateGraph(spec.Graph, p);
        if (spec.WhoResponds is { } who)
        {
            if (who.Groups < 2 || who.Groups > 10)
            {
                p.Add("who_responds.groups", $"{who.Groups} is out of range: the number of response groups is 2 to 10.");
            }

            if (who.Segment is { Length: 0 })
            {
                p.Add("who_responds.segment", "is empty: name a column of the study's unit table, or leave the key out.");
            }
        }

        if (spec.Seed < 0)
        {
            p.Add("seed", $"{spec.Seed} is out of range: a seed is a whole number from 0 to {int.MaxValue}.");
        }
    }

    private static void ValidateDid(StudySpec spec, DidStudySpec did, ProblemList p)
    {
        if (spec.Unit != StudyUnit.User && !p.Has("unit"))
        {
            p.Add("unit", $"must be user for a difference-in-differences study: the rollout's exposures are per user. Valid units: {StudyNames.Units.Valid}.");
        }

        if (string.IsNullOrWhiteSpace(did.Rollout))
        {
            p.Add("did.rollout", "is empty: give the rollout campaign's key as it appears in the exposure log.");
        }

        if (did.Arm is not null && string.IsNullOrWhiteSpace(did.Arm))
        {
            p.Add("did.arm", "is empty: leave it out to count any arm as treated.");
        }

        if (did.Period <= TimeSpan.Zero)
        {
            p.Add("did.period", $"{StudyDurations.Format(did.Period)} is not a period: it must be positive.");
        }
        else if (did.Period.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            p.Add("did.period", $"{StudyDurations.Format(did.Period)} is not a whole number of seconds.");
        }

        if (did.Periods < 2 || did.Periods > DidStudySpec.MaxPeriods)
        {
            p.Add("did.periods", $"{did.Periods} is out of range: a panel has 2 to {DidStudySpec.MaxPeriods} periods (at least one before and one after treatment).");
        }

        if (!StudyNames.Actions.IsDefined(did.OutcomeAction))
        {
            p.Add("did.outcome.action", $"({(int)did.OutcomeAction}) is not an action. Valid actions: {StudyNames.Actions.Valid}.");
        }

        if (!StudyNames.DidControls.IsDefined(did.Control))
        {
            p.Add("did.control", $"({(int)did.Control}) is not a comparison group. Valid: {StudyNames.DidControls.Valid}.");
        }

        if (!StudyNames.DidBases.IsDefined(did.BasePeriod))
        {
            p.Add("did.base_period", $"({(int)did.BasePeriod}) is not a base period. Valid: {StudyNames.DidBases.Valid}.");
        }

        if (did.Anticipation < 0 || (did.Periods >= 2 && did.Anticipation > did.Periods - 2))
        {
            p.Add("did.anticipation", $"{did.Anticipation} is out of range: 0 to {Math.Max(0, did.Periods - 2)} periods (at least one period before anticipation and one after treatment).");
        }

        if (!StudyNames.DidEstimations.IsDefined(did.Estimation))
        {
            p.Add("did.estimation", $"({(int)did.Estimation}) is not an estimation method. Valid: {StudyNames.DidEstimations.Valid}.");
        }

        foreach (var bad in did.CovariateActions.Where(a => !StudyNames.Actions.IsDefined(a)).Take(1))
        {
            p.Add("did.covariates.actions", $"({(int)bad}) is not an action. Valid actions: {StudyNames.Actions.Valid}.");
        }

        if (did.CovariateActions.GroupBy(a => a).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            p.Add("did.covariates.actions", $"'{StudyNames.Actions.Name(twice.Key)}' is listed twice.");
        }

        if (did.CovariateActions.Count > 0 && (did.CovariateLookback <= TimeSpan.Zero || did.CovariateLookback.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            p.Add("did.covariates.lookback", $"{StudyDurations.Format(did.CovariateLookback)} is not a look-back: it must be a positive whole number of seconds (e.g. 28d).");
        }
        else if (did.CovariateActions.Count > 0 && did.CovariateLookback > did.Start - DateTime.UnixEpoch)
        {
            p.Add("did.covariates.lookback", $"{StudyDurations.Format(did.CovariateLookback)} reaches back before 1970 from the start; logs hold no events that old.");
        }

        if (!StudyNames.OutcomeValues.IsDefined(did.OutcomeValue))
        {
            p.Add("did.outcome.value", $"({(int)did.OutcomeValue}) is not an outcome value. Valid values: {StudyNames.OutcomeValues.Valid}.");
        }

        if (spec.Seed < 0)
        {
            p.Add("seed", $"{spec.Seed} is out of range: a seed is a whole number from 0 to {int.MaxValue}.");
        }
    }

    private static void ValidateGraph(StudyGraphSpec? graph, ProblemList p)
    {
        if (graph is null)
        {
            return;
        }

        bool hasFile = !string.IsNullOrWhiteSpace(graph.File), hasText = !string.IsNullOrWhiteSpace(graph.Text);
        if (hasFile == hasText)
        {
            p.Add("graph", hasFile
                ? "gives both 'file' and 'text': give exactly one (a graph file, or the graph written inline)."
                : "gives neither 'file' nor 'text': give a graph file (graph: causes.dot) or the graph inline (graph: |).");
        }

        if (!StudyNames.GraphFormats.IsDefined(graph.Format))
        {
            p.Add("graph.format", $"({(int)graph.Format}) is not a graph format. Valid formats: {StudyNames.GraphFormats.Valid}.");
        }

        if (!StudyNames.BadControlPolicies.IsDefined(graph.BadControls))
        {
            p.Add("graph.bad_controls", $"({(int)graph.BadControls}) is not a bad-control policy. Valid: {StudyNames.BadControlPolicies.Valid}.");
        }

        if (string.IsNullOrWhiteSpace(graph.TreatmentNode))
        {
            p.Add("graph.treatment", "has no value: name the graph node that stands for the treatment.");
        }

        if (string.IsNullOrWhiteSpace(graph.OutcomeNode))
        {
            p.Add("graph.outcome", "has no value: name the graph node that stands for the outcome.");
        }
        else if (string.Equals(graph.TreatmentNode, graph.OutcomeNode, StringComparison.Ordinal))
        {
            p.Add("graph.outcome", $"'{graph.OutcomeNode}' is also the treatment node: treatment and outcome must be different graph nodes.");
        }
    }

    private static void ValidateName(string? name, ProblemList p)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            p.Add("study", "is required: a name for the study, e.g. 'study: winter-coupon'.");
            return;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                p.Add("study", $"'{name}' is not a valid study name: use ASCII letters, digits, '-', '_' and '.'.");
                return;
            }
        }
    }

    private static void ValidateData(StudySpec spec, ProblemList p)
    {
        var data = spec.Data;
        if (data is null)
        {
            p.Add("data", "is required: either { store: <file.duckdb> } or { events: <file>, format: <format> }.");
            return;
        }

        var hasStore = !string.IsNullOrWhiteSpace(data.Store);
        var hasEvents = !string.IsNullOrWhiteSpace(data.Events);
        if (hasStore == hasEvents)
        {
            p.Add("data", hasStore
                ? "gives both 'store' and 'events': give exactly one (an event store, or an event log to ingest)."
                : "gives neither 'store' nor 'events': give exactly one (an event store, or an event log to ingest).");
            return;
        }

        if (!StudyNames.Formats.IsDefined(data.Format))
        {
            p.Add("data.format", $"({(int)data.Format}) is not a format. Valid formats: {StudyNames.Formats.Valid}.");
        }

        if (hasStore)
        {
            foreach (var (key, value) in new[] { ("exposures", data.Exposures), ("items", data.Items), ("users", data.Users) })
            {
                if (value is not null)
                {
                    p.Add($"data.{key}", "only goes with 'events': an event store already holds its side tables.");
                }
            }
        }
        else if (data.Exposures is null && (spec.TimeZero is CampaignTimeZero || spec.Treatment is CampaignTreatment || spec.Instrument is CampaignTreatment || spec.Did is not null))
        {
            p.Add("data.exposures", "is required: the design reads campaign exposures, so name the exposure log to ingest.");
        }
    }

    private static void ValidateTimeZero(StudySpec spec, ProblemList p)
    {
        switch (spec.TimeZero)
        {
            case null:
                p.Add("time_zero", "is required: one of { at: <timestamp> }, { campaign: <name> }, { first: <action> }.");
                return;
            case CampaignTimeZero c when string.IsNullOrWhiteSpace(c.Campaign):
                p.Add("time_zero.campaign", "is empty: give the campaign's key as it appears in the exposure log.");
                break;
            case FirstActionTimeZero f:
                if (!StudyNames.Actions.IsDefined(f.Action))
                {
                    p.Add("time_zero.first", $"({(int)f.Action}) is not an action. Valid actions: {StudyNames.Actions.Valid}.");
                }

                if (f.Period is { From: { } from, To: { } to } && from >= to)
                {
                    p.Add("time_zero.period", $"is empty: 'from' ({from:O}) must be before 'to' ({to:O}).");
                }

                break;
        }

        if (spec.Unit == StudyUnit.UserItem && spec.TimeZero is not FirstActionTimeZero && !p.Has("unit"))
        {
            p.Add("time_zero", "must be { first: <action> } for unit user_item: each user–item pair starts at the user's first such action on the item.");
        }
    }

    private static void ValidateEligibility(EligibilitySpec? eligibility, ProblemList p)
    {
        if (eligibility?.ActiveWithin is { } active && active <= TimeSpan.Zero)
        {
            p.Add("eligibility.active_within", $"{StudyDurations.Format(active)} is not a window: it must be positive.");
        }
    }

    private static void ValidateTreatment(StudySpec spec, ProblemList p)
    {
        if (spec.Treatment is null)
        {
            p.Add("treatment", "is required: { campaign: <name> } or { action: <action>, within: <duration> }.");
            return;
        }

        ValidateExposure(spec, spec.Treatment, "treatment", p);
    }

    // The checks treatment: and instrument: share: a positive window, a named campaign or a known action, the unit, and
    // an action other than the time-zero action (which every unit performs at time zero).
    private static void ValidateExposure(StudySpec spec, TreatmentSpec exposure, string path, ProblemList p)
    {
        var what = path == "treatment" ? "a grace period" : "an instrument window";
        if (exposure.Within <= TimeSpan.Zero)
        {
            p.Add($"{path}.within", $"{StudyDurations.Format(exposure.Within)} is not {what}: it must be positive.");
        }

        switch (exposure)
        {
            case CampaignTreatment c:
                if (string.IsNullOrWhiteSpace(c.Campaign))
                {
                    p.Add($"{path}.campaign", "is empty: give the campaign's key as it appears in the exposure log.");
                }

                if (c.Arm is not null && string.IsNullOrWhiteSpace(c.Arm))
                {
                    p.Add($"{path}.arm", $"is empty: leave it out to count any arm as {(path == "treatment" ? "treated" : "encouraged")}.");
                }

                if (spec.Unit == StudyUnit.UserItem && !p.Has("unit"))
                {
                    p.Add($"{path}.campaign", "goes with unit user only: exposures are per user. For user_item use { action: <action>, within: <duration> }.");
                }

                break;
            case ActionTreatment a:
                if (!StudyNames.Actions.IsDefined(a.Action))
                {
                    p.Add($"{path}.action", $"({(int)a.Action}) is not an action. Valid actions: {StudyNames.Actions.Valid}.");
                }
                else if (spec.TimeZero is FirstActionTimeZero f && f.Action == a.Action)
                {
                    p.Add($"{path}.action", $"'{CanonicalActions.Name(a.Action)}' is also the time-zero action: every unit does it at time zero, so every unit would be {(path == "treatment" ? "treated" : "encouraged")}.");
                }

                break;
        }
    }

    private static void ValidateInstrument(StudySpec spec, ProblemList p)
    {
        if (spec.Instrument is not { } instrument)
        {
            return;
        }

        ValidateExposure(spec, instrument, "instrument", p);
        var sameAsTreatment = (instrument, spec.Treatment) switch
        {
            (CampaignTreatment z, CampaignTreatment d) => string.Equals(z.Campaign, d.Campaign, StringComparison.Ordinal)
                && (z.Arm is null || d.Arm is null || string.Equals(z.Arm, d.Arm, StringComparison.Ordinal)),
            (ActionTreatment z, ActionTreatment d) => z.Action == d.Action,
            _ => false,
        };
        if (sameAsTreatment)
        {
            var key = instrument is CampaignTreatment ? "instrument.campaign" : "instrument.action";
            p.Add(key, "is the treatment itself: an instrument must be a different variable that moves the treatment "
                + "(e.g. a randomised e-mail wave encouraging the treatment, or another arm of the campaign).");
        }

        var outcome = spec.Outcome;
        if (outcome is null || spec.Treatment is null || p.Has("instrument.within") || p.Has("outcome.start") || p.Has("outcome.after_grace") || p.Has("treatment.within"))
        {
            return;
        }

        // The instrument is measured in [t0, t0 + within): like the treatment it must be settled before the outcome window
        // opens, except for a campaign (a randomised encouragement at time zero) with the outcome counted from time zero.
        var outcomeStart = outcome.StartOffset(spec.Treatment);
        var mustWait = instrument is ActionTreatment || outcomeStart > TimeSpan.Zero;
        if (mustWait && instrument.Within > outcomeStart)
        {
            p.Add("instrument.within", $"the instrument window ({StudyDurations.Format(instrument.Within)}) is longer than the outcome window's start "
                + $"({StudyDurations.Format(outcomeStart)} after time zero): the instrument could be measured after the outcome. "
                + "Shorten instrument.within or start the outcome later (outcome.start).");
        }
    }

    private static void ValidateEstimators(StudySpec spec, ProblemList p)
    {
        var iv = spec.IvEstimators ?? [];
        if (spec.Estimators is null || (spec.Estimators.Count == 0 && iv.Count == 0))
        {
            p.Add("estimators", $"needs at least one estimator. Valid: {StudyNames.Estimators.Valid}; with an instrument also {StudyNames.IvEstimators.Valid}.");
            return;
        }

        ValidateList(spec.Estimators, "estimators", StudyNames.Estimators, "estimator", requireOne: false, p);
        ValidateList(iv, "estimators", StudyNames.IvEstimators, "instrumental-variable estimator", requireOne: false, p);
        if (spec.Instrument is null && iv.Count > 0 && !p.Has("instrument"))
        {
            // A spec read from YAML has this problem already, at the list entry itself (the reader knows its index); an
            // instrument: that could not be read has its own problem, and this one would only repeat it.
            p.Add("estimators", NeedsInstrument(iv[0]));
        }
    }

    /// <summary>The message for an instrumental-variable method named without an instrument.</summary>
    internal static string NeedsInstrument(IvMethod method) =>
        $"'{StudyNames.IvEstimators.Name(method)}' is an instrumental-variable method and needs an instrument: "
        + "add instrument: { campaign: <randomised encouragement> } or { action: <action>, within: <duration> }, or leave it out.";

    private static void ValidateOutcome(StudySpec spec, ProblemList p)
    {
        var outcome = spec.Outcome;
        if (outcome is null)
        {
            p.Add("outcome", "is required: { action: <action>, within: <duration> }.");
            return;
        }

        if (!StudyNames.Actions.IsDefined(outcome.Action))
        {
            p.Add("outcome.action", $"({(int)outcome.Action}) is not an action. Valid actions: {StudyNames.Actions.Valid}.");
        }

        if (outcome.Within <= TimeSpan.Zero)
        {
            p.Add("outcome.within", $"{StudyDurations.Format(outcome.Within)} is not a window: it must be positive.");
        }

        if (!StudyNames.OutcomeValues.IsDefined(outcome.Value))
        {
            p.Add("outcome.value", $"({(int)outcome.Value}) is not an outcome value. Valid values: {StudyNames.OutcomeValues.Valid}.");
        }

        if (outcome.Start is { } start)
        {
            if (outcome.AfterGrace)
            {
                p.Add("outcome.after_grace", "conflicts with outcome.start: give one of them.");
            }
            else if (start < TimeSpan.Zero)
            {
                p.Add("outcome.start", $"{StudyDurations.Format(start)} puts the outcome window before time zero: the start must be zero or later.");
            }
        }

        var treatment = spec.Treatment;
        if (treatment is null || p.Has("treatment.within") || p.Has("outcome.start") || p.Has("outcome.after_grace"))
        {
            return;
        }

        // The outcome must not be measured before the treatment can have happened. Campaign designs without an
        // explicit start keep the documented intention-to-treat rule (exposure within the first day, outcome
        // from time zero); every other combination must start the outcome after the grace period.
        var outcomeStart = outcome.StartOffset(treatment);
        var mustWait = treatment is ActionTreatment || outcome.Start is not null;
        if (mustWait && treatment.Within > outcomeStart)
        {
            p.Add("treatment.within", $"the grace period ({StudyDurations.Format(treatment.Within)}) is longer than the outcome window's start "
                + $"({StudyDurations.Format(outcomeStart)} after time zero): an outcome could be counted before the treatment happens. "
                + $"Set outcome.after_grace: true or outcome.start to at least {StudyDurations.Format(treatment.Within)}.");
        }
    }

    private static void ValidateCovariates(CovariateSpec? covariates, ProblemList p)
    {
        if (covariates is null)
        {
            p.Add("covariates", "is null: leave it out for the defaults or give { lookbacks: [...], families: [...] }.");
            return;
        }

        var lookbacks = covariates.Lookbacks ?? [];
        var seen = new HashSet<TimeSpan>();
        for (var i = 0; i < lookbacks.Count; i++)
        {
            var path = $"covariates.lookbacks[{i}]";
            var l = lookbacks[i];
            if (l < TimeSpan.Zero)
            {
                p.Add(path, $"{StudyDurations.Format(l)} would read events at or after time zero: a look-back must be positive.");
            }
            else if (l == TimeSpan.Zero)
            {
                p.Add(path, "0s is an empty window: a look-back must be positive.");
            }
            else if (l.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                p.Add(path, $"{StudyDurations.Format(l)} is not a whole number of seconds.");
            }
            else if (!seen.Add(l))
            {
                p.Add(path, $"{StudyDurations.Format(l)} appears twice: each look-back gives its own columns.");
            }
        }

        var families = covariates.Families ?? [];
        ValidateList(families, "covariates.families", StudyNames.Families, "covariate family", requireOne: false, p);
        var needing = families.Where(f => FamiliesNeedingLookbacks.Contains(f)).Distinct().ToList();
        if (lookbacks.Count == 0 && needing.Count > 0)
        {
            p.Add("covariates.lookbacks", $"is empty, but {string.Join(", ", needing.Select(StudyNames.Families.Name))} need at least one look-back, e.g. [7d, 30d].");
        }

        if (covariates.Gap < TimeSpan.Zero)
        {
            p.Add("covariates.gap", $"{StudyDurations.Format(covariates.Gap)} would let covariates read events at or after time zero: the gap must be zero or positive.");
        }

        if (covariates.RecencyCap <= TimeSpan.Zero)
        {
            p.Add("covariates.recency_cap", $"{StudyDurations.Format(covariates.RecencyCap)} is not a cap: it must be positive.");
        }
    }

    private static void ValidateList<T>(IReadOnlyList<T>? values, string path, NameTable<T> names, string what, bool requireOne, ProblemList p)
        where T : struct, Enum
    {
        if (values is null || (requireOne && values.Count == 0))
        {
            p.Add(path, $"needs at least one {what}. Valid: {names.Valid}.");
            return;
        }

        var seen = new HashSet<T>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!names.IsDefined(values[i]))
            {
                p.Add($"{path}[{i}]", $"({Convert.ToInt32(values[i], System.Globalization.CultureInfo.InvariantCulture)}) is not a {what}. Valid: {names.Valid}.");
            }
            else if (!seen.Add(values[i]))
            {
                p.Add($"{path}[{i}]", $"'{names.Name(values[i])}' appears twice.");
            }
        }
    }
}
