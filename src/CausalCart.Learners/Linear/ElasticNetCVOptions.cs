namespace CausalCart.Learners.Linear;

/// <summary>Options of <see cref="ElasticNetCV"/>.</summary>
/// <param name="L1Ratio">Mix ρ in [0, 1] (1 = lasso).</param>
/// <param name="Folds">K ≥ 2 cross-validation folds (assigned by <see cref="GroupedKFold"/>).</param>
/// <param name="PathLength">Number of α values, log-spaced from α_max down to α_max·PathRatio.</param>
/// <param name="PathRatio">Smallest α as a share of α_max, in (0, 1).</param>
/// <param name="Rule">Minimum error or the one-standard-error rule.</param>
/// <param name="Standardize">Penalty on standardised (true, glmnet) or raw (false, scikit-learn) slopes.</param>
/// <param name="Seed">Seed of the fold assignment.</param>
/// <param name="Tolerance">Coordinate-descent tolerance (see <see cref="ElasticNetOptions.Tolerance"/>).</param>
/// <param name="MaxSweeps">Sweep budget per α.</param>
public sealed record ElasticNetCVOptions(
    double L1Ratio = 1.0,
    int Folds = 5,
    int PathLength = 100,
    double PathRatio = 1e-3,
    AlphaRule Rule = AlphaRule.Minimum,
    bool Standardize = true,
    ulong Seed = 0,
    double Tolerance = 1e-10,
    int MaxSweeps = 100_000);
