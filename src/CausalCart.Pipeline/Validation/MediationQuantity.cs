namespace CausalCart.Pipeline.Validation;

/// <summary>The quantities a mediation study checks (any buy in the outcome window).</summary>
public enum MediationQuantity
{
    /// <summary>TE = E[Y(1, M(1))] − E[Y(0, M(0))].</summary>
    TotalEffect,

    /// <summary>NDE = E[Y(1, M(0))] − E[Y(0, M(0))].</summary>
    DirectEffect,

    /// <summary>NIE = E[Y(1, M(1))] − E[Y(1, M(0))].</summary>
    IndirectEffect,

    /// <summary>NIE / TE.</summary>
    ProportionMediated,
}
