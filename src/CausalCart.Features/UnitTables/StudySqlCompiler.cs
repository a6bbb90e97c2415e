using System.Globalization;
using System.Text;
using CausalCart.Core.Events;
using CausalCart.Features.Study;

namespace CausalCart.Features.UnitTables;

/// <summary>
/// Compiles a study spec to one DuckDB query over the event store (<c>events</c>, <c>exposures</c>,
/// <c>ids_campaign</c>) that returns the unit table. The column scheme is documented in the project README.
/// </summary>
/// <remarks>
/// Implementation note: the query is a chain of CTEs, one per step of the trial. <c>units</c> fixes each unit's
/// time zero <c>t0</c> and its covariate cut-off <c>cutoff = t0 − gap</c>; <c>history</c> is the only CTE
/// covariates read, and it keeps only events with <c>ts &lt; cutoff</c>, so no covariate can see time zero or
/// anything after it. Treatment and outcome read events or exposures at or after <c>t0</c> only. Values taken
/// from the spec travel as <c>$name</c> parameters: instants and durations as BIGINT microseconds
/// (<c>make_timestamp</c>, <c>to_microseconds</c>), actions as their canonical byte, names as strings. Action
/// codes enumerated by a covariate family (not chosen by the spec) are literals with their name in a comment.
/// </remarks>
public static class StudySqlCompiler
{
    private const long MicrosPerDay = 86_400_000_000L;

    /// <summary>Validates the spec and compiles it.</summary>
    /// <param name="spec">The study.</param>
    /// <returns>The query, its parameters and its columns.</returns>
    /// <exception cref="StudySpecException">The spec is invalid.</exception>
    /// <exception cref="ArgumentException">The spec is a difference-in-differences study (<see cref="StudySpec.Did"/>): its panel comes from <see cref="DidPanelBuilder"/>.</exception>
    public static CompiledStudy Compile(StudySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (spec.Did is not null)
        {
            throw new ArgumentException($"Study '{spec.Name}' is a difference-in-differences study: build its panel with DidPanelBuilder.", nameof(spec));
        }

        return new Compilation(spec).Run();
    }

    /// <summary>The plural column stem of an action's count column (<c>views</c>, <c>remove_from_carts</c>).</summary>
    public static string CountStem(CanonicalAction action) => action switch
    {
        CanonicalAction.Search => "searches",
        _ => CanonicalActions.Name(action) + "s",
    };

    private static long Micros(TimeSpan duration) => duration.Ticks / TimeSpan.TicksPerMicrosecond;

