namespace CausalCart.Causal.Matching;

/// <summary>Which arm's units look for matches in the other arm.</summary>
public enum MatchDirection
{
    /// <summary>Treated units are matched to controls (imputes Y(0) of the treated; the ATT uses only this direction).</summary>
    TreatedToControl,

    /// <summary>Control units are matched to treated units (imputes Y(1) of the controls; the ATE uses both directions).</summary>
    ControlToTreated,
}

/// <summary>One focal unit and one of its matches; the match carries weight 1/(number of matches of the focal unit).</summary>
/// <param name="Focal">Row of the focal unit.</param>
/// <param name="Match">Row of the matched unit in the other arm.</param>
/// <param name="Weight">1/#J(focal), so the weights of one focal unit sum to 1.</param>
public sealed record MatchPair(int Focal, int Match, double Weight);

/// <summary>
/// The matched sample of one direction: for each matched focal unit its matches (ties included with replacement),
/// the focal units dropped by the caliper or the exact cells, and how often each unit served as a match. Immutable.
/// </summary>
public sealed class MatchedSample
{
    private readonly MatchWindows _w;
    private readonly double[] _used;

    internal MatchedSample(MatchDirection direction, MatchWindows windows, int n)
    {
        Direction = direction;
        _w = windows;
        _used = new double[n];
        _w.AccumulateUse(_used, new double[n]);
    }

    /// <summary>The direction.</summary>
    public MatchDirection Direction { get; }

    /// <summary>Number of focal units with at least one match.</summary>
    public int Count => _w.Focal.Length;

    /// <summary>Row of the i-th matched focal unit (rows ascending).</summary>
    public int FocalRow(int i) => _w.Focal[i];

    /// <summary>Rows matched to the i-th focal unit, nearest first within the window order (sorted score or distance).</summary>
    public ReadOnlySpan<int> Matches(int i) => _w.Order.AsSpan(_w.Lo[i], _w.Hi[i] - _w.Lo[i]);

    /// <summary>Focal rows that found no match inside the caliper or their exact cell (ascending).</summary>
    public IReadOnlyList<int> Unmatched => _w.Unmatched;

    /// <summary>
    /// Per row (length n): K(j) = Σ over focal units f that use j of 1/#J(f), the number of times j serves as a match
    /// counted in units of focal weight (Abadie &amp; Imbens 2006); 0 for rows never used.
    /// </summary>
    public IReadOnlyList<double> TimesUsed => _used;

    /// <summary>All (focal, match, weight) pairs; with many ties this can be much longer than <see cref="Count"/>.</summary>
    public IEnumerable<MatchPair> Pairs()
    {
        for (int i = 0; i < Count; i++)
        {
            int lo = _w.Lo[i], hi = _w.Hi[i];
            double weight = 1.0 / (hi - lo);
            for (int q = lo; q < hi; q++)
            {
                yield return new MatchPair(_w.Focal[i], _w.Order[q], weight);
            }
        }
    }

    internal MatchWindows Windows => _w;

    internal double[] Used => _used;
}
