namespace CausalCart.Learners.Forests;

/// <summary>
/// Options of <see cref="RandomForestRegressor"/> and <see cref="RandomForestClassifier"/>. Immutable; fitting never
/// modifies them. Defaults follow ranger (Wright &amp; Ziegler 2017) where it has one.
/// </summary>
public sealed record RandomForestOptions
{
    /// <summary>Number of trees (default 100, at least 1).</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Candidate features drawn at each node; null gives ⌊√p⌋ (at least 1). Must lie in [1, p] when set.</summary>
    public int? Mtry { get; init; }

    /// <summary>A node is split only when it holds more than this many samples (ranger's <c>min.node.size</c>; default 5,
    /// at least 1). Samples are counted with their bootstrap multiplicity.</summary>
    public int MinNodeSize { get; init; } = 5;

    /// <summary>Each child of a split must hold at least this many samples (default 1).</summary>
    public int MinLeafSize { get; init; } = 1;

    /// <summary>Maximum depth, the root being depth 0; 0 (default) means unlimited.</summary>
    public int MaxDepth { get; init; }

    /// <summary>Sample with replacement (bootstrap, default) or without (subsampling).</summary>
    public bool Replace { get; init; } = true;

    /// <summary>Rows drawn per tree as a share of the rows with positive weight; null gives 1 with replacement and 0.632
    /// without (ranger's defaults); must lie in (0, 1].</summary>
    public double? SampleFraction { get; init; }

    /// <summary>
    /// Honest trees (Wager &amp; Athey 2018): each tree's sample is split at random into a split half, which chooses the
    /// splits, and an estimation half, whose rows alone give the leaf values. Default false.
    /// </summary>
    public bool Honest { get; init; }

    /// <summary>Share of each tree's sample used for splitting when <see cref="Honest"/> (default 0.5, in (0, 1)).</summary>
    public double HonestyFraction { get; init; } = 0.5;

    /// <summary>Maximum quantile bins per feature for the split search (default 256, in [2, 256]). Features with at most this
    /// many distinct values are split exactly.</summary>
    public int MaxBins { get; init; } = 256;

    /// <summary>Seed of every random step (row sampling, feature draws); tree t uses a stream derived from it.</summary>
    public int Seed { get; init; }

    /// <summary>Threads used (default −1: all cores). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The effective sample fraction.</summary>
    internal double EffectiveSampleFraction => SampleFraction ?? (Replace ? 1.0 : 0.632);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option; <paramref name="features"/> is p.</summary>
    internal void Validate(int features)
    {
        if (Trees < 1)
        {
            throw new ArgumentException($"Trees {Trees} must be at least 1.", nameof(Trees));
        }

        if (Mtry is int mtry && (mtry < 1 || mtry > Math.Max(features, 1)))
        {
            throw new ArgumentException($"Mtry {mtry} must lie in [1, {features}] (the number of feature columns), or be null for ⌊√p⌋.", nameof(Mtry));
        }

        if (MinNodeSize < 1 || MinLeafSize < 1)
        {
            throw new ArgumentException($"MinNodeSize ({MinNodeSize}) and MinLeafSize ({MinLeafSize}) must be at least 1.", nameof(MinNodeSize));
        }

        if (MaxDepth < 0)
        {
            throw new ArgumentException($"MaxDepth {MaxDepth} must be >= 0 (0 = unlimited).", nameof(MaxDepth));
        }

        double f = EffectiveSampleFraction;
        if (!(f > 0 && f <= 1))
        {
            throw new ArgumentException($"SampleFraction {f} must lie in (0, 1].", nameof(SampleFraction));
        }

        if (!(HonestyFraction > 0 && HonestyFraction < 1))
        {
            throw new ArgumentException($"HonestyFraction {HonestyFraction} must lie in (0, 1).", nameof(HonestyFraction));
        }

        if (MaxBins is < 2 or > 256)
        {
            throw new ArgumentException($"MaxBins {MaxBins} must lie in [2, 256].", nameof(MaxBins));
        }

        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism {MaxDegreeOfParallelism} must be -1 (all cores) or positive.", nameof(MaxDegreeOfParallelism));
        }
    }
}
