namespace CausalCart.Pipeline.Validation;

/// <summary>The discovery algorithms <see cref="MediationStudyService"/> runs.</summary>
public enum DiscoveryAlgorithm
{
    /// <summary>PC-stable with the Fisher-z test at α = 0.01.</summary>
    PcFisherZ,

    /// <summary>GES with the BIC score (penalty 1).</summary>
    Ges,
}
