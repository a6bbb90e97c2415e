using System.Globalization;

namespace CausalCart.Causal.Sensitivity;

/// <summary>
/// Omitted-variable-bias sensitivity analysis of Cinelli &amp; Hazlett (2020), "Making sense of sensitivity:
/// extending omitted variable bias", JRSS-B 82(1). For the OLS estimate β̂ of the treatment D in
/// Y ~ D + X, an omitted confounder Z with partial R² R²_{D~Z|X} and R²_{Y~Z|D,X} changes it by at most
/// |bias| = se · √dof · √(R²_{Y~Z|D,X} R²_{D~Z|X} / (1 − R²_{D~Z|X})) (their eq. 11–12). Pure and thread-safe.
/// </summary>
public static class OmittedVariableBias
{
    /// <summary>
    /// Sensitivity statistics and benchmark bounds from the treatment's estimate, standard error and the outcome
    /// regression's residual degrees of freedom.
    /// </summary>
    /// <param name="treatment">Treatment name (for labels).</param>
    /// <param name="estimate">β̂ of the treatment.</param>
    /// <param name="standardError">Its (classical) standard error.</param>
    /// <param name="dof">Residual degrees of freedom (n − p).</param>
    /// <param name="benchmarks">Observed covariates to bound confounder strength (may be empty).</param>
    /// <param name="q">Share of the estimate to explain away (default 1: all of it).</param>
    /// <param name="alpha">Significance level for RV_{q,α} and the adjusted intervals (default 0.05).</param>
    /// <exception cref="ArgumentOutOfRangeException">se ≤ 0, dof &lt; 2, q ≤ 0, α outside (0, 1), or a
    /// benchmark implies R²_{D~Z|X} ≥ 1 (the confounder would determine the treatment).</exception>
    public static OvbSensitivity Analyze(string treatment, double estimate, double standardError, int dof, IReadOnlyList<Benchmark> benchmarks, double q = 1, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        if (!(standardError > 0) || !double.IsFinite(estimate))
        {
            throw new ArgumentOutOfRangeException(nameof(standardError), standardError, "The standard error must be positive and the estimate finite.");
        }

        if (dof < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(dof), dof, "At least 2 residual degrees of freedom are needed.");
        }

