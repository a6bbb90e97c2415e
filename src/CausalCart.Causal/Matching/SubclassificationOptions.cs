namespace CausalCart.Causal.Matching;

/// <summary>Settings of <see cref="SubclassificationEstimator"/> (subclassification on the estimated propensity score).</summary>
public sealed record SubclassificationOptions
{
    /// <summary>Number of strata cut at the quantiles of the estimated propensity over all units (default 5, the
    /// Rosenbaum &amp; Rubin 1984 choice). Ties are never split across strata, so fewer may result.</summary>
    public int Strata { get; init; } = 5;

    /// <summary>Fewest units of each arm a stratum must hold (default 2, the least that gives a within-stratum
    /// variance). A stratum with fewer is merged with its smaller neighbour until every stratum qualifies.</summary>
    public int MinPerArm { get; init; } = 2;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">Strata below 1 or MinPerArm below 2.</exception>
    public void Validate()
    {
        if (Strata < 1)
        {
            throw new ArgumentException($"SubclassificationOptions.Strata must be at least 1 (got {Strata}).", nameof(Strata));
        }

        if (MinPerArm < 2)
        {
            throw new ArgumentException($"SubclassificationOptions.MinPerArm must be at least 2 so each stratum has a within-arm variance (got {MinPerArm}).", nameof(MinPerArm));
        }
    }
}
