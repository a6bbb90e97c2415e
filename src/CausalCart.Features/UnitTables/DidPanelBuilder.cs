using System.Globalization;
using CausalCart.Core.Tables;
using CausalCart.Features.Study;
using CausalCart.Store;
using CausalCart.Store.DuckDb;

namespace CausalCart.Features.UnitTables;

/// <summary>
/// Builds the user × period panel of a difference-in-differences study (<see cref="StudySpec.Did"/>) from an event store:
/// columns <c>user</c>, <c>period</c> (1 to <see cref="DidStudySpec.Periods"/>), <c>outcome</c> and <c>first_treated</c>
/// (the user's cohort, 0 for never treated), then one column per <see cref="DidStudySpec.CovariateColumns"/> (the user's
/// events of that action in [start − look-back, start), the same in every period, 0 when none); one row per user and
/// period, ordered by user then period; every value a double, none missing. The rules are those of
/// <see cref="DidStudySpec"/>; a period without outcome events has outcome 0.
/// </summary>
public static class DidPanelBuilder
{
    /// <summary>The panel's column names.</summary>
    public const string UserColumn = "user", PeriodColumn = "period", OutcomeColumn = "outcome", FirstTreatedColumn = "first_treated";

    /// <summary>Builds the panel.</summary>
    /// <param name="store">An open event store.</param>
    /// <param name="spec">A difference-in-differences study; its <see cref="StudySpec.Data"/> is not read.</param>
    /// <returns>The panel. Deterministic for a given store and spec.</returns>
    /// <exception cref="StudySpecException">The spec is invalid.</exception>
    /// <exception cref="ArgumentException">The spec is not a difference-in-differences study.</exception>
    /// <exception cref="InvalidOperationException">The store has no such rollout campaign or arm; the message lists those it has.</exception>
    public static UnitTable Build(EventStore store, StudySpec spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var did = spec.Did ?? throw new ArgumentException($"Study '{spec.Name}' has no 'did' block: build its unit table with StudyTableBuilder.", nameof(spec));
        StoreCampaigns.Require(store.Connection, [(did.Rollout, did.Arm, "did.rollout", "did.arm")]);

        var valueExpression = did.OutcomeValue switch
        {
            OutcomeValue.Any => "CASE WHEN o.n > 0 THEN 1.0 ELSE 0.0 END",
            OutcomeValue.Count => "coalesce(o.n, 0)",
            OutcomeValue.Revenue => "coalesce(o.revenue, 0)",
            _ => throw new InvalidOperationException($"Unhandled outcome value {did.OutcomeValue}."),
        };
        // Pre-start activity per user: one count per covariate action (action bytes come from the enum, not from text).
        var pre = did.CovariateActions.Select((a, k) => string.Create(CultureInfo.InvariantCulture, $"count(*) FILTER (WHERE e.action = {(int)a}) AS c{k}")).ToArray();
        var preCte = pre.Length == 0 ? string.Empty
            : "pre AS (SELECT e.\"user\", " + string.Join(", ", pre) + " FROM events e WHERE e.ts >= make_timestamp($7) AND e.ts < make_timestamp($1) GROUP BY 1),\n";
        var preSelect = string.Concat(Enumerable.Range(0, pre.Length).Select(k => string.Create(CultureInfo.InvariantCulture, $", CAST(coalesce(b.c{k}, 0) AS DOUBLE)")));
        var preJoin = pre.Length == 0 ? string.Empty : " LEFT JOIN pre b ON b.\"user\" = c.\"user\"";

        // $1 start (µs since 1970), $2 period length (µs), $3 end (µs), $4 rollout key, $5 arm ('' for any), $6 outcome action byte,
        // $7 start of the covariates' look-back (µs).
        // Periods are counted by integer division of the microseconds since the start (never negative inside the panel).
        var sql = "WITH\n"
            + "units AS (SELECT DISTINCT e.\"user\" FROM events e WHERE e.\"user\" IS NOT NULL AND e.ts >= make_timestamp($1) AND e.ts < make_timestamp($3)),\n"
            + "first_exposure AS (SELECT x.\"user\", min(x.ts) AS first_ts FROM exposures x JOIN ids_campaign c ON c.id = x.campaign\n"
            + "    WHERE c.key = $4 AND ($5 = '' OR x.arm = $5) GROUP BY x.\"user\"),\n"
            + "cohorts AS (SELECT u.\"user\", CASE WHEN f.first_ts IS NULL OR f.first_ts >= make_timestamp($3) THEN 0\n"
            + "    WHEN f.first_ts < make_timestamp($1) THEN 1\n"
            + "    ELSE 1 + date_diff('microsecond', make_timestamp($1), f.first_ts) // $2 END AS g\n"
            + "    FROM units u LEFT JOIN first_exposure f ON f.\"user\" = u.\"user\"),\n"
            + "outcomes AS (SELECT e.\"user\", 1 + date_diff('microsecond', make_timestamp($1), e.ts) // $2 AS p, count(*) AS n, sum(coalesce(e.price, 0)) AS revenue\n"
            + "    FROM events e WHERE e.action = $6 AND e.ts >= make_timestamp($1) AND e.ts < make_timestamp($3) GROUP BY 1, 2),\n"
            + preCte
            + $"periods AS (SELECT range AS p FROM range(1, {(did.Periods + 1).ToString(CultureInfo.InvariantCulture)}))\n"
            + "SELECT CAST(c.\"user\" AS DOUBLE), CAST(p.p AS DOUBLE), CAST(" + valueExpression + " AS DOUBLE), CAST(c.g AS DOUBLE)" + preSelect + "\n"
            + "FROM cohorts c CROSS JOIN periods p LEFT JOIN outcomes o ON o.\"user\" = c.\"user\" AND o.p = p.p" + preJoin + "\n"
            + "ORDER BY c.\"user\", p.p";

        var columns = new List<double>[4 + pre.Length]; // (user, period, outcome, first_treated, covariates…) per row
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = [];
        }

        using (var statement = store.Connection.Prepare(sql))
        {
            statement.Bind(1, DuckDbTime.ToMicros(did.Start));
            statement.Bind(2, did.Period.Ticks / TimeSpan.TicksPerMicrosecond);
            statement.Bind(3, DuckDbTime.ToMicros(did.End));
            statement.Bind(4, did.Rollout);
            statement.Bind(5, did.Arm ?? string.Empty);
            statement.Bind(6, (long)did.OutcomeAction);
            if (pre.Length > 0)
            {
                statement.Bind(7, DuckDbTime.ToMicros(did.Start - did.CovariateLookback));
            }

            using var reader = statement.ExecuteReader();
            while (reader.ReadChunk())
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    foreach (var v in reader.GetValues<double>(c))
                    {
                        columns[c].Add(v);
                    }
                }
            }
        }

        var names = did.CovariateColumns;
        return new UnitTable([
            new NumericColumn(UserColumn, [.. columns[0]]),
            new NumericColumn(PeriodColumn, [.. columns[1]]),
            new NumericColumn(OutcomeColumn, [.. columns[2]]),
            new NumericColumn(FirstTreatedColumn, [.. columns[3]]),
            .. names.Select((name, k) => new NumericColumn(name, [.. columns[4 + k]])),
        ]);
    }
}
