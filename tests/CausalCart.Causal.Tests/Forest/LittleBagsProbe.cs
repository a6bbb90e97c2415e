namespace CausalCart.Causal.Tests.Forest;

/// <summary>Reaches the internal little-bags debiaser (the Causal project exposes internals to its tests).</summary>
internal static class LittleBagsProbe
{
    public static double Debias(double between, double noise, int bags) => CausalCart.Causal.Forest.LittleBags.Debias(between, noise, bags);
}
