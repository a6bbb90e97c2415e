namespace CausalCart.Pipeline.Validation;

/// <summary>Coverage and bias of one mediation quantity over the worlds of a study (errors are estimate − the world's own truth).</summary>
/// <param name="Quantity">The quantity.</param>
/// <param name="Worlds">Worlds with an estimate (the share is not estimated when the total effect is within 2 SE of 0).</param>
/// <param name="Covered">Worlds whose 95% interval contains the truth.</param>
/// <param name="Coverage"><paramref name="Covered"/> / <paramref name="Worlds"/>.</param>
/// <param name="CoverageLower">Lower end of the Wilson 95% interval of the coverage.</param>
/// <param name="CoverageUpper">Upper end.</param>
/// <param name="MeanTruth">Mean truth.</param>
/// <param name="MeanEstimate">Mean estimate.</param>
/// <param name="MeanBias">Mean of estimate − truth.</param>
/// <param name="MeanStdError">Mean reported standard error.</param>
/// <param name="ErrorSd">Sample SD of estimate − truth, what the standard error should match.</param>
public sealed record MediationStudySummary(
    MediationQuantity Quantity,
    int Worlds,
    int Covered,
    double Coverage,
    double CoverageLower,
    double CoverageUpper,
    double MeanTruth,
    double MeanEstimate,
    double MeanBias,
    double MeanStdError,
    double ErrorSd);