    private static long Micros(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    private sealed class Compilation
    {
        private readonly StudySpec _spec;
        private readonly bool _pairs;
        private readonly StringBuilder _sql = new();
        private readonly List<StudySqlParameter> _parameters = [];
        private readonly List<StudyColumn> _columns = [];
        private readonly List<string> _select = [];
        private readonly List<string> _joins = [];
        private readonly IReadOnlyList<TimeSpan> _lookbacks;
        private readonly TimeSpan _longest;

        public Compilation(StudySpec spec)
        {
            _spec = spec;
            _pairs = spec.Unit == StudyUnit.UserItem;
            _lookbacks = spec.Covariates.Lookbacks;
            _longest = _lookbacks.Count == 0 ? TimeSpan.Zero : _lookbacks.Max();
        }

        public CompiledStudy Run()
        {
            var unitWords = _pairs ? "user–item pair" : "user";
            _sql.Append(CultureInfo.InvariantCulture, $"-- CausalCart study '{Comment(_spec.Name)}': one row per eligible {unitWords}.\n");
            _sql.Append("-- Covariates read only the 'history' CTE: events with ts < cutoff = t0 - gap.\n");
            _sql.Append("WITH\n");
            EmitUnits();
            EmitTreatment();
            EmitOutcome();
            EmitCovariates();
            _sql.Length -= 2; // the last CTE's ",\n"
            _sql.Append('\n');
            EmitFinalSelect();
            return new CompiledStudy(_sql.ToString(), _parameters, _columns);
        }

        private string Keys(string alias) => _pairs ? $"{alias}.\"user\", {alias}.item" : $"{alias}.\"user\"";

        private string KeysMatch(string left, string right) => _pairs
            ? $"{left}.\"user\" = {right}.\"user\" AND {left}.item = {right}.item"
            : $"{left}.\"user\" = {right}.\"user\"";

        private string Param(string name, object value)
        {
            if (!_parameters.Any(p => p.Name == name))
            {
                _parameters.Add(new StudySqlParameter(name, value));
            }

            return "$" + name;
        }

        private string Interval(string name, TimeSpan duration) => $"to_microseconds({Param(name, Micros(duration))})";

        private string LookbackStart(TimeSpan lookback) =>
            $"h.cutoff - {Interval($"lookback_{StudyDurations.Format(lookback)}_us", lookback)}";

        private void Cte(string name, string comment, string body)
        {
            _sql.Append(CultureInfo.InvariantCulture, $"{name} AS (\n    -- {comment}\n");
            foreach (var line in body.Split('\n'))
            {
                _sql.Append("    ").Append(line).Append('\n');
            }

            _sql.Append("),\n");
        }

        private void Column(string expression, string name, StudyColumnRole role, string description)
        {
            // DuckDB types 1.0 as DECIMAL: every value column is cast so the result is DOUBLE throughout.
            if (role is not (StudyColumnRole.Key or StudyColumnRole.TimeZero) && !expression.StartsWith("CAST(", StringComparison.Ordinal))
            {
                expression = $"CAST({expression} AS DOUBLE)";
            }

            _select.Add($"{expression} AS {Quote(name)}");
            _columns.Add(new StudyColumn(name, role, description));
        }

        private void EmitUnits()
        {
            var gap = Interval("gap_us", _spec.Covariates.Gap);
            var active = _spec.Eligibility.ActiveWithin;
            switch (_spec.TimeZero)
            {
                case FixedTimeZero f:
                    Cte("time_zero", "time zero: a fixed instant, the same for every unit",
                        $"SELECT make_timestamp({Param("time_zero_at_us", Micros(f.AtUtc))}) AS t0");
                    EmitSharedUnits(gap, active);
                    break;
                case CampaignTimeZero c:
                    Cte("time_zero", "time zero: the campaign's first exposure (any arm), the same for every unit",
                        "SELECT min(x.ts) AS t0\n"
                        + "FROM exposures x JOIN ids_campaign c ON c.id = x.campaign\n"
                        + $"WHERE c.key = {Param("time_zero_campaign", c.Campaign)}");
                    EmitSharedUnits(gap, active);
                    break;
                case FirstActionTimeZero first:
                    EmitFirstActionUnits(first, gap, active);
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled time zero {_spec.TimeZero.GetType().Name}.");
            }
        }

        private void EmitSharedUnits(string gap, TimeSpan? active)
        {
            var window = active is { } a
                ? $"e.ts >= z.t0 - {Interval("active_within_us", a)} AND e.ts < z.t0"
                : "e.ts < z.t0";
            var comment = active is { } w
                ? $"eligible users: at least one event in [t0 - {StudyDurations.Format(w)}, t0)"
                : "eligible users: at least one event before t0";
            Cte("units", comment,
                $"SELECT e.\"user\", z.t0, z.t0 - {gap} AS cutoff\n"
                + "FROM events e CROSS JOIN time_zero z\n"
                + $"WHERE e.\"user\" IS NOT NULL AND {window}\n"
                + "GROUP BY e.\"user\", z.t0");
        }

        private void EmitFirstActionUnits(FirstActionTimeZero first, string gap, TimeSpan? active)
        {
            var actionName = CanonicalActions.Name(first.Action);
            var filters = new List<string> { $"e.action = {Param("time_zero_action", (long)first.Action)}", "e.\"user\" IS NOT NULL" };
            if (_pairs)
            {
                filters.Add("e.item IS NOT NULL");
            }

            if (first.Period?.From is { } from)
            {
                filters.Add($"e.ts >= make_timestamp({Param("period_from_us", Micros(DateTime.SpecifyKind(from, DateTimeKind.Utc)))})");
            }

            if (first.Period?.To is { } to)
            {
                filters.Add($"e.ts < make_timestamp({Param("period_to_us", Micros(DateTime.SpecifyKind(to, DateTimeKind.Utc)))})");
            }

            var period = first.Period is null ? string.Empty : " within the period";
            Cte("first_events", _pairs
                    ? $"time zero: each user's first {actionName} of each item{period}"
                    : $"time zero: each user's first {actionName}{period}",
                $"SELECT {Keys("e")}, min(e.ts) AS t0\n"
                + "FROM events e\n"
                + $"WHERE {string.Join(" AND ", filters)}\n"
                + $"GROUP BY {Keys("e")}");
            if (_pairs)
            {
                // The item's category is the unit's attribute at time zero: the smallest category recorded on
                // the pair's time-zero events (deterministic when a log repeats the event).
                Cte("candidates", "each pair's item category, as recorded on its time-zero event",
                    $"SELECT {Keys("f")}, f.t0, min(e.category) AS item_category\n"
                    + "FROM first_events f\n"
                    + $"JOIN events e ON {KeysMatch("e", "f")} AND e.ts = f.t0 AND e.action = {Param("time_zero_action", (long)first.Action)}\n"
                    + $"GROUP BY {Keys("f")}, f.t0");
            }

            var source = _pairs ? "candidates" : "first_events";
            var extra = _pairs ? ", c.item_category" : string.Empty;
            var body = $"SELECT {Keys("c")}, c.t0, c.t0 - {gap} AS cutoff{extra}\nFROM {source} c";
            var comment = "eligible units: every unit";
            if (active is { } a)
            {
                body += "\nWHERE EXISTS (\n"
                    + "    SELECT 1 FROM events e\n"
                    + $"    WHERE e.\"user\" = c.\"user\" AND e.ts >= c.t0 - {Interval("active_within_us", a)} AND e.ts < c.t0)";
                comment = $"eligible units: the user has at least one event in [t0 - {StudyDurations.Format(a)}, t0)";
            }

            Cte("units", comment, body);
        }

        private void EmitTreatment()
        {
            EmitExposure(_spec.Treatment, "treated", "treatment", "treated");
            _joins.Add($"LEFT JOIN treated t ON {KeysMatch("t", "u")}");
            if (_spec.Instrument is { } instrument)
            {
                // The instrument is measured exactly as the treatment is, with parameters of its own.
                EmitExposure(instrument, "encouraged", "instrument", "instrument 1");
                _joins.Add($"LEFT JOIN encouraged z ON {KeysMatch("z", "u")}");
            }
        }

        // One CTE listing the units with the campaign exposure or the action in [t0, t0 + within).
        private void EmitExposure(TreatmentSpec t, string cte, string prefix, string meaning)
        {
            var grace = StudyDurations.Format(t.Within);
            var within = Interval($"{prefix}_within_us", t.Within);
            switch (t)
            {
                case CampaignTreatment c:
                    var arm = c.Arm is null ? string.Empty : $" AND x.arm = {Param($"{prefix}_arm", c.Arm)}";
                    Cte(cte, $"{meaning}: exposed to the campaign{(c.Arm is null ? string.Empty : " in the arm")} with t0 <= ts < t0 + {grace}",
                        $"SELECT DISTINCT {Keys("u")}\n"
                        + "FROM units u\n"
                        + "JOIN exposures x ON x.\"user\" = u.\"user\"\n"
                        + "JOIN ids_campaign c ON c.id = x.campaign\n"
                        + $"WHERE c.key = {Param($"{prefix}_campaign", c.Campaign)}{arm}\n"
                        + $"  AND x.ts >= u.t0 AND x.ts < u.t0 + {within}");
                    break;
                case ActionTreatment a:
                    Cte(cte, $"{meaning}: a {CanonicalActions.Name(a.Action)}{(_pairs ? " of the item" : string.Empty)} with t0 <= ts < t0 + {grace}",
                        $"SELECT DISTINCT {Keys("u")}\n"
                        + "FROM units u\n"
                        + $"JOIN events e ON {KeysMatch("e", "u")}\n"
                        + $"WHERE e.action = {Param($"{prefix}_action", (long)a.Action)}\n"
                        + $"  AND e.ts >= u.t0 AND e.ts < u.t0 + {within}");
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled {prefix} {t.GetType().Name}.");
            }
        }

        private void EmitOutcome()
        {
            var o = _spec.Outcome;
            var start = o.StartOffset(_spec.Treatment);
            var end = start + o.Within;
            var action = CanonicalActions.Name(o.Action);
            Cte("outcome_events", $"outcome: {action} events{(_pairs ? " of the item" : string.Empty)} with t0 + {StudyDurations.Format(start)} <= ts < t0 + {StudyDurations.Format(end)}",
                $"SELECT {Keys("u")}, count(*) AS n, sum(coalesce(e.price, 0)) AS revenue\n"
                + "FROM units u\n"
                + $"JOIN events e ON {KeysMatch("e", "u")}\n"
                + $"WHERE e.action = {Param("outcome_action", (long)o.Action)}\n"
                + $"  AND e.ts >= u.t0 + {Interval("outcome_start_us", start)} AND e.ts < u.t0 + {Interval("outcome_end_us", end)}\n"
                + $"GROUP BY {Keys("u")}");
            _joins.Add($"LEFT JOIN outcome_events o ON {KeysMatch("o", "u")}");
        }

        private void EmitCovariates()
        {
            var families = _spec.Covariates.Families;
            if (families.Count == 0)
            {
                return;
            }

            var horizon = _longest;
            if (families.Contains(CovariateFamily.Recency) && _spec.Covariates.RecencyCap > horizon)
            {
                horizon = _spec.Covariates.RecencyCap;
            }

            var extra = _pairs ? ", u.item_category" : string.Empty;
            Cte("history", $"the units' events strictly before the cutoff (t0 - gap), at most {StudyDurations.Format(horizon)} earlier",
                $"SELECT {Keys("u")}, u.t0, u.cutoff{extra}, e.action, e.ts, e.price, e.category, e.\"session\"\n"
                + "FROM units u\n"
                + "JOIN events e ON e.\"user\" = u.\"user\"\n"
                + $"WHERE e.ts < u.cutoff AND e.ts >= u.cutoff - {Interval("history_us", horizon)}");

            foreach (var family in families)
            {
                switch (family)
                {
                    case CovariateFamily.ActionCounts:
                        EmitActionCounts();
                        break;
                    case CovariateFamily.Recency:
                        EmitRecency();
                        break;
                    case CovariateFamily.PriceStats:
                        EmitPriceStats();
                        break;
                    case CovariateFamily.CategoryAffinity:
                        EmitCategoryAffinity();
                        break;
                    case CovariateFamily.Sessions:
                        EmitSessions();
                        break;
                    default:
                        throw new InvalidOperationException($"Unhandled covariate family {family}.");
                }
            }
        }

        private void EmitActionCounts()
        {
            var aggregates = new List<string>();
            foreach (var lookback in _lookbacks)
            {
                var label = StudyDurations.Format(lookback);
                foreach (var action in CanonicalActions.All)
                {
                    var name = $"{CountStem(action)}_{label}";
                    aggregates.Add($"count(*) FILTER (WHERE h.action = {(int)action} /* {CanonicalActions.Name(action)} */ AND h.ts >= {LookbackStart(lookback)}) AS {name}");
                    Column($"CAST(coalesce(f_action_counts.{name}, 0) AS DOUBLE)", name, StudyColumnRole.Covariate,
                        $"{CanonicalActions.Name(action)} events in [t0 - {label}, t0)");
                }
            }

            Cte("f_action_counts", "covariates: events per action per look-back",
                $"SELECT {Keys("h")},\n    {string.Join(",\n    ", aggregates)}\nFROM history h\nGROUP BY {Keys("h")}");
            _joins.Add($"LEFT JOIN f_action_counts ON {KeysMatch("f_action_counts", "u")}");
        }

        private void EmitRecency()
        {
            var cap = _spec.Covariates.RecencyCap;
            var capLabel = StudyDurations.Format(cap);
            var since = $"h.ts >= h.t0 - {Interval("recency_cap_us", cap)}";
            Cte("f_recency", $"covariates: the last event and the last buy within {capLabel} before t0",
                $"SELECT {Keys("h")},\n"
                + $"    max(h.ts) FILTER (WHERE {since}) AS last_event_ts,\n"
                + $"    max(h.ts) FILTER (WHERE h.action = {(int)CanonicalAction.Buy} /* buy */ AND {since}) AS last_buy_ts\n"
                + $"FROM history h\nGROUP BY {Keys("h")}");
            _joins.Add($"LEFT JOIN f_recency ON {KeysMatch("f_recency", "u")}");
            var capMicros = Param("recency_cap_us", Micros(cap));
            foreach (var (what, column) in new[] { ("event", "last_event_ts"), ("buy", "last_buy_ts") })
            {
                Column($"coalesce(CAST(date_diff('microsecond', f_recency.{column}, u.t0) AS DOUBLE), CAST({capMicros} AS DOUBLE)) / {MicrosPerDay}.0",
                    $"days_since_last_{what}", StudyColumnRole.Covariate,
                    $"days from the last {what} before t0 to t0; {capLabel} in days when there is none within {capLabel}");
                Column($"CASE WHEN f_recency.{column} IS NULL THEN 1.0 ELSE 0.0 END",
                    $"days_since_last_{what}_missing", StudyColumnRole.Covariate,
                    $"1 when there is no {what} within {capLabel} before t0, else 0");
            }
        }

        private void EmitPriceStats()
        {
            var label = StudyDurations.Format(_longest);
            var inWindow = $"h.ts >= {LookbackStart(_longest)}";
            Cte("f_price_stats", $"covariates: prices of viewed items and spend in [t0 - {label}, t0)",
                $"SELECT {Keys("h")},\n"
                + $"    avg(h.price) FILTER (WHERE h.action = {(int)CanonicalAction.View} /* view */ AND {inWindow}) AS view_price_mean,\n"
                + $"    max(h.price) FILTER (WHERE h.action = {(int)CanonicalAction.View} /* view */ AND {inWindow}) AS view_price_max,\n"
                + $"    sum(h.price) FILTER (WHERE h.action = {(int)CanonicalAction.Buy} /* buy */ AND {inWindow}) AS spend\n"
                + $"FROM history h\nGROUP BY {Keys("h")}");
            _joins.Add($"LEFT JOIN f_price_stats ON {KeysMatch("f_price_stats", "u")}");
            Column("CAST(coalesce(f_price_stats.view_price_mean, 0) AS DOUBLE)", $"view_price_mean_{label}", StudyColumnRole.Covariate,
                $"mean price of viewed items in [t0 - {label}, t0); 0 when none has a price");
            Column("CAST(coalesce(f_price_stats.view_price_max, 0) AS DOUBLE)", $"view_price_max_{label}", StudyColumnRole.Covariate,
                $"highest price of a viewed item in [t0 - {label}, t0); 0 when none has a price");
            Column("CASE WHEN f_price_stats.view_price_mean IS NULL THEN 1.0 ELSE 0.0 END", $"view_price_missing_{label}", StudyColumnRole.Covariate,
                $"1 when no viewed item in [t0 - {label}, t0) has a price, else 0");
            Column("CAST(coalesce(f_price_stats.spend, 0) AS DOUBLE)", $"spend_{label}", StudyColumnRole.Covariate,
                $"sum of prices of buy events in [t0 - {label}, t0)");
        }

        private void EmitCategoryAffinity()
        {
            var label = StudyDurations.Format(_longest);
            var inWindow = $"h.category IS NOT NULL AND h.ts >= {LookbackStart(_longest)}";
            if (_pairs)
            {
                Cte("f_category_affinity", $"covariates: the user's categorised events in [t0 - {label}, t0), and those in the item's category",
                    $"SELECT {Keys("h")},\n"
                    + "    count(*) FILTER (WHERE h.category = h.item_category) AS in_item_category,\n"
                    + "    count(*) AS categorised\n"
                    + $"FROM history h\nWHERE {inWindow}\nGROUP BY {Keys("h")}");
                _joins.Add($"LEFT JOIN f_category_affinity ON {KeysMatch("f_category_affinity", "u")}");
                Column("CASE WHEN f_category_affinity.categorised > 0 AND u.item_category IS NOT NULL "
                    + "THEN CAST(f_category_affinity.in_item_category AS DOUBLE) / CAST(f_category_affinity.categorised AS DOUBLE) ELSE 0.0 END",
                    $"item_category_share_{label}", StudyColumnRole.Covariate,
                    $"share of the user's categorised events in [t0 - {label}, t0) that are in the item's category; 0 when undefined");
                Column("CAST(coalesce(f_category_affinity.in_item_category, 0) AS DOUBLE)", $"item_category_events_{label}", StudyColumnRole.Covariate,
                    $"the user's events in the item's category in [t0 - {label}, t0)");
                Column("CASE WHEN f_category_affinity.categorised > 0 AND u.item_category IS NOT NULL THEN 0.0 ELSE 1.0 END",
                    $"item_category_share_missing_{label}", StudyColumnRole.Covariate,
                    $"1 when the share is undefined (no categorised events in [t0 - {label}, t0), or the item has no category), else 0");
                return;
            }

            Cte("f_category_counts", $"the user's categorised events per category in [t0 - {label}, t0)",
                $"SELECT {Keys("h")}, h.category, count(*) AS n\nFROM history h\nWHERE {inWindow}\nGROUP BY {Keys("h")}, h.category");
            Cte("f_category_affinity", "covariates: the share of categorised events in the top category",
                $"SELECT {Keys("c")}, CAST(max(c.n) AS DOUBLE) / CAST(sum(c.n) AS DOUBLE) AS top_share\n"
                + $"FROM f_category_counts c\nGROUP BY {Keys("c")}");
            _joins.Add($"LEFT JOIN f_category_affinity ON {KeysMatch("f_category_affinity", "u")}");
            Column("coalesce(f_category_affinity.top_share, 0.0)", $"top_category_share_{label}", StudyColumnRole.Covariate,
                $"share of the user's categorised events in [t0 - {label}, t0) that are in their most frequent category; 0 when none");
            Column("CASE WHEN f_category_affinity.top_share IS NULL THEN 1.0 ELSE 0.0 END", $"top_category_share_missing_{label}", StudyColumnRole.Covariate,
                $"1 when the user has no categorised events in [t0 - {label}, t0), else 0");
        }

        private void EmitSessions()
        {
            var aggregates = new List<string>();
            foreach (var lookback in _lookbacks)
            {
                var label = StudyDurations.Format(lookback);
                var name = $"sessions_{label}";
                aggregates.Add($"count(DISTINCT h.\"session\") FILTER (WHERE h.ts >= {LookbackStart(lookback)}) AS {name}");
                Column($"CAST(coalesce(f_sessions.{name}, 0) AS DOUBLE)", name, StudyColumnRole.Covariate,
                    $"distinct sessions with at least one event in [t0 - {label}, t0)");
            }

            Cte("f_sessions", "covariates: sessions per look-back",
                $"SELECT {Keys("h")},\n    {string.Join(",\n    ", aggregates)}\nFROM history h\nGROUP BY {Keys("h")}");
            _joins.Add($"LEFT JOIN f_sessions ON {KeysMatch("f_sessions", "u")}");
        }

        private void EmitFinalSelect()
        {
            var covariateSelect = _select.ToList();
            var covariateColumns = _columns.ToList();
            _select.Clear();
            _columns.Clear();
            Column("u.\"user\"", "user", StudyColumnRole.Key, "the user's id in the store (ids_user)");
            if (_pairs)
            {
                Column("u.item", "item", StudyColumnRole.Key, "the item's id in the store (ids_item)");
            }

            Column("u.t0", "t0", StudyColumnRole.TimeZero, "time zero (UTC)");
            Column("CASE WHEN t.\"user\" IS NULL THEN 0.0 ELSE 1.0 END", "treatment", StudyColumnRole.Treatment, ExposureWords(_spec.Treatment));
            var (outcomeExpression, outcomeWords) = _spec.Outcome.Value switch
            {
                OutcomeValue.Any => ("CASE WHEN o.n > 0 THEN 1.0 ELSE 0.0 END", "1 if"),
                OutcomeValue.Count => ("CAST(coalesce(o.n, 0) AS DOUBLE)", "number of"),
                OutcomeValue.Revenue => ("CAST(coalesce(o.revenue, 0) AS DOUBLE)", "sum of prices of"),
                _ => throw new InvalidOperationException($"Unhandled outcome value {_spec.Outcome.Value}."),
            };
            var start = _spec.Outcome.StartOffset(_spec.Treatment);
            var end = start + _spec.Outcome.Within;
            Column(outcomeExpression, "outcome", StudyColumnRole.Outcome,
                $"{outcomeWords} {CanonicalActions.Name(_spec.Outcome.Action)} events{(_pairs ? " of the item" : string.Empty)} in [t0 + {StudyDurations.Format(start)}, t0 + {StudyDurations.Format(end)})");
            if (_spec.Instrument is { } instrument)
            {
                Column("CASE WHEN z.\"user\" IS NULL THEN 0.0 ELSE 1.0 END", "instrument", StudyColumnRole.Instrument, ExposureWords(instrument));
            }

            _select.AddRange(covariateSelect);
            _columns.AddRange(covariateColumns);

            _sql.Append("SELECT\n    ").Append(string.Join(",\n    ", _select)).Append('\n');
            _sql.Append("FROM units u\n");
            foreach (var join in _joins)
            {
                _sql.Append(join).Append('\n');
            }

            _sql.Append("ORDER BY ").Append(Keys("u"));
        }

        private string ExposureWords(TreatmentSpec exposure) => exposure switch
        {
            CampaignTreatment c => $"1 if exposed to campaign '{c.Campaign}'{(c.Arm is null ? string.Empty : $" in arm '{c.Arm}'")} in [t0, t0 + {StudyDurations.Format(c.Within)}), else 0",
            ActionTreatment a => $"1 if a {CanonicalActions.Name(a.Action)}{(_pairs ? " of the item" : string.Empty)} occurs in [t0, t0 + {StudyDurations.Format(a.Within)}), else 0",
            _ => throw new InvalidOperationException($"Unhandled treatment {exposure.GetType().Name}."),
        };

        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        private static string Comment(string text) => text.Replace("\n", " ", StringComparison.Ordinal).Replace("*/", "* /", StringComparison.Ordinal);
    }
}
