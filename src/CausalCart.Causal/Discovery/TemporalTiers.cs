namespace CausalCart.Causal.Discovery;

/// <summary>
/// Temporal tiers derived from event order: a variable can only be caused by what was measured before it. Each column
/// carries the time window in which it was measured (relative to time zero); a column whose window ends at or before
/// another's starts can precede it, never follow it. Feed the tiers to <see cref="BackgroundKnowledge"/>.
/// </summary>
public static class TemporalTiers
{
    /// <summary>
    /// Groups columns into ordered tiers from their measurement windows: windows that overlap (directly or through a
    /// chain of overlapping windows) share a tier, and tiers are ordered by time, so every window of a tier ends at or
    /// before every window of the next one starts. Deterministic: windows are taken by start, then end (an instant at t comes before a window starting at t), then input order.
    /// </summary>
    /// <param name="windows">Column name and its window [Start, End) in any consistent unit (e.g. hours from time zero;
    /// negative before it). A zero-length window (an instant) is allowed.</param>
    /// <exception cref="ArgumentException">A window ends before it starts or has a NaN bound, or a name repeats (the message names the column).</exception>
    public static IReadOnlyList<IReadOnlyList<string>> FromWindows(IEnumerable<(string Column, double Start, double End)> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var list = windows.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (c, s, e) in list)
        {
            if (double.IsNaN(s) || double.IsNaN(e) || e < s)
            {
                throw new ArgumentException($"Column '{c}' has window [{s}, {e}): a window must end at or after it starts.", nameof(windows));
            }

            if (!seen.Add(c))
            {
                throw new ArgumentException($"Column '{c}' is given more than one window.", nameof(windows));
            }
        }

        var ordered = list.Select((w, i) => (w, i)).OrderBy(x => x.w.Start).ThenBy(x => x.w.End).ThenBy(x => x.i).Select(x => x.w).ToList();
        var tiers = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        double reach = double.NegativeInfinity;
        foreach (var (c, s, e) in ordered)
        {
            // [s, e) overlaps the current group's span [., reach) only when s < reach.
            if (current.Count > 0 && s >= reach)
            {
                tiers.Add(current);
                current = [];
                reach = double.NegativeInfinity;
            }

            current.Add(c);
            reach = Math.Max(reach, e);
        }

        if (current.Count > 0)
        {
            tiers.Add(current);
        }

        return tiers;
    }

    /// <summary>
    /// The tiers of a study's unit table: every covariate (measured before time zero) first, then the treatment, then
    /// the outcome (measured after treatment).
    /// </summary>
    /// <param name="columns">The table's columns.</param>
    /// <param name="treatment">The treatment column.</param>
    /// <param name="outcome">The outcome column.</param>
    /// <exception cref="ArgumentException">Treatment or outcome is not among <paramref name="columns"/>, or they are the same.</exception>
    /// <remarks>Every other column is taken as a pre-treatment covariate; a table with a mediator (measured after the
    /// treatment) needs the overload with <c>mediators</c>, or the mediator would be placed before the treatment.</remarks>
    public static IReadOnlyList<IReadOnlyList<string>> ForUnitTable(IReadOnlyList<string> columns, string treatment, string outcome) =>
        ForUnitTable(columns, treatment, outcome, []);

    /// <summary>
    /// The tiers of a unit table with mediators: every covariate (measured before time zero) first, then the treatment,
    /// then the mediators (one tier, measured after the treatment and before the outcome), then the outcome.
    /// </summary>
    /// <param name="columns">The table's columns.</param>
    /// <param name="treatment">The treatment column.</param>
    /// <param name="outcome">The outcome column.</param>
    /// <param name="mediators">The mediator columns (may be empty).</param>
    /// <exception cref="ArgumentException">Treatment, outcome or a mediator is not among <paramref name="columns"/>, or a
    /// column is given two roles (the message names it).</exception>
    public static IReadOnlyList<IReadOnlyList<string>> ForUnitTable(IReadOnlyList<string> columns, string treatment, string outcome, IReadOnlyList<string> mediators)
    {
        ArgumentNullException.ThrowIfNull(mediators);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var (name, role) in new[] { (treatment, "treatment"), (outcome, "outcome") })
        {
            if (!columns.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"The {role} column '{name}' is not in the table. Columns are: {string.Join(", ", columns)}.", role);
            }
        }

        if (treatment == outcome)
        {
            throw new ArgumentException($"'{treatment}' cannot be both the treatment and the outcome.", nameof(outcome));
        }

        foreach (var m in mediators)
        {
            if (!columns.Contains(m, StringComparer.Ordinal))
            {
                throw new ArgumentException($"The mediator column '{m}' is not in the table. Columns are: {string.Join(", ", columns)}.", nameof(mediators));
            }

            if (m == treatment || m == outcome || mediators.Count(x => x == m) > 1)
            {
                throw new ArgumentException($"'{m}' is given as a mediator and also as the treatment, the outcome or another mediator.", nameof(mediators));
            }
        }

        var pre = columns.Where(c => c != treatment && c != outcome && !mediators.Contains(c, StringComparer.Ordinal)).ToList();
        var tiers = new List<IReadOnlyList<string>>(4);
        if (pre.Count > 0)
        {
            tiers.Add(pre);
        }

        tiers.Add([treatment]);
        if (mediators.Count > 0)
        {
            tiers.Add([.. mediators]);
        }

        tiers.Add([outcome]);
        return tiers;
    }
}
