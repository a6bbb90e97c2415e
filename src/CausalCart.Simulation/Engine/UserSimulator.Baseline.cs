using CausalCart.Core.Events;

namespace CausalCart.Simulation.Engine;

/// <summary>The observed history at T0 and the baseline shape it drives (<see cref="BaselineOptions"/>).</summary>
internal sealed partial class UserSimulator
{
    // The current user's untreated log-odds shift at or after T0, computed at the first checkout slot that needs it.
    private double _baselineShift;
    private bool _baselineShiftKnown;

    private bool BaselineShaped => _options.Baseline.Shape != BaselineShape.Linear;

    /// <summary>
    /// The targeting features from the events drawn so far with timestamps before T0 (buys count only when they happened
    /// without the coupon, which before T0 is always the logged outcome): whether the user is eligible, B30, V7 and the time
    /// of the last event (<see cref="long.MinValue"/> when there is none). Complete as soon as the timeline has reached T0.
    /// </summary>
    private (bool Eligible, long Buys, long Views7, long LastBefore) HistoryBeforeT0()
    {
        var eligible = false;
        long buys = 0;
        long views7 = 0;
        var lastBefore = long.MinValue;
        for (var i = 0; i < _eventCount; i++)
        {
            ref readonly var e = ref _events[i];
            if (e.Timestamp >= _t0Ms)
            {
                break;
            }

            var happened = e.Action != CanonicalAction.Buy || (e.BuyMask & SimEvent.BoughtWithout) != 0;
            if (!happened)
            {
                continue;
            }

            lastBefore = e.Timestamp;
            if (e.Timestamp >= _eligibilityStartMs)
            {
                eligible = true;
                if (e.Action == CanonicalAction.Buy)
                {
                    buys++;
                }
            }

            if (e.Action == CanonicalAction.View && e.Timestamp >= _views7StartMs)
            {
                views7++;
            }
        }

        return (eligible, buys, views7, lastBefore);
    }

    // Called only for slots at or after T0, when every earlier event is already drawn, so the history is final.
    private double BaselineShift()
    {
        if (!_baselineShiftKnown)
        {
            var (eligible, buys, _, lastBefore) = HistoryBeforeT0();
            _baselineShift = eligible ? _options.Baseline.Shift(buys, (_t0Ms - lastBefore) / (double)DayMs) : 0;
            _baselineShiftKnown = true;
        }

        return _baselineShift;
    }
}
