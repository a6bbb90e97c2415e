using System.Collections.Immutable;

namespace CausalCart.Learners.Boosting;

/// <summary>
/// Settings of <see cref="GradientBoostedTreesRegressor"/> and <see cref="GradientBoostedTreesClassifier"/>. Defaults follow
/// XGBoost's <c>hist</c> method (learning rate 0.1 as in LightGBM and scikit-learn): 100 trees, depth 6, λ = 1, minimum child
/// weight 1, 255 bins, no subsampling, no early stopping.
/// </summary>
/// <remarks>
/// The objective minimised by each tree is the second-order expansion of the loss (Chen &amp; Guestrin 2016, eq. 2–7):
/// a leaf's value is −η·G/(H + λ) and a split's gain is ½[G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ)] − γ,
/// with G, H the (weighted) gradient and Hessian sums of the rows reaching the node.
/// </remarks>
public sealed record GradientBoostingOptions
{
    /// <summary>Boosting rounds (trees). Default 100; at least 1. With early stopping this is the maximum.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Shrinkage η applied to every leaf value. Default 0.1; in (0, 1].</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>How trees are grown. Default <see cref="TreeGrowth.DepthWise"/>.</summary>
    public TreeGrowth Growth { get; init; } = TreeGrowth.DepthWise;

    /// <summary>
    /// Maximum depth (the root has depth 0, so a tree has at most 2^MaxDepth leaves). Default 6; 0 means unlimited, which
    /// is allowed only with <see cref="TreeGrowth.LeafWise"/> (where <see cref="MaxLeaves"/> then bounds the tree). At most 30.
    /// </summary>
    public int MaxDepth { get; init; } = 6;

    /// <summary>
    /// Maximum leaves per tree. Default 0: unlimited for <see cref="TreeGrowth.DepthWise"/>, 31 (LightGBM's default) for
    /// <see cref="TreeGrowth.LeafWise"/>. Otherwise at least 2. With depth-wise growth, once the limit is reached the
    /// remaining splits of a level are skipped (highest-gain splits of the level are made first).
    /// </summary>
    public int MaxLeaves { get; init; }

    /// <summary>L2 regularisation λ on leaf values (XGBoost <c>lambda</c>, LightGBM <c>lambda_l2</c>). Default 1; ≥ 0.</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>
    /// Minimum Hessian sum in each child of a split (XGBoost <c>min_child_weight</c>). For squared error with unit weights
    /// this is a minimum row count. Default 1; ≥ 0.
    /// </summary>
    public double MinChildWeight { get; init; } = 1.0;

    /// <summary>Minimum gain γ a split must achieve (XGBoost <c>gamma</c>, LightGBM <c>min_split_gain</c>). Default 0; ≥ 0.</summary>
    public double MinSplitGain { get; init; }

    /// <summary>
    /// Bins per numeric feature, from quantiles of (a sample of up to <see cref="BinningSampleRows"/>) non-missing values;
    /// missing values get one extra bin. Categorical features get one bin per category up to this many. Default 255; 2 to 255.
    /// </summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Rows sampled (seeded) to compute the bin boundaries. Default 200,000 (LightGBM's <c>bin_construct_sample_cnt</c>); at least 1,000.</summary>
    public int BinningSampleRows { get; init; } = 200_000;

    /// <summary>Share of training rows each tree is grown on (drawn per tree, Bernoulli, seeded). Default 1; in (0, 1].</summary>
    public double Subsample { get; init; } = 1.0;

    /// <summary>Share of features each tree may split on (drawn per tree, seeded; at least one). Default 1; in (0, 1].</summary>
    public double ColumnSampleByTree { get; init; } = 1.0;

    /// <summary>
    /// Early stopping: stop when the validation loss has not improved for this many rounds, and keep the trees up to the
    /// best round. Default 0 (off: all <see cref="Trees"/> are grown and no rows are held out).
    /// </summary>
    public int EarlyStoppingRounds { get; init; }

    /// <summary>Share of rows (with positive weight) held out, at random with <see cref="Seed"/>, as the early-stopping validation set. Default 0.1; in (0, 0.5].</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>
    /// Zero-based column indices of categorical features. Their values must be NaN (missing) or non-negative integer codes
    /// below 2^31; splits send a learned set of categories left (categories ordered by G/(H + <see cref="CategoricalSmoothing"/>),
    /// best prefix chosen, as in LightGBM). Beyond <see cref="MaxBins"/> − 1 categories, the rarest share one bin with
    /// categories first seen at prediction. Default empty.
    /// </summary>
    public ImmutableArray<int> CategoricalFeatures { get; init; } = [];

