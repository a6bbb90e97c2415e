using CausalCart.Core.Results;

namespace CausalCart.Causal.Matching;

/// <summary>Weighted covariate balance (standardised mean differences and variance ratios) shared by matching and subclassification.</summary>
internal static class BalanceTable
{
    /// <summary>
    /// Balance of every covariate: "before" on all units unweighted, "after" with <paramref name="after"/> weights
    /// (length n, ≥ 0; a zero excludes the unit). Both SMDs divide by √((s₁² + s₀²)/2) of the unweighted arms.
    /// </summary>
    public static List<CovariateMatchBalance> Compute(EffectData data, double[] after)
    {
        int n = data.Count, p = data.Covariates.Cols;
        var rows = new List<CovariateMatchBalance>(p);
        for (int j = 0; j < p; j++)
        {
            Moments b1 = default, b0 = default, a1 = default, a0 = default;
            for (int i = 0; i < n; i++)
            {
                double x = data.Covariates[i, j];
                if (data.Treatment[i] == 1)
                {
                    b1.Add(x, 1);
                    a1.Add(x, after[i]);
                }
                else
                {
                    b0.Add(x, 1);
                    a0.Add(x, after[i]);
                }
            }

            double sd = Math.Sqrt((b1.Variance + b0.Variance) / 2);
            double scale = 1e-12 * Math.Max(1, Math.Abs(b1.Mean) + Math.Abs(b0.Mean));
            double smdBefore = sd > scale ? (b1.Mean - b0.Mean) / sd : 0;
            double smdAfter = sd > scale ? (a1.Mean - a0.Mean) / sd : 0;
            rows.Add(new CovariateMatchBalance(
                data.CovariateNames[j], b1.Mean, b0.Mean, smdBefore, Ratio(b1.Variance, b0.Variance),
                a1.Mean, a0.Mean, smdAfter, Ratio(a1.Variance, a0.Variance)));
        }

        return rows;
    }

    public static MatchBalance Summarise(Estimand estimand, List<CovariateMatchBalance> rows, double threshold)
    {
        double before = rows.Count == 0 ? 0 : rows.Max(r => Math.Abs(r.SmdBefore));
        double afterMax = rows.Count == 0 ? 0 : rows.Max(r => Math.Abs(r.SmdAfter));
        int bad = rows.Count(r => Math.Abs(r.SmdAfter) > threshold);
        string message = bad == 0
            ? $"After matching every covariate is balanced (largest standardised difference {afterMax:F3}, before {before:F3}; threshold {threshold})."
            : $"After matching {bad} of {rows.Count} covariates still differ by more than {threshold} standard deviations (largest {afterMax:F3}); " +
              "consider exact matching on them, a caliper, or bias correction.";
        return new MatchBalance(estimand, rows, before, afterMax, message);
    }

    /// <summary>The same table in the shape of <see cref="Diagnostics.Balance"/> (the common result type).</summary>
    public static BalanceDiagnostics ToDiagnostics(MatchBalance b, double threshold) =>
        new(
            b.Covariates.Select(r => new CovariateBalance(r.Name, r.MeanTreatedBefore, r.MeanControlBefore, r.SmdBefore, r.SmdAfter)).ToList(),
            threshold,
            b.MaxAbsSmdBefore,
            b.MaxAbsSmdAfter,
            b.Message);

    private static double Ratio(double v1, double v0)
    {
        if (v0 > 0)
        {
            return v1 / v0;
        }

        return v1 > 0 ? double.MaxValue : 1;
    }

    /// <summary>Weighted running moments (population-style variance Σw(x − m)²/Σw).</summary>
    private struct Moments
    {
        private double _w, _s, _q;

        public void Add(double x, double w)
        {
            _w += w;
            _s += w * x;
            _q += w * x * x;
        }

        public readonly double Mean => _w > 0 ? _s / _w : 0;

        public readonly double Variance => _w > 0 ? Math.Max(0, (_q / _w) - (Mean * Mean)) : 0;
    }
}
