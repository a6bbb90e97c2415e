namespace CausalCart.Pipeline.Validation;

/// <summary>The background knowledge a discovery run of <see cref="MediationStudyService"/> gets.</summary>
public enum TierKnowledge
{
    /// <summary>None: the data alone.</summary>
    None,

    /// <summary>
    /// Tiers from the columns' measurement windows (<see cref="Causal.Discovery.TemporalTiers.FromWindows"/>):
    /// pre-period counts, then the treatment at T0, then the mediator and the outcome, both measured in the outcome window
    /// (so their order is left to the data).
    /// </summary>
    Windows,

    /// <summary>Pre-period &lt; T &lt; M &lt; Y (<see cref="Causal.Discovery.TemporalTiers.ForUnitTable(IReadOnlyList{string}, string, string, IReadOnlyList{string})"/>
    /// with the mediator): the windows' tiers with the mediator also placed before the outcome, as someone who knows the funnel would.</summary>
    FullOrder,
}
