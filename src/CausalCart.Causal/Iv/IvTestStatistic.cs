namespace CausalCart.Causal.Iv;

/// <summary>A χ² test statistic with its degrees of freedom and upper-tail p-value.</summary>
/// <param name="Name">What is tested, e.g. "Sargan overidentification" or "Wu–Hausman endogeneity (robust)".</param>
/// <param name="Statistic">The statistic.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of its χ² reference.</param>
/// <param name="PValue">P(χ²_df &gt; statistic).</param>
public sealed record IvTestStatistic(string Name, double Statistic, int DegreesOfFreedom, double PValue);
