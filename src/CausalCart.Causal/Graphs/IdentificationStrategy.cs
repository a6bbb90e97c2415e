namespace CausalCart.Causal.Graphs;

/// <summary>How an effect is identified, in the order <see cref="CausalIdentifier"/> prefers them.</summary>
public enum IdentificationStrategy
{
    /// <summary>Covariate adjustment (backdoor / generalised adjustment criterion).</summary>
    Adjustment,

    /// <summary>Pearl's front-door formula through mediators.</summary>
    FrontDoor,

    /// <summary>A formula found by the general ID algorithm.</summary>
    GeneralId,

    /// <summary>Not identifiable from observational data; an instrument may still give a (local, linear) estimate.</summary>
    NotIdentifiable,
}
