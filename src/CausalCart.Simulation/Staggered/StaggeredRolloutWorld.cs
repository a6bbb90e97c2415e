using System.Globalization;
using System.Text;

namespace CausalCart.Simulation.Staggered;

/// <summary>The true effect of the rollout on cohort g at event time e = week − g (e ≥ 0).</summary>
/// <param name="FirstWeek">Cohort g.</param>
/// <param name="EventTime">Weeks since adoption e.</param>
/// <param name="Week">Calendar week t = g + e.</param>
/// <param name="Att">ATT(g, t): mean of Y(1) − Y(0) over the cohort's units (the effect is additive, so exactly τ(g, e)).</param>
/// <param name="Units">Units in the cohort.</param>
public sealed record RolloutCellTruth(int FirstWeek, int EventTime, int Week, double Att, int Units);

/// <summary>
/// A simulated staggered rollout: the weekly unit panel in long form (one row per unit-week, units ascending, weeks
/// ascending within a unit) and its known truth. Immutable.
/// </summary>
/// <param name="Options">The options that produced the world.</param>
/// <param name="Unit">(n·T) unit id 0 … n − 1.</param>
/// <param name="Week">(n·T) week 1 … T.</param>
/// <param name="Spend">(n·T) weekly spend (the outcome).</param>
/// <param name="FirstTreated">(n·T) the unit's first treated week, 0 = never treated.</param>
/// <param name="CellTruth">ATT(g, t) for every cohort and post-adoption week inside the panel.</param>
public sealed record StaggeredRolloutWorld(
    StaggeredRolloutOptions Options,
    IReadOnlyList<long> Unit,
    IReadOnlyList<int> Week,
    IReadOnlyList<double> Spend,
    IReadOnlyList<int> FirstTreated,
    IReadOnlyList<RolloutCellTruth> CellTruth)
{
    /// <summary>
    /// The event-study truth at e ≥ 0: the cohort-size-weighted mean of ATT(g, g + e) over cohorts observed e weeks after
    /// adoption (the weights of Callaway &amp; Sant'Anna's dynamic aggregation); 0 for e &lt; 0 (no anticipation here).
    /// Event times no cohort reaches inside the panel are absent.
    /// </summary>
    public IReadOnlyDictionary<int, double> EventStudyTruth()
    {
        var truth = new SortedDictionary<int, double>();
        int minE = 1 - CellTruth.Select(c => c.FirstWeek).DefaultIfEmpty(1).Max();
        for (int e = minE; e < 0; e++)
        {
            truth[e] = 0;
        }

        foreach (var byE in CellTruth.GroupBy(c => c.EventTime))
        {
            truth[byE.Key] = byE.Sum(c => c.Att * c.Units) / byE.Sum(c => (double)c.Units);
        }

        return truth;
    }

    /// <summary>The simple-aggregation truth: mean ATT(g, t) over post-adoption cells, each weighted by its cohort's size.</summary>
    public double SimpleTruth() => CellTruth.Sum(c => c.Att * c.Units) / CellTruth.Sum(c => (double)c.Units);

    /// <summary>Writes <c>panel.csv</c> (unit,week,spend,first_treated) and <c>truth_did.csv</c> (first_week,event_time,week,att,units) into <paramref name="directory"/> (created if missing); invariant culture, round-trip doubles.</summary>
    public void WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var panel = new StringBuilder("unit,week,spend,first_treated\n");
        for (int r = 0; r < Unit.Count; r++)
        {
            panel.Append(CultureInfo.InvariantCulture, $"{Unit[r]},{Week[r]},{Spend[r].ToString("R", CultureInfo.InvariantCulture)},{FirstTreated[r]}\n");
        }

        File.WriteAllText(Path.Combine(directory, "panel.csv"), panel.ToString());
        var truth = new StringBuilder("first_week,event_time,week,att,units\n");
        foreach (RolloutCellTruth c in CellTruth)
        {
            truth.Append(CultureInfo.InvariantCulture, $"{c.FirstWeek},{c.EventTime},{c.Week},{c.Att.ToString("R", CultureInfo.InvariantCulture)},{c.Units}\n");
        }

        File.WriteAllText(Path.Combine(directory, "truth_did.csv"), truth.ToString());
    }
}