        if (!(q > 0) || !(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), "q must be positive and alpha strictly between 0 and 1.");
        }

        double t = estimate / standardError;
        double r2 = t * t / ((t * t) + dof);
        double rv = RobustnessValue(t, dof, q);
        double rva = RobustnessValue(t, dof, q, alpha);
        var bounds = benchmarks.Select(b => Bound(b, estimate, standardError, dof, alpha)).ToList();

        string pct(double v) => (100 * v).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        string verdict = rva <= 0
            ? $"The effect of {treatment} is not statistically distinguishable from zero even without hidden confounders; it would take hidden factors explaining {pct(rv)} of what remains unexplained in both {treatment} and the outcome to erase the estimate itself."
            : $"To erase the effect of {treatment}, hidden factors would have to explain {pct(rv)} of what remains unexplained in both {treatment} and the outcome ({pct(rva)} to make it statistically insignificant)";
        if (rva > 0 && bounds.Count > 0)
        {
            var survives = bounds.Where(b => b.AdjustedLower > 0 || b.AdjustedUpper < 0).ToList();
            var worst = bounds.MaxBy(b => b.R2TreatmentWithConfounder)!;
            verdict += survives.Count == bounds.Count
                ? $"; even a hidden factor as strong as {worst.Label} would leave the effect clearly non-zero."
                : $"; a hidden factor as strong as {bounds.First(b => !survives.Contains(b)).Label} would already make it statistically insignificant.";
        }
        else if (rva > 0)
        {
            verdict += ".";
        }

        return new OvbSensitivity(treatment, estimate, standardError, t, dof, r2, rv, rva, q, alpha, bounds, verdict);
    }

    /// <summary>
    /// Robustness value RV_q = ½(√(f_q⁴ + 4f_q²) − f_q²), f_q = q|t|/√dof (Cinelli &amp; Hazlett 2020, eq. 18).
    /// With <paramref name="alpha"/>: RV_{q,α}, the strength that makes the adjusted estimate insignificant at α
    /// (their eq. 21, with f*_{α,dof−1} = |t*_{α/2, dof−1}|/√(dof−1); the extreme-case value (f_q² − f*²)/(1 + f_q²)
    /// applies when f_q &gt; 1/f*). Zero when the estimate is already insignificant.
    /// </summary>
    public static double RobustnessValue(double t, int dof, double q = 1, double? alpha = null)
    {
        double fq = q * Math.Abs(t) / Math.Sqrt(dof);
        if (alpha is null)
        {
            return 0.5 * (Math.Sqrt((fq * fq * fq * fq) + (4 * fq * fq)) - (fq * fq));
        }

        double fCrit = Math.Abs(Distributions.StudentTQuantile(alpha.Value / 2, dof - 1)) / Math.Sqrt(dof - 1);
        double fqa = fq - fCrit;
        if (fqa < 0)
        {
            return 0;
        }

        if (fq > 1 / fCrit)
        {
            return ((fq * fq) - (fCrit * fCrit)) / (1 + (fq * fq));
        }

        return 0.5 * (Math.Sqrt((fqa * fqa * fqa * fqa) + (4 * fqa * fqa)) - (fqa * fqa));
    }

    /// <summary>|bias| = se √dof √(R²_{Y~Z|D,X} R²_{D~Z|X} / (1 − R²_{D~Z|X})) (Cinelli &amp; Hazlett 2020, eq. 12).</summary>
    public static double Bias(double standardError, int dof, double r2Treatment, double r2Outcome) =>
        standardError * Math.Sqrt(dof) * Math.Sqrt(r2Outcome * r2Treatment / (1 - r2Treatment));

    /// <summary>Adjusted standard error se √((1 − R²_{Y~Z|D,X}) / (1 − R²_{D~Z|X})) √(dof / (dof − 1)) (eq. 13).</summary>
    public static double AdjustedStandardError(double standardError, int dof, double r2Treatment, double r2Outcome) =>
        standardError * Math.Sqrt((1 - r2Outcome) / (1 - r2Treatment)) * Math.Sqrt(dof / (dof - 1.0));

    /// <summary>The estimate moved towards zero by the worst-case bias.</summary>
    public static double AdjustedEstimate(double estimate, double standardError, int dof, double r2Treatment, double r2Outcome) =>
        Math.Sign(estimate) * (Math.Abs(estimate) - Bias(standardError, dof, r2Treatment, r2Outcome));

    /// <summary>
    /// Contour data on an n × n grid from 0 to <paramref name="maxR2"/> (exclusive of 1) of the adjusted estimate and t.
    /// </summary>
    public static OvbContour Contour(OvbSensitivity result, int gridSize = 50, double maxR2 = 0.5)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (gridSize < 2 || !(maxR2 > 0 && maxR2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(gridSize), "gridSize must be at least 2 and maxR2 in (0, 1).");
        }

        var grid = Enumerable.Range(0, gridSize).Select(i => maxR2 * i / (gridSize - 1)).ToArray();
        var est = new List<IReadOnlyList<double>>();
        var ts = new List<IReadOnlyList<double>>();
        foreach (double rd in grid)
        {
            var rowE = new double[gridSize];
            var rowT = new double[gridSize];
            for (int j = 0; j < gridSize; j++)
            {
                rowE[j] = AdjustedEstimate(result.Estimate, result.StandardError, result.DegreesOfFreedom, rd, grid[j]);
                rowT[j] = rowE[j] / AdjustedStandardError(result.StandardError, result.DegreesOfFreedom, rd, grid[j]);
            }

            est.Add(rowE);
            ts.Add(rowT);
        }

        return new OvbContour(grid, grid, est, ts, result.Bounds);
    }

    private static OvbBound Bound(Benchmark b, double estimate, double se, int dof, double alpha)
    {
        // Cinelli & Hazlett (2020), Appendix B / sensemakr ovb_partial_r2_bound.
        double r2d = b.R2TreatmentWithCovariate, r2y = b.R2OutcomeWithCovariate;
        double r2dz = b.Kd * r2d / (1 - r2d);
        if (r2dz >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(b), $"A confounder {b.Kd}× as strong as '{b.Covariate}' would explain all of the treatment; choose a smaller multiple.");
        }

        double r2zxj = b.Kd * r2d * r2d / ((1 - (b.Kd * r2d)) * (1 - r2d));
        double r2yz = Math.Pow((Math.Sqrt(b.Ky) + Math.Sqrt(r2zxj)) / Math.Sqrt(1 - r2zxj), 2) * (r2y / (1 - r2y));
        r2yz = Math.Min(r2yz, 1); // sensemakr caps at 1 with a warning
        double adj = AdjustedEstimate(estimate, se, dof, r2dz, r2yz);
        double adjSe = AdjustedStandardError(se, dof, r2dz, r2yz);
        double tq = Distributions.StudentTQuantile(1 - (alpha / 2), dof - 1);
        string label = (b.Kd == b.Ky ? b.Kd.ToString("0.##", CultureInfo.InvariantCulture) : $"{b.Kd.ToString("0.##", CultureInfo.InvariantCulture)}/{b.Ky.ToString("0.##", CultureInfo.InvariantCulture)}") + "x " + b.Covariate;
        return new OvbBound(label, r2dz, r2yz, adj, adjSe, adj / adjSe, adj - (tq * adjSe), adj + (tq * adjSe));
    }
}
