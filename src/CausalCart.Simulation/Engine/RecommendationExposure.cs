namespace CausalCart.Simulation.Engine;

/// <summary>A logged recommendation: the item shown at a session's start and its policy probability.</summary>
internal struct RecommendationExposure
{
    public long Timestamp;
    public int Item;
    public double Propensity;
}
