namespace CausalCart.Simulation.Engine;

/// <summary>
/// Exact sums over eligible users of both potential outcomes and of the observed outcome, per
/// segment and arm. All sums are integers (revenue in cents) so merging in any order gives the same
/// result bit for bit.
/// </summary>
internal sealed class TruthAccumulator
{
    /// <summary>Outcomes in order: any buy (0/1), buy count, revenue in cents.</summary>
    public const int OutcomeCount = 3;

    // (segment, arm) cells; arm 0 = control, 1 = treated.
    private readonly long[] _users = new long[Segments.Count * 2];

    // (segment, arm, outcome) sums.
    private readonly long[] _sumY0 = new long[Segments.Count * 2 * OutcomeCount];
    private readonly long[] _sumY1 = new long[Segments.Count * 2 * OutcomeCount];
    private readonly long[] _sumObserved = new long[Segments.Count * 2 * OutcomeCount];
    private readonly Int128[] _sumObservedSquared = new Int128[Segments.Count * 2 * OutcomeCount];

    public void Clear()
    {
        Array.Clear(_users);
        Array.Clear(_sumY0);
        Array.Clear(_sumY1);
        Array.Clear(_sumObserved);
        Array.Clear(_sumObservedSquared);
    }

    public void Add(Segment segment, bool treated, ReadOnlySpan<long> y0, ReadOnlySpan<long> y1)
    {
        var cell = (int)segment * 2 + (treated ? 1 : 0);
        _users[cell]++;
        for (var o = 0; o < OutcomeCount; o++)
        {
            var index = cell * OutcomeCount + o;
            var observed = treated ? y1[o] : y0[o];
            _sumY0[index] += y0[o];
            _sumY1[index] += y1[o];
            _sumObserved[index] += observed;
            _sumObservedSquared[index] += (Int128)observed * observed;
        }
    }

    public void Merge(TruthAccumulator other)
    {
        for (var i = 0; i < _users.Length; i++)
        {
            _users[i] += other._users[i];
        }

        for (var i = 0; i < _sumY0.Length; i++)
        {
            _sumY0[i] += other._sumY0[i];
            _sumY1[i] += other._sumY1[i];
            _sumObserved[i] += other._sumObserved[i];
            _sumObservedSquared[i] += other._sumObservedSquared[i];
        }
    }

    /// <summary>Builds the truth record; revenue sums in cents are converted to currency units.</summary>
    public SimulationTruth ToTruth(ShopSimOptions options)
    {
        var t0 = options.TimeZero;
        var windowEnd = t0.AddDays(options.OutcomeDays);
        string[] names = ["any_buy", "buy_count", "revenue"];
        string[] values = ["any", "count", "revenue"];
        double[] scales = [1, 1, 0.01];
        var outcomes = new List<OutcomeTruth>(OutcomeCount);
        for (var o = 0; o < OutcomeCount; o++)
        {
            var all = Cells(o, segment: null, arm: null);
            var treated = Cells(o, segment: null, arm: 1);
            var control = Cells(o, segment: null, arm: 0);
            var bySegment = new List<SegmentTruth>(Segments.Count);
            for (var s = 0; s < Segments.Count; s++)
            {
                var sAll = Cells(o, s, null);
                var sTreated = Cells(o, s, 1);
                var sControl = Cells(o, s, 0);
                bySegment.Add(new SegmentTruth(
                    Segments.Names[s],
                    sAll.Users,
                    sTreated.Users,
                    scales[o] * sAll.MeanEffect,
                    scales[o] * sTreated.MeanEffect,
                    scales[o] * (sTreated.MeanObserved - sControl.MeanObserved)));
            }

            outcomes.Add(new OutcomeTruth(
                names[o],
                "buy",
                values[o],
                t0,
                windowEnd,
                options.OutcomeDays,
                scales[o] * all.MeanY0,
                scales[o] * all.MeanY1,
                scales[o] * all.MeanEffect,
                scales[o] * treated.MeanEffect,
                scales[o] * control.MeanEffect,
                scales[o] * (treated.MeanObserved - control.MeanObserved),
                scales[o] * Math.Sqrt(treated.VarianceOfMean + control.VarianceOfMean),
                bySegment));
        }

        var totalTreated = Cells(0, null, 1).Users;
        var totalControl = Cells(0, null, 0).Users;
        return new SimulationTruth(
            SimulationTruth.CurrentSchemaVersion,
            options.Campaign,
            t0,
            t0.ToUnixTimeMilliseconds(),
            $"Sample estimands over the eligible users of this simulated world: users with at least one event in [T0 - {options.EligibilityDays}d, T0). "
                + "Y(0) and Y(1) are exact for every user: both arms were simulated from the same random numbers.",
            options.EligibilityDays,
            totalTreated + totalControl,
            totalTreated,
            totalControl,
            $"Exposure to campaign '{options.Campaign}' (arm '{ShopSimFiles.CouponArm}') at T0; the coupon is valid in [T0, T0 + {options.OutcomeDays}d).",
            outcomes);
    }

    private Cell Cells(int outcome, int? segment, int? arm)
    {
        var cell = default(Cell);
        for (var s = 0; s < Segments.Count; s++)
        {
            if (segment is not null && segment.Value != s)
            {
                continue;
            }

            for (var a = 0; a < 2; a++)
            {
                if (arm is not null && arm.Value != a)
                {
                    continue;
                }

                var c = s * 2 + a;
                var i = c * OutcomeCount + outcome;
                cell.Users += _users[c];
                cell.SumY0 += _sumY0[i];
                cell.SumY1 += _sumY1[i];
                cell.SumObserved += _sumObserved[i];
                cell.SumObservedSquared += _sumObservedSquared[i];
            }
        }

        return cell;
    }

    private struct Cell
    {
        public long Users;
        public long SumY0;
        public long SumY1;
        public long SumObserved;
        public Int128 SumObservedSquared;

        public readonly double MeanY0 => Users == 0 ? double.NaN : (double)SumY0 / Users;

        public readonly double MeanY1 => Users == 0 ? double.NaN : (double)SumY1 / Users;

        public readonly double MeanEffect => Users == 0 ? double.NaN : (double)(SumY1 - SumY0) / Users;

        public readonly double MeanObserved => Users == 0 ? double.NaN : (double)SumObserved / Users;

        /// <summary>Sample variance of the observed outcome divided by n: (n·Σy² − (Σy)²) / (n²(n − 1)).</summary>
        public readonly double VarianceOfMean
        {
            get
            {
                if (Users < 2)
                {
                    return double.NaN;
                }

                var numerator = (Int128)Users * SumObservedSquared - (Int128)SumObserved * SumObserved;
                return (double)numerator / ((double)Users * Users * (Users - 1));
            }
        }
    }
}
