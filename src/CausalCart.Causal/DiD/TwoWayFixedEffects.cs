using CausalCart.Numerics;

namespace CausalCart.Causal.DiD;

/// <summary>Options of <see cref="TwoWayFixedEffects"/>. Immutable.</summary>
public sealed record TwoWayFixedEffectsOptions
{
    /// <summary>Nominal coverage of the intervals, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Event-study regression: the omitted (normalised) event time. Default −1, the period before treatment.</summary>
    public int ReferenceEventTime { get; init; } = -1;

    /// <summary>Event-study regression: event times below this are binned into it (null = no binning).</summary>
    public int? MinEventTime { get; init; }

    /// <summary>Event-study regression: event times above this are binned into it (null = no binning).</summary>
    public int? MaxEventTime { get; init; }
}

/// <summary>A two-way fixed-effects regression: its coefficients with cluster-robust standard errors.</summary>
/// <param name="Static">Static regression: the coefficient β on the treated-and-post indicator; null for an event study.</param>
/// <param name="EventStudy">Event-study regression: one point per event time (Key = e), the reference included as exactly 0; empty for the static regression.</param>
/// <param name="ReferenceEventTimes">Event times normalised to 0 (the reference; also the earliest when there are no never-treated units).</param>
/// <param name="Clusters">Clusters used for the standard errors.</param>
/// <param name="Observations">Unit-periods in the regression.</param>
public sealed record TwoWayFixedEffectsResult(
    DidEstimate? Static, IReadOnlyList<DidAggregatePoint> EventStudy, IReadOnlyList<int> ReferenceEventTimes, int Clusters, int Observations);

/// <summary>
/// Two-way fixed-effects (TWFE) regressions, for comparison with <see cref="CallawaySantAnna"/>: the static regression
/// Y_it = α_i + λ_t + β·D_it + ε_it with D_it = 1{g_i &gt; 0, t ≥ g_i}, and the event-study regression
/// Y_it = α_i + λ_t + Σ_{e ≠ ref} β_e·1{t − g_i = e} + ε_it. Under staggered adoption with effects that vary over time or
/// across groups both are biased: already-treated units serve as controls and get negative weights (Goodman-Bacon 2021;
/// de Chaisemartin &amp; D'Haultfœuille 2020; Sun &amp; Abraham 2021 for the event-study leads and lags).
/// </summary>
/// <remarks>
/// Implementation note (Frisch–Waugh–Lovell): on a balanced panel the two sets of fixed effects are removed exactly by the
/// two-way within transformation z̃_it = z_it − z̄_i· − z̄_·t + z̄, then ỹ is regressed on the transformed regressors.
/// Standard errors are cluster-robust by unit (or by the panel's cluster) with the small-sample factor
/// G/(G − 1)·(N − 1)/(N − K), K = regressors + T; unit effects are nested in the clusters and not counted (as Stata's
/// <c>xtreg, fe vce(cluster)</c> and <c>reghdfe</c> do).
/// </remarks>
public static class TwoWayFixedEffects
{
    /// <summary>The static TWFE coefficient on the treated-and-post indicator.</summary>
    /// <exception cref="ArgumentException">No unit-period is treated, or every unit-period is.</exception>
    public static TwoWayFixedEffectsResult FitStatic(DidPanel panel, TwoWayFixedEffectsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new TwoWayFixedEffectsOptions();
        Validate(options);
        int n = panel.UnitCount, tc = panel.PeriodCount;
        var d = new double[n * tc]; // (n·T, 1)
        for (int i = 0; i < n; i++)
        {
            int g = panel.FirstTreated(i);
            for (int t = 0; t < tc; t++)
            {
                d[i * tc + t] = g > 0 && panel.Periods[t] >= g ? 1 : 0;
            }
        }

        var (beta, se) = Regress(panel, d, 1, "treated-and-post indicator");
        double z = StandardNormal.TwoSidedCritical(options.ConfidenceLevel);
        return new TwoWayFixedEffectsResult(new DidEstimate(beta[0], se[0], beta[0] - z * se[0], beta[0] + z * se[0]), [], [], panel.EffectiveClusterCount, n * tc);
    }

