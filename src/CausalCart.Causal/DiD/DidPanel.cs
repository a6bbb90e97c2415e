namespace CausalCart.Causal.DiD;

/// <summary>
/// A validated, balanced panel for difference-in-differences: n units observed in the same T periods, each with a
/// first-treated period g (0 = never treated), an outcome per unit-period, optional covariates per unit-period and an
/// optional cluster per unit. Immutable; safe to share between threads.
/// </summary>
/// <remarks>
/// Implementation note: stored wide and unit-major (Y[i·T + t]), units sorted by id and periods ascending, so every
/// estimator sees the same order whatever the input row order. Conventions follow the R <c>did</c> package: a first-treated
/// period after the last period means "not treated within the panel" and is set to 0; units already treated in the first
/// period have no pre-treatment period, cannot be used by any estimator here and are dropped
/// (<see cref="AlwaysTreatedUnits"/>). Unbalanced input is rejected or reduced to its balanced sub-panel
/// (<see cref="UnbalancedPanelHandling"/>).
/// </remarks>
public sealed class DidPanel
{
    private readonly double[] _y;      // (n, T) outcomes, unit-major
    private readonly double[]? _x;     // (n, T, p) covariates, or null
    private readonly int[] _g;         // (n) first-treated period, 0 = never
    private readonly int[]? _cluster;  // (n) dense cluster index, or null

    private DidPanel(long[] units, int[] periods, double[] y, int[] g, double[]? x, string[] covariateNames, int[]? cluster, int clusterCount, int dropped, int alwaysTreated)
    {
        UnitIds = units;
        Periods = periods;
        _y = y;
        _g = g;
        _x = x;
        CovariateNames = covariateNames;
        _cluster = cluster;
        ClusterCount = clusterCount;
        DroppedUnits = dropped;
        AlwaysTreatedUnits = alwaysTreated;
    }

    /// <summary>Unit ids, ascending; index i of every per-unit accessor refers to <c>UnitIds[i]</c>.</summary>
    public IReadOnlyList<long> UnitIds { get; }

    /// <summary>The panel's periods, ascending.</summary>
    public IReadOnlyList<int> Periods { get; }

    /// <summary>Number of units n.</summary>
    public int UnitCount => UnitIds.Count;

    /// <summary>Number of periods T.</summary>
    public int PeriodCount => Periods.Count;

    /// <summary>Covariate names, in input order (empty when none).</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>Number of covariates p.</summary>
    public int CovariateCount => CovariateNames.Count;

    /// <summary>Number of distinct clusters, or 0 when the panel has no cluster column (units are then the clusters).</summary>
    public int ClusterCount { get; }

    /// <summary>Units dropped because they missed a period (only with <see cref="UnbalancedPanelHandling.DropIncompleteUnits"/>).</summary>
    public int DroppedUnits { get; }

    /// <summary>Units dropped because they were treated in the first period (no pre-treatment period).</summary>
    public int AlwaysTreatedUnits { get; }

    /// <summary>Distinct first-treated periods g &gt; 0 present, ascending.</summary>
    public IReadOnlyList<int> Groups => [.. _g.Where(g => g > 0).Distinct().Order()];

    /// <summary>First-treated period of unit i (0 = never treated).</summary>
    public int FirstTreated(int unit) => _g[unit];

    /// <summary>Outcome of unit i in period index t (0-based position in <see cref="Periods"/>).</summary>
    public double Outcome(int unit, int periodIndex) => _y[unit * PeriodCount + periodIndex];

    /// <summary>Covariate j of unit i in period index t.</summary>
    public double Covariate(int unit, int periodIndex, int covariate) =>
        _x is null ? throw new InvalidOperationException("The panel has no covariates.") : _x[((unit * PeriodCount) + periodIndex) * CovariateCount + covariate];

    /// <summary>Dense cluster index (0 … <see cref="ClusterCount"/> − 1) of unit i, or i itself when the panel has no cluster column.</summary>
    public int ClusterOf(int unit) => _cluster is null ? unit : _cluster[unit];

    /// <summary>Number of clusters used for standard errors: <see cref="ClusterCount"/>, or n when units are the clusters.</summary>
    public int EffectiveClusterCount => _cluster is null ? UnitCount : ClusterCount;

    /// <summary>Position of <paramref name="period"/> in <see cref="Periods"/>, or −1.</summary>
    public int PeriodIndex(int period)
    {
        int k = Array.BinarySearch((int[])Periods, period);
        return k >= 0 ? k : -1;
    }

