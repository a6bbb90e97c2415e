namespace CausalCart.Causal.DiD;

/// <summary>
/// Fitted group-time effects of <see cref="CallawaySantAnna"/> and their aggregations. Immutable; <see cref="Aggregate"/>
/// is deterministic (its bootstrap reuses the fit's seed) and thread-safe.
/// </summary>
public sealed class CallawaySantAnnaResult
{
    private readonly DidPanel _panel;
    private readonly IReadOnlyList<double[]> _psi;           // one (n) influence vector per effect
    private readonly IReadOnlyDictionary<int, double> _share; // P(G = g) over all units, g = 0 included

    internal CallawaySantAnnaResult(
        CallawaySantAnnaOptions options, DidPanel panel, IReadOnlyList<GroupTimeEffect> effects, IReadOnlyList<double[]> psi,
        IReadOnlyDictionary<int, double> share, double criticalValue, IReadOnlyList<string> warnings, double maxPropensity)
    {
        Options = options;
        _panel = panel;
        Effects = effects;
        _psi = psi;
        _share = share;
        CriticalValue = criticalValue;
        Warnings = warnings;
        MaxComparisonPropensity = maxPropensity;
    }

    /// <summary>The options of the fit.</summary>
    public CallawaySantAnnaOptions Options { get; }

    /// <summary>Every estimated ATT(g, t), ordered by group, then period.</summary>
    public IReadOnlyList<GroupTimeEffect> Effects { get; }

    /// <summary>Bootstrap critical value of the uniform band over all group-time effects.</summary>
    public double CriticalValue { get; }

    /// <summary>Sentences a user should read (skipped groups or cells, clipped propensities).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Largest fitted propensity among comparison units over all cells (0 without a propensity model).</summary>
    public double MaxComparisonPropensity { get; }

    /// <summary>The effect for group <paramref name="group"/> in period <paramref name="period"/>.</summary>
    /// <exception cref="ArgumentException">No such cell was estimated.</exception>
    public GroupTimeEffect Effect(int group, int period) =>
        Effects.FirstOrDefault(e => e.Group == group && e.Period == period)
        ?? throw new ArgumentException($"ATT(g = {group}, t = {period}) was not estimated; groups: {string.Join(", ", Effects.Select(e => e.Group).Distinct())}.", nameof(group));

    /// <summary>
    /// Aggregates the group-time effects as <c>did::aggte</c> does (Callaway &amp; Sant'Anna 2021, eqs. 3.2–3.6 and section
    /// 4): weights proportional to group size P(G = g), whose estimation enters the influence function.
    /// </summary>
    /// <exception cref="ArgumentException">An option is inconsistent (e.g. a negative balance), or no post-treatment cell remains.</exception>
    public DidAggregate Aggregate(DidAggregation kind, DidAggregationOptions? options = null)
    {
        options ??= new DidAggregationOptions();
        if (options.BalanceEventTime is < 0)
        {
            throw new ArgumentException($"BalanceEventTime is {options.BalanceEventTime}; it must be 0 or more.", nameof(options));
        }

        int maxE = options.MaxEventTime ?? int.MaxValue;
        int lastPeriod = _panel.Periods[^1];
        var post = Indices(e => e.Group <= e.Period && e.EventTime <= maxE);
        if (post.Count == 0)
        {
            throw new ArgumentException("No post-treatment group-time effect to aggregate.", nameof(kind));
        }

        var points = new List<(int Key, double Est, double[] Psi)>();
        (double Est, double[] Psi) overall;
        switch (kind)
        {
            case DidAggregation.Simple:
                overall = Weighted(post);
                break;

            case DidAggregation.Dynamic:
            {
                bool Balanced(GroupTimeEffect e) => options.BalanceEventTime is not { } be || lastPeriod - e.Group >= be;
                var eventTimes = Effects.Where(e => Balanced(e) && !(e.IsReference && Options.BasePeriod == DidBasePeriod.Varying))
                    .Select(e => e.EventTime).Distinct().Order()
                    .Where(e => e <= maxE && e >= (options.MinEventTime ?? int.MinValue))
                    .Where(e => options.BalanceEventTime is not { } be || e <= be)
                    .ToList();
                foreach (int et in eventTimes)
                {
                    var idx = Indices(e => e.EventTime == et && Balanced(e));
                    var (est, psi) = Weighted(idx);
                    points.Add((et, est, psi));
                }

                var postPoints = points.Where(q => q.Key >= 0).ToList();
                if (postPoints.Count == 0)
                {
                    throw new ArgumentException("No event time e ≥ 0 remains for the dynamic aggregation.", nameof(options));
                }

                overall = Mean(postPoints);
                break;
            }

            case DidAggregation.Group:
            {
                var groups = post.Select(k => Effects[k].Group).Distinct().Order().ToList();
                var groupPsi = new List<double[]>();
                var groupEst = new List<double>();
                foreach (int g in groups)
                {
                    var idx = post.Where(k => Effects[k].Group == g).ToList();
                    var (est, psi) = Mean(idx.Select(k => (0, Effects[k].Att, _psi[k])).ToList());
                    points.Add((g, est, psi));
                    groupPsi.Add(psi);
                    groupEst.Add(est);
                }

                overall = Combine(groups, groupEst, groupPsi);
                break;
            }

            case DidAggregation.Calendar:
            {
                int firstGroup = post.Min(k => Effects[k].Group);
                var times = post.Select(k => Effects[k].Period).Where(t => t >= firstGroup).Distinct().Order().ToList();
                foreach (int t in times)
                {
                    var (est, psi) = Weighted(post.Where(k => Effects[k].Period == t).ToList());
                    points.Add((t, est, psi));
                }

                overall = Mean(points);
                break;
            }

            default:
                throw new ArgumentException($"Unknown aggregation {kind}.", nameof(kind));
        }

        var all = points.Select(q => q.Psi).Append(overall.Psi).ToList();
        var inf = MultiplierBootstrap.Run(points.Select(q => q.Psi).ToList(), _panel, Options.BootstrapReplications, Options.Seed, Options.ConfidenceLevel);
        var whole = MultiplierBootstrap.Run([overall.Psi], _panel, 0, Options.Seed, Options.ConfidenceLevel);
        double z = inf.PointwiseCritical;
        var result = new List<DidAggregatePoint>(points.Count);
        for (int j = 0; j < points.Count; j++)
        {
            double se = inf.StdError[j], bse = inf.BootstrapStdError[j], est = points[j].Est;
            result.Add(new DidAggregatePoint(points[j].Key, est, se, est - z * se, est + z * se, est - inf.CriticalValue * bse, est + inf.CriticalValue * bse, bse));
        }

        double ose = whole.StdError[0];
        Check(overall.Est, ose, kind);
        return new DidAggregate(kind, new DidEstimate(overall.Est, ose, overall.Est - z * ose, overall.Est + z * ose), result, inf.CriticalValue);
    }

