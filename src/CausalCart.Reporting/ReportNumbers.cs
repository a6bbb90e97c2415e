namespace CausalCart.Reporting;

/// <summary>Number formats shared by the difference-in-differences and instrumental-variable reports.</summary>
internal static class ReportNumbers
{
    /// <summary>A value with one more decimal than <see cref="MerchantWording.DecimalsFor"/> gives its magnitude.</summary>
    public static string Num(double v) => MerchantWording.Number(v, Math.Min(10, MerchantWording.DecimalsFor(Math.Abs(v)) + 1));

    /// <summary>A confidence level as a percentage without a trailing ".0" (0.95 → "95%").</summary>
    public static string Pct(double level) => MerchantWording.Percent(level).Replace(".0%", "%", StringComparison.Ordinal);
}