    /// <summary>
    /// Derives each row's first-treated period from a 0/1 treatment indicator: g = the first period in which the unit is
    /// treated, 0 if never. Treatment must be absorbing.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, an indicator is not 0 or 1, a unit-period appears twice, or a unit's
    /// treatment switches off after switching on (treatment reversal; the message names the unit and periods).</exception>
    public static int[] FirstTreatedFromIndicator(IReadOnlyList<long> unit, IReadOnlyList<int> period, IReadOnlyList<int> treated)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(treated);
        if (period.Count != unit.Count || treated.Count != unit.Count)
        {
            throw new ArgumentException($"Columns differ in length: unit {unit.Count}, period {period.Count}, treated {treated.Count} rows.", nameof(treated));
        }

        var rows = new Dictionary<long, List<int>>();
        for (int r = 0; r < unit.Count; r++)
        {
            if (treated[r] is not (0 or 1))
            {
                throw new ArgumentException($"Row {r}: treated is {treated[r]}; it must be 0 or 1.", nameof(treated));
            }

            if (!rows.TryGetValue(unit[r], out var list))
            {
                rows[unit[r]] = list = [];
            }

            list.Add(r);
        }

        var first = new Dictionary<long, int>();
        foreach (var (id, list) in rows)
        {
            list.Sort((a, b) => period[a].CompareTo(period[b]));
            int g = 0;
            for (int k = 0; k < list.Count; k++)
            {
                int r = list[k];
                if (k > 0 && period[r] == period[list[k - 1]])
                {
                    throw new ArgumentException($"Unit {id} has two rows for period {period[r]} (rows {list[k - 1]} and {r}).", nameof(period));
                }

                if (treated[r] == 1 && g == 0)
                {
                    g = period[r];
                }
                else if (treated[r] == 0 && g != 0)
                {
                    throw new ArgumentException(
                        $"Unit {id} is treated from period {g} but untreated again in period {period[r]} (row {r}): treatment reversal. " +
                        "Difference-in-differences here needs absorbing (staggered) treatment; drop the unit or model the exit as a new treatment.",
                        nameof(treated));
                }
            }

            first[id] = g;
        }

        var result = new int[unit.Count];
        for (int r = 0; r < unit.Count; r++)
        {
            result[r] = first[unit[r]];
        }

