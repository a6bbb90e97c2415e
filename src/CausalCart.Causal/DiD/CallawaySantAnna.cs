namespace CausalCart.Causal.DiD;

/// <summary>
/// Callaway &amp; Sant'Anna (2021) difference-in-differences with multiple periods and staggered adoption: one 2×2
/// comparison per (group g, period t), each valid when effects vary across groups and over time, unlike two-way fixed
/// effects. The learner holds only its options; <see cref="Fit"/> returns an immutable <see cref="CallawaySantAnnaResult"/>.
/// </summary>
/// <remarks>
/// <para>
/// ATT(g, t) = E[Y_t − Y_b | G = g] − E[Y_t − Y_b | C], covariate-adjusted per <see cref="DidEstimation"/> (Callaway &amp;
/// Sant'Anna 2021, J. Econometrics 225(2), Theorem 1 / eqs. 2.6–2.7 with the Sant'Anna &amp; Zhao 2020 doubly robust
/// estimand), where b is the base period and C the comparison units: never treated, or not yet treated by max(t, b) + δ
/// (δ = anticipation periods). A group needs a period before g − δ, otherwise it is skipped with a warning.
/// </para>
/// <para>
/// Implementation note: each comparison's influence function ψ (on the 1/m scale of its m units) is rescaled to the full
/// panel, n/m · ψ, zero for units outside the comparison, exactly as <c>did::compute.att_gt</c> does, so any aggregation's
/// influence function is a linear combination plus the estimated-weights term (<c>did::aggte</c>'s <c>wif</c>).
/// </para>
/// </remarks>
public sealed class CallawaySantAnna
{
    /// <summary>Creates the estimator; options are validated here.</summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public CallawaySantAnna(CallawaySantAnnaOptions? options = null)
    {
        Options = options ?? new CallawaySantAnnaOptions();
        Options.Validate();
    }

    /// <summary>The options, unchanged by fitting.</summary>
    public CallawaySantAnnaOptions Options { get; }