    /// <summary>The TWFE event-study coefficients β_e (relative to the reference event time).</summary>
    /// <exception cref="ArgumentException">No treated units, or the reference event time is never observed.</exception>
    public static TwoWayFixedEffectsResult FitEventStudy(DidPanel panel, TwoWayFixedEffectsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new TwoWayFixedEffectsOptions();
        Validate(options);
        int n = panel.UnitCount, tc = panel.PeriodCount;
        int Bin(int e) => Math.Min(options.MaxEventTime ?? int.MaxValue, Math.Max(options.MinEventTime ?? int.MinValue, e));
        var observed = new SortedSet<int>();
        bool anyNever = false;
        for (int i = 0; i < n; i++)
        {
            int g = panel.FirstTreated(i);
            anyNever |= g == 0;
            for (int t = 0; g > 0 && t < tc; t++)
            {
                observed.Add(Bin(panel.Periods[t] - g));
            }
        }

        if (observed.Count == 0)
        {
            throw new ArgumentException("The panel has no treated units; an event study needs some.", nameof(panel));
        }

        if (!observed.Contains(options.ReferenceEventTime))
        {
            throw new ArgumentException(
                $"ReferenceEventTime {options.ReferenceEventTime} is never observed; observed event times: {string.Join(", ", observed)}.", nameof(options));
        }

        // Without never-treated units the relative-time dummies and the period effects are collinear: one more
        // event time (the earliest) must be normalised as well.
        var references = new List<int> { options.ReferenceEventTime };
        if (!anyNever)
        {
            references.Add(observed.First(e => e != options.ReferenceEventTime));
        }

        var regressors = observed.Where(e => !references.Contains(e)).ToList();
        int p = regressors.Count;
        var column = regressors.Select((e, j) => (e, j)).ToDictionary(q => q.e, q => q.j);
        var x = new double[n * tc * p]; // (n·T, p)
        for (int i = 0; i < n; i++)
        {
            int g = panel.FirstTreated(i);
            for (int t = 0; g > 0 && t < tc; t++)
            {
                if (column.TryGetValue(Bin(panel.Periods[t] - g), out int j))
                {
                    x[(i * tc + t) * p + j] = 1;
                }
            }
        }

        var (beta, se) = p == 0 ? ([], []) : Regress(panel, x, p, "event-time indicators");
        double z = StandardNormal.TwoSidedCritical(options.ConfidenceLevel);
        var points = new List<DidAggregatePoint>();
        foreach (int e in observed)
        {
            if (column.TryGetValue(e, out int j))
            {
                points.Add(new DidAggregatePoint(e, beta[j], se[j], beta[j] - z * se[j], beta[j] + z * se[j], beta[j] - z * se[j], beta[j] + z * se[j], se[j]));
            }
            else
            {
                points.Add(new DidAggregatePoint(e, 0, 0, 0, 0, 0, 0, 0));
            }
        }

        return new TwoWayFixedEffectsResult(null, points, references, panel.EffectiveClusterCount, n * tc);
    }

    private static void Validate(TwoWayFixedEffectsOptions options)
    {
        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
        {
            throw new ArgumentException($"ConfidenceLevel is {options.ConfidenceLevel}; it must lie strictly between 0 and 1.", nameof(options));
        }

        if (options.MinEventTime is { } lo && options.MaxEventTime is { } hi && lo > hi)
        {
            throw new ArgumentException($"MinEventTime {lo} exceeds MaxEventTime {hi}.", nameof(options));
        }
    }

    /// <summary>OLS of the two-way-demeaned outcome on the two-way-demeaned regressors x (n·T, p), cluster-robust.</summary>
    private static (double[] Beta, double[] Se) Regress(DidPanel panel, double[] x, int p, string what)
    {
        int n = panel.UnitCount, tc = panel.PeriodCount, rows = n * tc;
        var y = new double[rows];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < tc; t++)
            {
                y[i * tc + t] = panel.Outcome(i, t);
            }
        }

        Demean(y, n, tc, 1);
        var xt = (double[])x.Clone();
        Demean(xt, n, tc, p);
        var xtx = DidLinearAlgebra.CrossProduct(xt, rows, p, _ => 1);
        var xty = new double[p];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < p; j++)
            {
                xty[j] += xt[r * p + j] * y[r];
            }
        }

        double[] inv;
        try
        {
            inv = DidLinearAlgebra.Inverse(xtx, p, "two-way fixed-effects design");
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"The {what} are collinear with the unit and period effects: {e.Message}", nameof(panel), e);
        }

        var beta = DidLinearAlgebra.Multiply(inv, p, xty);
        int clusters = panel.EffectiveClusterCount;
        var score = new double[clusters * p]; // (G, p) Σ x̃·ê per cluster
        for (int i = 0; i < n; i++)
        {
            int c = panel.ClusterOf(i);
            for (int t = 0; t < tc; t++)
            {
                int r = i * tc + t;
                double e = y[r];
                for (int j = 0; j < p; j++)
                {
                    e -= xt[r * p + j] * beta[j];
                }

                for (int j = 0; j < p; j++)
                {
                    score[c * p + j] += xt[r * p + j] * e;
                }
            }
        }

        var meat = DidLinearAlgebra.CrossProduct(score, clusters, p, _ => 1);
        double k = p + tc;
        double factor = clusters / (clusters - 1.0) * (rows - 1.0) / (rows - k);
        var se = new double[p];
        for (int j = 0; j < p; j++)
        {
            double v = 0;
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    v += inv[j * p + a] * meat[a * p + b] * inv[b * p + j];
                }
            }

            se[j] = Math.Sqrt(factor * v);
        }

        return (beta, se);
    }

    /// <summary>Two-way within transformation of a (n·T, p) block in place (exact on a balanced panel).</summary>
    private static void Demean(double[] z, int n, int tc, int p)
    {
        var unitMean = new double[n * p];
        var periodMean = new double[tc * p];
        var grand = new double[p];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < tc; t++)
            {
                for (int j = 0; j < p; j++)
                {
                    double v = z[(i * tc + t) * p + j];
                    unitMean[i * p + j] += v / tc;
                    periodMean[t * p + j] += v / n;
                    grand[j] += v / ((double)n * tc);
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < tc; t++)
            {
                for (int j = 0; j < p; j++)
                {
                    z[(i * tc + t) * p + j] -= unitMean[i * p + j] + periodMean[t * p + j] - grand[j];
                }
            }
        }
    }
}