        return result;
    }

    /// <summary>Validates <paramref name="columns"/> and builds the wide, balanced panel.</summary>
    /// <exception cref="ArgumentException">
    /// Empty input, columns of different lengths, a non-finite outcome or covariate (row named), a negative first-treated
    /// period, a first-treated period that differs within a unit or lies strictly inside the panel's range without being
    /// one of its periods, a duplicate unit-period, a cluster that differs within a unit, an unbalanced panel under
    /// <see cref="UnbalancedPanelHandling.Reject"/>, or fewer than two periods or two units after the drops.
    /// </exception>
    public static DidPanel Create(DidPanelColumns columns, UnbalancedPanelHandling unbalanced = UnbalancedPanelHandling.Reject)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int rows = columns.Unit.Count;
        if (rows == 0)
        {
            throw new ArgumentException("The panel has no rows.", nameof(columns));
        }

        CheckLength(columns.Period.Count, rows, "Period");
        CheckLength(columns.Outcome.Count, rows, "Outcome");
        CheckLength(columns.FirstTreated.Count, rows, "FirstTreated");
        if (columns.Cluster is { } cl)
        {
            CheckLength(cl.Count, rows, "Cluster");
        }

        var covs = columns.Covariates ?? [];
        foreach (var c in covs)
        {
            CheckLength(c.Values.Count, rows, $"covariate '{c.Name}'");
        }

        for (int r = 0; r < rows; r++)
        {
            if (!double.IsFinite(columns.Outcome[r]))
            {
                throw new ArgumentException($"Row {r} (unit {columns.Unit[r]}, period {columns.Period[r]}): outcome is {columns.Outcome[r]}; it must be finite.", nameof(columns));
            }

            if (columns.FirstTreated[r] < 0)
            {
                throw new ArgumentException($"Row {r} (unit {columns.Unit[r]}): first-treated period {columns.FirstTreated[r]} is negative; use 0 for never treated.", nameof(columns));
            }

            foreach (var c in covs)
            {
                if (!double.IsFinite(c.Values[r]))
                {
                    throw new ArgumentException($"Row {r} (unit {columns.Unit[r]}, period {columns.Period[r]}): covariate '{c.Name}' is {c.Values[r]}; it must be finite.", nameof(columns));
                }
            }
        }

        int[] periods = [.. columns.Period.Distinct().Order()];
        if (periods.Length < 2)
        {
            throw new ArgumentException($"The panel has {periods.Length} period; difference-in-differences needs at least two.", nameof(columns));
        }

        var periodIndex = new Dictionary<int, int>();
        for (int t = 0; t < periods.Length; t++)
        {
            periodIndex[periods[t]] = t;
        }

        // Rows of each unit by period index; checks consistency of g and cluster within the unit.
        var byUnit = new SortedDictionary<long, int[]>();
        for (int r = 0; r < rows; r++)
        {
            long id = columns.Unit[r];
            if (!byUnit.TryGetValue(id, out var slots))
            {
                byUnit[id] = slots = new int[periods.Length];
                Array.Fill(slots, -1);
            }

            int t = periodIndex[columns.Period[r]];
            if (slots[t] >= 0)
            {
                throw new ArgumentException($"Unit {id} has two rows for period {periods[t]} (rows {slots[t]} and {r}); each unit-period must appear once.", nameof(columns));
            }

            slots[t] = r;
            int first = Array.Find(slots, s => s >= 0);
            if (columns.FirstTreated[first] != columns.FirstTreated[r])
            {
                throw new ArgumentException(
                    $"Unit {id}: first-treated period is {columns.FirstTreated[first]} on row {first} but {columns.FirstTreated[r]} on row {r}; it must be the same on every row of a unit.", nameof(columns));
            }

            if (columns.Cluster is { } c && c[first] != c[r])
            {
                throw new ArgumentException($"Unit {id}: cluster is {c[first]} on row {first} but {c[r]} on row {r}; a unit must lie in one cluster.", nameof(columns));
            }
        }

        var kept = new List<(long Id, int[] Slots)>();
        int dropped = 0, alwaysTreated = 0;
        foreach (var (id, slots) in byUnit)
        {
            int missing = Array.IndexOf(slots, -1);
            if (missing >= 0)
            {
                if (unbalanced == UnbalancedPanelHandling.Reject)
                {
                    throw new ArgumentException(
                        $"Unbalanced panel: unit {id} has no row for period {periods[missing]}. Supply every unit in every period, or pass " +
                        $"{nameof(UnbalancedPanelHandling)}.{nameof(UnbalancedPanelHandling.DropIncompleteUnits)} to keep the balanced sub-panel.", nameof(columns));
                }

                dropped++;
                continue;
            }

            int g = columns.FirstTreated[slots[0]];
            if (g > 0 && g <= periods[0])
            {
                alwaysTreated++;
                continue;
            }

            if (g > 0 && g < periods[^1] && !periodIndex.ContainsKey(g))
            {
                throw new ArgumentException(
                    $"Unit {id}: first-treated period {g} is not one of the panel's periods ({string.Join(", ", periods)}); use the first observed period in which the unit is treated.", nameof(columns));
            }

            kept.Add((id, slots));
        }

        if (kept.Count < 2)
        {
            throw new ArgumentException($"Only {kept.Count} unit remains after dropping {dropped} incomplete and {alwaysTreated} always-treated units; difference-in-differences needs treated and comparison units.", nameof(columns));
        }

        int n = kept.Count, tCount = periods.Length, p = covs.Count;
        var units = new long[n];
        var y = new double[n * tCount];
        var gs = new int[n];
        var x = p > 0 ? new double[n * tCount * p] : null;
        int[]? cluster = null;
        var clusterIndex = new Dictionary<long, int>();
        if (columns.Cluster is not null)
        {
            cluster = new int[n];
        }

        for (int i = 0; i < n; i++)
        {
            var (id, slots) = kept[i];
            units[i] = id;
            int g = columns.FirstTreated[slots[0]];
            gs[i] = g > periods[^1] ? 0 : g;
            for (int t = 0; t < tCount; t++)
            {
                int r = slots[t];
                y[i * tCount + t] = columns.Outcome[r];
                for (int j = 0; j < p; j++)
                {
                    x![((i * tCount) + t) * p + j] = covs[j].Values[r];
                }
            }

            if (cluster is not null)
            {
                long c = columns.Cluster![slots[0]];
                if (!clusterIndex.TryGetValue(c, out int k))
                {
                    clusterIndex[c] = k = clusterIndex.Count;
                }

                cluster[i] = k;
            }
        }

        return new DidPanel(units, periods, y, gs, x, [.. covs.Select(c => c.Name)], cluster, clusterIndex.Count, dropped, alwaysTreated);
    }

    private static void CheckLength(int length, int rows, string name)
    {
        if (length != rows)
        {
            throw new ArgumentException($"Column {name} has {length} rows but Unit has {rows}; all columns must have one entry per row.", "columns");
        }
    }
}
