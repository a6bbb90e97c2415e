namespace CausalCart.Learners.Boosting;

/// <summary>
/// Split-based feature importance of a boosted ensemble: per feature (column order), the total gain of the splits on it
/// (the ½[…] − γ criterion of <see cref="GradientBoostingOptions"/>, in loss units) and how many splits use it.
/// </summary>
public sealed class BoostingFeatureImportance
{
    private readonly double[] _gain;
    private readonly int[] _splits;

    internal BoostingFeatureImportance(double[] gain, int[] splits)
    {
        _gain = gain;
        _splits = splits;
    }

    /// <summary>Total split gain per feature (length p).</summary>
    public IReadOnlyList<double> TotalGain => Array.AsReadOnly(_gain);

    /// <summary>Number of splits per feature (length p).</summary>
    public IReadOnlyList<int> SplitCount => Array.AsReadOnly(_splits);

    /// <summary>Total gain per feature divided by the sum over features (all 0 when no tree split).</summary>
    public double[] NormalizedGain()
    {
        double sum = _gain.Sum();
        return _gain.Select(g => sum > 0 ? g / sum : 0).ToArray();
    }
}