    /// <summary>Estimates every identified ATT(g, t) of <paramref name="panel"/>.</summary>
    /// <exception cref="ArgumentException">The panel has no treated group with a pre-treatment period, or no never-treated units when
    /// <see cref="DidControlGroup.NeverTreated"/> is requested.</exception>
    /// <exception cref="InvalidOperationException">A covariate design is singular or the propensity model does not converge (the message says which cell).</exception>
    public CallawaySantAnnaResult Fit(DidPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var o = Options;
        int n = panel.UnitCount, tCount = panel.PeriodCount, p = panel.CovariateCount, k = p + 1;
        var periods = panel.Periods;
        var warnings = new List<string>();
        if (o.ControlGroup == DidControlGroup.NeverTreated && Enumerable.Range(0, n).All(i => panel.FirstTreated(i) != 0))
        {
            throw new ArgumentException(
                "The panel has no never-treated units (first-treated period 0); use ControlGroup = NotYetTreated.", nameof(panel));
        }

        var cells = new List<(int G, int T, int B, bool Reference)>();
        foreach (int g in panel.Groups)
        {
            // Base period of post-treatment cells: the last period strictly before g − δ.
            int pre = -1;
            for (int t = 0; t < tCount; t++)
            {
                if (periods[t] + o.Anticipation < g)
                {
                    pre = t;
                }
            }

            if (pre < 0)
            {
                warnings.Add($"Group {g} has no period before {g - o.Anticipation}; its ATT(g, t) are not identified and it is skipped.");
                continue;
            }

            for (int t = 0; t < tCount; t++)
            {
                int b;
                if (o.BasePeriod == DidBasePeriod.Universal)
                {
                    b = pre;
                }
                else if (periods[t] >= g)
                {
                    b = pre;
                }
                else if (t == 0)
                {
                    continue; // varying: the first period has no earlier period to compare with
                }
                else
                {
                    b = t - 1;
                }

                cells.Add((g, t, b, t == b));
            }
        }

        if (cells.Count == 0)
        {
            throw new ArgumentException("No group-time effect is identified: no treated group has a period before its treatment.", nameof(panel));
        }

        var effects = new List<(int G, int T, int B, bool Ref, double Att, double[] Psi, int N1, int N0)>();
        int clippedTotal = 0, outsideCells = 0, outsideMax = 0;
        double maxPropensity = 0;
        foreach (var (g, t, b, reference) in cells)
        {
            int later = periods[Math.Max(t, b)];
            var members = new List<int>();
            var treated = new List<bool>();
            int n1 = 0;
            for (int i = 0; i < n; i++)
            {
                int gi = panel.FirstTreated(i);
                bool isTreated = gi == g;
                bool isControl = gi == 0
                    || (o.ControlGroup == DidControlGroup.NotYetTreated && gi != g && gi > later + o.Anticipation);
                if (isTreated || isControl)
                {
                    members.Add(i);
                    treated.Add(isTreated);
                    n1 += isTreated ? 1 : 0;
                }
            }

            int m = members.Count, n0 = m - n1;
            if (reference)
            {
                effects.Add((g, t, b, true, 0, new double[n], n1, n0));
                continue;
            }

            if (n1 == 0 || n0 == 0)
            {
                warnings.Add($"ATT({g}, {periods[t]}) skipped: no {(n0 == 0 ? "comparison" : "treated")} units.");
                continue;
            }

            var dy = new double[m];
            var x = new double[m * k]; // (m, k): intercept, then covariates in the base period
            for (int j = 0; j < m; j++)
            {
                int i = members[j];
                dy[j] = panel.Outcome(i, t) - panel.Outcome(i, b);
                x[j * k] = 1;
                for (int c = 0; c < p; c++)
                {
                    x[j * k + 1 + c] = panel.Covariate(i, b, c);
                }
            }

            PanelTwoByTwo.Result r;
            try
            {
                r = PanelTwoByTwo.Estimate(dy, [.. treated], x, m, k, o.Estimation);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"ATT(g = {g}, t = {periods[t]}): {e.Message}", e);
            }

            clippedTotal += r.Clipped;
            if (r.OutsideSupport > 0)
            {
                outsideCells++;
                outsideMax = Math.Max(outsideMax, r.OutsideSupport);
            }

            if (!double.IsNaN(r.MaxPropensity))
            {
                maxPropensity = Math.Max(maxPropensity, r.MaxPropensity);
            }

            var psi = new double[n];
            double scale = (double)n / m;
            for (int j = 0; j < m; j++)
            {
                psi[members[j]] = scale * r.Influence[j];
            }

            if (!double.IsFinite(r.Att))
            {
                throw new InvalidOperationException($"ATT(g = {g}, t = {periods[t]}) is not finite; check for extreme propensities or outcomes.");
            }

            effects.Add((g, t, b, false, r.Att, psi, n1, n0));
        }

        if (clippedTotal > 0)
        {
            warnings.Add($"{clippedTotal} comparison-unit propensities were clipped at {PanelTwoByTwo.PropensityCeiling}; overlap is poor.");
        }

        if (outsideCells > 0)
        {
            warnings.Add(
                $"In {outsideCells} comparison(s) up to {outsideMax} comparison units sit in a level of an indicator covariate that holds no " +
                "treated unit; the logit has no finite estimate there, so they get its limit, propensity 0 (no weight).");
        }

        var psis = effects.Select(e => e.Psi).ToList();
        var inf = MultiplierBootstrap.Run(psis, panel, o.BootstrapReplications, o.Seed, o.ConfidenceLevel);
        var list = new List<GroupTimeEffect>(effects.Count);
        for (int c = 0; c < effects.Count; c++)
        {
            var e = effects[c];
            double se = inf.StdError[c], bse = inf.BootstrapStdError[c];
            list.Add(new GroupTimeEffect(
                e.G, periods[e.T], periods[e.B], periods[e.T] - e.G, e.Att, se,
                e.Att - inf.PointwiseCritical * se, e.Att + inf.PointwiseCritical * se,
                e.Att - inf.CriticalValue * bse, e.Att + inf.CriticalValue * bse, bse, e.N1, e.N0, e.Ref));
        }

        var groupShare = new Dictionary<int, double>();
        for (int i = 0; i < n; i++)
        {
            int g = panel.FirstTreated(i);
            groupShare[g] = groupShare.GetValueOrDefault(g) + 1.0 / n;
        }

        return new CallawaySantAnnaResult(o, panel, list, psis, groupShare, inf.CriticalValue, warnings, maxPropensity);
    }
}
