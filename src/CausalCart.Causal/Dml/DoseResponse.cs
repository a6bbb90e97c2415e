namespace CausalCart.Causal.Dml;

/// <summary>Options of the doubly robust dose-response curve. Immutable.</summary>
/// <param name="GridPoints">Doses at which the curve is evaluated, evenly spaced between the
/// <paramref name="LowerQuantile"/> and <paramref name="UpperQuantile"/> of the observed doses (default 25, at least 2).</param>
/// <param name="LowerQuantile">Lower end of the grid as a quantile of T (default 0.05).</param>
/// <param name="UpperQuantile">Upper end (default 0.95).</param>
/// <param name="Bandwidth">Kernel bandwidth h in dose units; null uses Silverman's rule 1.06·sd(T)·n^(−1/5).</param>
/// <param name="ReferenceUnits">Units (a seeded subsample) over which the marginal integrals ∫π̂(a|x)dP(x) and
/// ∫μ̂(x, a)dP(x) are averaged (default 500; all units when n is smaller).</param>
/// <param name="MaxWeight">Cap on the density ratio π̄(a)/π̂(a|x) (default 100); the capped share is reported.</param>
public sealed record DoseResponseOptions(
    int GridPoints = 25, double LowerQuantile = 0.05, double UpperQuantile = 0.95, double? Bandwidth = null, int ReferenceUnits = 500, double MaxWeight = 100)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (GridPoints < 2)
        {
            throw new ArgumentException($"GridPoints {GridPoints} must be at least 2.", nameof(GridPoints));
        }

        if (!(LowerQuantile >= 0 && LowerQuantile < UpperQuantile && UpperQuantile <= 1))
        {
            throw new ArgumentException($"Quantiles must satisfy 0 <= LowerQuantile < UpperQuantile <= 1; got {LowerQuantile}, {UpperQuantile}.", nameof(LowerQuantile));
        }

        if (Bandwidth is { } h && !(h > 0 && double.IsFinite(h)))
        {
            throw new ArgumentException($"Bandwidth {h} must be positive and finite (or null for the rule of thumb).", nameof(Bandwidth));
        }

        if (ReferenceUnits < 10)
        {
            throw new ArgumentException($"ReferenceUnits {ReferenceUnits} must be at least 10.", nameof(ReferenceUnits));
        }

        if (!(MaxWeight > 1 && double.IsFinite(MaxWeight)))
        {
            throw new ArgumentException($"MaxWeight {MaxWeight} must be finite and greater than 1.", nameof(MaxWeight));
        }
    }
}

/// <summary>One point of a dose-response curve: E[Y(dose)] smoothed at bandwidth h, with a pointwise interval.</summary>
/// <param name="Dose">The dose a.</param>
/// <param name="Estimate">θ̂_h(a), the kernel-smoothed mean outcome had every unit received dose a.</param>
/// <param name="StdError">Sandwich SE of the local linear fit (cluster-robust with groups).</param>
/// <param name="CiLower">Lower end of the pointwise interval.</param>
/// <param name="CiUpper">Upper end.</param>
/// <param name="EffectiveUnits">Kish effective number of units the kernel uses at this dose, (ΣK)²/ΣK².</param>
public sealed record DoseResponsePoint(double Dose, double Estimate, double StdError, double CiLower, double CiUpper, double EffectiveUnits);

/// <summary>A doubly robust dose-response curve. Immutable.</summary>
/// <param name="Points">The curve on the grid, in increasing dose.</param>
/// <param name="Bandwidth">The bandwidth used.</param>
/// <param name="ConfidenceLevel">Nominal pointwise coverage.</param>
/// <param name="CappedShare">Share of units whose density ratio was capped at <see cref="DoseResponseOptions.MaxWeight"/>.</param>
/// <param name="Warnings">Sentences to read before trusting the curve.</param>
public sealed record DoseResponseCurve(IReadOnlyList<DoseResponsePoint> Points, double Bandwidth, double ConfidenceLevel, double CappedShare, IReadOnlyList<string> Warnings);

/// <summary>The partially linear effect of a continuous treatment: the change in Y per unit of T.</summary>
/// <param name="Slope">θ with its SE, interval and p-value (term "treatment").</param>
/// <param name="N">Units.</param>
/// <param name="Repetitions">Cross-fitting splits aggregated by the median.</param>
/// <param name="SplitMin">Smallest split estimate.</param>
/// <param name="SplitMax">Largest split estimate.</param>
public sealed record ContinuousPlrResult(CoefficientEstimate Slope, int N, int Repetitions, double SplitMin, double SplitMax);