    private static void Check(double estimate, double se, DidAggregation kind)
    {
        if (!double.IsFinite(estimate) || !double.IsFinite(se))
        {
            throw new InvalidOperationException($"The {kind} aggregate ({estimate}) or its standard error ({se}) is not finite.");
        }
    }

    private List<int> Indices(Func<GroupTimeEffect, bool> keep)
    {
        var list = new List<int>();
        for (int k = 0; k < Effects.Count; k++)
        {
            if (keep(Effects[k]))
            {
                list.Add(k);
            }
        }

        return list;
    }

    /// <summary>Σ_k w_k ATT_k with w_k ∝ P(G = g_k), and its influence function including the estimated-weights term.</summary>
    private (double Est, double[] Psi) Weighted(List<int> cells) =>
        Combine([.. cells.Select(k => Effects[k].Group)], [.. cells.Select(k => Effects[k].Att)], [.. cells.Select(k => _psi[k])]);

    /// <summary>
    /// θ = Σ_k π_k θ_k / Σ_k π_k with π_k = P(G = g_k). ψ_i = Σ_k w_k ψ_ik + Σ_k θ_k · wif_ik, where
    /// wif_ik = (1{G_i = g_k} − π_k)/Σπ − π_k Σ_l (1{G_i = g_l} − π_l)/(Σπ)² (<c>did::aggte</c>'s <c>wif</c>).
    /// </summary>
    private (double Est, double[] Psi) Combine(List<int> groups, List<double> est, List<double[]> psi)
    {
        int n = _panel.UnitCount, count = groups.Count;
        var pi = groups.Select(g => _share[g]).ToArray();
        double sum = pi.Sum();
        double theta = 0;
        for (int k = 0; k < count; k++)
        {
            theta += pi[k] / sum * est[k];
        }

        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            int gi = _panel.FirstTreated(i);
            double total = 0; // Σ_l (1{G_i = g_l} − π_l)
            for (int l = 0; l < count; l++)
            {
                total += (gi == groups[l] ? 1 : 0) - pi[l];
            }

            double s = 0;
            for (int k = 0; k < count; k++)
            {
                double wif = ((gi == groups[k] ? 1 : 0) - pi[k]) / sum - total * pi[k] / (sum * sum);
                s += pi[k] / sum * psi[k][i] + wif * est[k];
            }

            result[i] = s;
        }

        return (theta, result);
    }

    /// <summary>Equal-weight mean of estimates and of their influence functions.</summary>
    private (double Est, double[] Psi) Mean(List<(int Key, double Est, double[] Psi)> items)
    {
        int n = _panel.UnitCount;
        var psi = new double[n];
        double est = 0;
        foreach (var it in items)
        {
            est += it.Est / items.Count;
            for (int i = 0; i < n; i++)
            {
                psi[i] += it.Psi[i] / items.Count;
            }
        }

        return (est, psi);
    }
}
