namespace CausalCart.Pipeline.Validation;

/// <summary>Mean discovery scores of one algorithm and knowledge over the worlds of a study.</summary>
/// <param name="Algorithm">The algorithm.</param>
/// <param name="Knowledge">The background knowledge.</param>
/// <param name="Worlds">Worlds.</param>
/// <param name="MeanShd">Mean structural Hamming distance.</param>
/// <param name="MinShd">Smallest SHD over the worlds.</param>
/// <param name="MaxShd">Largest SHD.</param>
/// <param name="MeanSkeletonPrecision">Mean skeleton precision.</param>
/// <param name="MeanSkeletonRecall">Mean skeleton recall.</param>
public sealed record DiscoverySummary(
    DiscoveryAlgorithm Algorithm,
    TierKnowledge Knowledge,
    int Worlds,
    double MeanShd,
    int MinShd,
    int MaxShd,
    double MeanSkeletonPrecision,
    double MeanSkeletonRecall);
