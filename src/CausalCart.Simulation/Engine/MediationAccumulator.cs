namespace CausalCart.Simulation.Engine;

/// <summary>
/// Exact integer sums over eligible users of M(0), M(1) and of Y(0, M(0)), Y(1, M(0)), Y(1, M(1)) per outcome (revenue in
/// cents), so merging chunks in any order gives the same truth bit for bit.
/// </summary>
internal sealed class MediationAccumulator
{
    private long _users;
    private long _m0;
    private long _m1;

    // (outcome) sums of Y(0, M(0)), Y(1, M(0)), Y(1, M(1)).
    private readonly long[] _y00 = new long[TruthAccumulator.OutcomeCount];
    private readonly long[] _y10 = new long[TruthAccumulator.OutcomeCount];
    private readonly long[] _y11 = new long[TruthAccumulator.OutcomeCount];

    public void Clear()
    {
        _users = 0;
        _m0 = 0;
        _m1 = 0;
        Array.Clear(_y00);
        Array.Clear(_y10);
        Array.Clear(_y11);
    }

    public void Add(bool m0, bool m1, ReadOnlySpan<long> y00, ReadOnlySpan<long> y10, ReadOnlySpan<long> y11)
    {
        _users++;
        _m0 += m0 ? 1 : 0;
        _m1 += m1 ? 1 : 0;
        for (var o = 0; o < TruthAccumulator.OutcomeCount; o++)
        {
            _y00[o] += y00[o];
            _y10[o] += y10[o];
            _y11[o] += y11[o];
        }
    }

    public void Merge(MediationAccumulator other)
    {
        _users += other._users;
        _m0 += other._m0;
        _m1 += other._m1;
        for (var o = 0; o < TruthAccumulator.OutcomeCount; o++)
        {
            _y00[o] += other._y00[o];
            _y10[o] += other._y10[o];
            _y11[o] += other._y11[o];
        }
    }

    public MediationTruth ToTruth()
    {
        string[] names = ["any_buy", "buy_count", "revenue"];
        double[] scales = [1, 1, 0.01];
        double n = _users;
        var outcomes = new List<MediationOutcomeTruth>(TruthAccumulator.OutcomeCount);
        for (var o = 0; o < TruthAccumulator.OutcomeCount; o++)
        {
            double Mean(long sum) => _users == 0 ? double.NaN : scales[o] * sum / n;
            double y00 = Mean(_y00[o]), y10 = Mean(_y10[o]), y11 = Mean(_y11[o]);

            // Differences of the integer sums, so TE = NDE + NIE up to one rounding of each.
            double te = Mean(_y11[o] - _y00[o]), nde = Mean(_y10[o] - _y00[o]), nie = Mean(_y11[o] - _y10[o]);
            outcomes.Add(new MediationOutcomeTruth(names[o], y00, y10, y11, te, nde, nie, _y11[o] == _y00[o] ? double.NaN : (double)(_y11[o] - _y10[o]) / (_y11[o] - _y00[o])));
        }

        return new MediationTruth(
            "saved cart during the outcome window (M = 1): raises the log-odds of every checkout in the window",
            _users == 0 ? double.NaN : _m0 / n,
            _users == 0 ? double.NaN : _m1 / n,
            outcomes);
    }
}