    /// <summary>Added to each category's Hessian sum when ordering categories (LightGBM <c>cat_smooth</c>). Default 10; ≥ 0.</summary>
    public double CategoricalSmoothing { get; init; } = 10.0;

    /// <summary>Seed of every random step (binning sample, row and column subsampling, validation split).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Threads used; 0 (default) uses every core. Results are bit-for-bit identical whatever this is (work is split into
    /// fixed row blocks reduced in a fixed order).
    /// </summary>
    public int MaxThreads { get; init; }

    /// <summary>The leaf limit in force: <see cref="MaxLeaves"/>, or its growth-dependent default when 0.</summary>
    internal int EffectiveMaxLeaves => MaxLeaves > 0 ? MaxLeaves : Growth == TreeGrowth.LeafWise ? 31 : int.MaxValue;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Trees < 1)
        {
            throw new ArgumentException($"Trees must be at least 1 (got {Trees}).", nameof(Trees));
        }

        if (!(LearningRate > 0 && LearningRate <= 1))
        {
            throw new ArgumentException($"LearningRate must be in (0, 1] (got {LearningRate}).", nameof(LearningRate));
        }

        if (!Enum.IsDefined(Growth))
        {
            throw new ArgumentException($"Growth must be DepthWise or LeafWise (got {(int)Growth}).", nameof(Growth));
        }

        if (MaxDepth < 0 || MaxDepth > 30)
        {
            throw new ArgumentException($"MaxDepth must be 0 (unlimited) to 30 (got {MaxDepth}).", nameof(MaxDepth));
        }

        if (MaxDepth == 0 && Growth == TreeGrowth.DepthWise)
        {
            throw new ArgumentException("MaxDepth 0 (unlimited) needs Growth = LeafWise; depth-wise growth needs a depth limit.", nameof(MaxDepth));
        }

        if (MaxLeaves < 0 || MaxLeaves == 1)
        {
            throw new ArgumentException($"MaxLeaves must be 0 (default) or at least 2 (got {MaxLeaves}).", nameof(MaxLeaves));
        }

        CheckNonNegative(L2, nameof(L2));
        CheckNonNegative(MinChildWeight, nameof(MinChildWeight));
        CheckNonNegative(MinSplitGain, nameof(MinSplitGain));
        CheckNonNegative(CategoricalSmoothing, nameof(CategoricalSmoothing));
        if (MaxBins < 2 || MaxBins > 255)
        {
            throw new ArgumentException($"MaxBins must be 2 to 255 (got {MaxBins}).", nameof(MaxBins));
        }

        if (BinningSampleRows < 1000)
        {
            throw new ArgumentException($"BinningSampleRows must be at least 1000 (got {BinningSampleRows}).", nameof(BinningSampleRows));
        }

        if (!(Subsample > 0 && Subsample <= 1))
        {
            throw new ArgumentException($"Subsample must be in (0, 1] (got {Subsample}).", nameof(Subsample));
        }

        if (!(ColumnSampleByTree > 0 && ColumnSampleByTree <= 1))
        {
            throw new ArgumentException($"ColumnSampleByTree must be in (0, 1] (got {ColumnSampleByTree}).", nameof(ColumnSampleByTree));
        }

        if (EarlyStoppingRounds < 0)
        {
            throw new ArgumentException($"EarlyStoppingRounds must be 0 (off) or positive (got {EarlyStoppingRounds}).", nameof(EarlyStoppingRounds));
        }

        if (!(ValidationFraction > 0 && ValidationFraction <= 0.5))
        {
            throw new ArgumentException($"ValidationFraction must be in (0, 0.5] (got {ValidationFraction}).", nameof(ValidationFraction));
        }

        if (MaxThreads < 0)
        {
            throw new ArgumentException($"MaxThreads must be 0 (all cores) or positive (got {MaxThreads}).", nameof(MaxThreads));
        }

        if (CategoricalFeatures.IsDefault)
        {
            throw new ArgumentException("CategoricalFeatures must not be a default (uninitialised) array; use [] for none.", nameof(CategoricalFeatures));
        }

        foreach (int c in CategoricalFeatures)
        {
            if (c < 0)
            {
                throw new ArgumentException($"CategoricalFeatures holds {c}; column indices must be >= 0.", nameof(CategoricalFeatures));
            }
        }
    }

    private static void CheckNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException($"{name} must be finite and >= 0 (got {value}).", name);
        }
    }
}
