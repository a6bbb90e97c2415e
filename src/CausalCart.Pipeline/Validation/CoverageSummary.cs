using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Validation;

/// <summary>
/// Frequency properties of one method and estimand over the worlds of a coverage study. Errors are
/// estimate − truth, each world against its own true (sample) effect.
/// </summary>
/// <param name="Method">The estimation method.</param>
/// <param name="Estimand">ATE or ATT.</param>
/// <param name="Worlds">Worlds with an estimate.</param>
/// <param name="Covered">Worlds whose 95% interval contains the truth.</param>
/// <param name="Coverage"><paramref name="Covered"/> / <paramref name="Worlds"/>.</param>
/// <param name="CoverageLower">Lower end of the Wilson score 95% interval for the coverage (Wilson 1927).</param>
/// <param name="CoverageUpper">Upper end of the Wilson interval.</param>
/// <param name="MeanTruth">Mean true effect over the worlds.</param>
/// <param name="MeanEstimate">Mean estimate.</param>
/// <param name="MeanBias">Mean of estimate − truth.</param>
/// <param name="Rmse">Root mean squared error, √mean((estimate − truth)²).</param>
/// <param name="MeanStdError">Mean of the reported standard errors.</param>
/// <param name="EstimateSd">Sample standard deviation (n − 1) of the estimates across worlds; 0 with one world.</param>
/// <param name="ErrorSd">Sample standard deviation of estimate − truth: what the standard error should match, since each world's truth is its own sample effect.</param>
public sealed record CoverageSummary(
    EffectMethod Method,
    Estimand Estimand,
    int Worlds,
    int Covered,
    double Coverage,
    double CoverageLower,
    double CoverageUpper,
    double MeanTruth,
    double MeanEstimate,
    double MeanBias,
    double Rmse,
    double MeanStdError,
    double EstimateSd,
    double ErrorSd);
