namespace CausalCart.Simulation.Engine;

/// <summary>Exact integer sums behind the rollout's truth, mergeable in any order with the same result.</summary>
internal sealed class RolloutAccumulator
{
    private int _weeks;

    /// <summary>(C + 1) users per cohort, the last entry never treated.</summary>
    public long[] Users { get; private set; } = [];

    /// <summary>(C·W) Σ over the cohort's users of Y_t(g) − Y_t(∞).</summary>
    public long[] SumEffect { get; private set; } = [];

    /// <summary>(C·W) Σ over the cohort's users of Y_t(∞).</summary>
    public long[] SumUntreated { get; private set; } = [];

    public void Clear()
    {
        Array.Clear(Users);
        Array.Clear(SumEffect);
        Array.Clear(SumUntreated);
    }

    /// <summary>Adds one user of <paramref name="cohort"/> (−1: never treated) with weekly purchases with and without the rollout.</summary>
    public void Add(int cohortCount, int weeks, int cohort, ReadOnlySpan<int> withRollout, ReadOnlySpan<int> without)
    {
        EnsureShape(cohortCount, weeks);
        Users[cohort < 0 ? cohortCount : cohort]++;
        if (cohort < 0)
        {
            return;
        }

        for (var w = 0; w < weeks; w++)
        {
            SumEffect[cohort * weeks + w] += withRollout[w] - without[w];
            SumUntreated[cohort * weeks + w] += without[w];
        }
    }

    public void Merge(RolloutAccumulator other)
    {
        if (other.Users.Length == 0)
        {
            return;
        }

        EnsureShape(other.Users.Length - 1, other._weeks);
        for (var i = 0; i < Users.Length; i++)
        {
            Users[i] += other.Users[i];
        }

        for (var i = 0; i < SumEffect.Length; i++)
        {
            SumEffect[i] += other.SumEffect[i];
            SumUntreated[i] += other.SumUntreated[i];
        }
    }

    public void EnsureShape(int cohortCount, int weeks)
    {
        if (Users.Length == 0)
        {
            _weeks = weeks;
            Users = new long[cohortCount + 1];
            SumEffect = new long[cohortCount * weeks];
            SumUntreated = new long[cohortCount * weeks];
        }
    }
}
