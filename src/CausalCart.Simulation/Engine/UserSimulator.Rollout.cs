using CausalCart.Core.Events;

namespace CausalCart.Simulation.Engine;

/// <summary>The staggered rollout (<see cref="RolloutOptions"/>): the current user's cohort, the weekly panel and its truth.</summary>
internal sealed partial class UserSimulator
{
    private static readonly byte[] RolloutArmUtf8 = System.Text.Encoding.UTF8.GetBytes(ShopSimFiles.RolloutArm);

    // The current user's rollout cohort (−1: never treated, or no rollout).
    private int _rolloutCohort = -1;

    // (W) the current user's purchases per panel week with the rollout (as logged) and without it.
    private int[] _weekBuys = [];
    private int[] _weekBuysUntreated = [];

    private RolloutModel? Rollout { get; init; }

    /// <summary>The checkout log-odds lift of the rollout for the current user at <paramref name="t"/> (0 without a rollout).</summary>
    private double RolloutLift(long t) => Rollout is null ? 0 : Rollout.Lift(_rolloutCohort, t);

    /// <summary>
    /// Only for users signed up before the panel's first week (see <see cref="RolloutOptions"/>). Counts the current user's buys per panel week with and without the rollout, writes the user's rows of
    /// <c>rollout_panel.csv</c> and <c>truth_rollout.csv</c> and adds them to the truth sums. Panel weeks end before T0, where
    /// a slot's logged outcome is <see cref="SimEvent.BoughtWithout"/> (the coupon has not started).
    /// </summary>
    private void WriteRolloutPanel(ChunkOutput output, ReadOnlySpan<byte> userPrefix, int region)
    {
        var model = Rollout!;
        var weeks = model.Weeks;
        if (_weekBuys.Length != weeks)
        {
            _weekBuys = new int[weeks];
            _weekBuysUntreated = new int[weeks];
        }

        Array.Clear(_weekBuys);
        Array.Clear(_weekBuysUntreated);
        for (var i = 0; i < _eventCount; i++)
        {
            ref readonly var e = ref _events[i];
            if (e.Timestamp >= model.PanelEndMs)
            {
                break;
            }

            if (e.Action != CanonicalAction.Buy)
            {
                continue;
            }

            var w = (int)((e.Timestamp - model.OriginMs) / RolloutModel.WeekMs);
            if ((e.BuyMask & SimEvent.BoughtWithout) != 0)
            {
                _weekBuys[w]++;
            }

            if ((e.BuyMask & SimEvent.BoughtWithoutRollout) != 0)
            {
                _weekBuysUntreated[w]++;
            }
        }

        output.RolloutPanelUsers++;
        output.Rollout.Add(model.Cohorts.Length, weeks, _rolloutCohort, _weekBuys, _weekBuysUntreated);
        var firstWeek = _rolloutCohort < 0 ? "0"u8 : model.FirstWeekUtf8[_rolloutCohort];
        var panel = output.RolloutPanel;
        var truth = output.RolloutTruthRows;
        for (var w = 0; w < weeks; w++)
        {
            panel.Append(userPrefix);
            panel.Append(World.RegionUtf8[region]);
            panel.Append((byte)',');
            panel.AppendInt64(w + 1);
            panel.Append((byte)',');
            panel.Append(firstWeek);
            panel.Append((byte)',');
            panel.AppendInt64(_weekBuys[w]);
            panel.Append((byte)'\n');

            truth.Append(userPrefix);
            truth.AppendInt64(w + 1);
            truth.Append((byte)',');
            truth.Append(firstWeek);
            truth.Append((byte)',');
            truth.AppendInt64(_weekBuysUntreated[w]);
            truth.Append((byte)',');
            truth.AppendInt64(_weekBuys[w]);
            truth.Append((byte)'\n');
        }
    }

    private void WriteRolloutExposure(ChunkOutput output, ReadOnlySpan<byte> userPrefix)
    {
        var model = Rollout!;
        var buffer = output.Exposures;
        buffer.Append(userPrefix);
        buffer.AppendInt64(model.AdoptionMs[_rolloutCohort]);
        buffer.Append((byte)',');
        buffer.Append(model.CampaignUtf8);

        // The arm is what the users get; the schedule is fixed by region, so the logged arm has probability 1.
        buffer.Append((byte)',');
        buffer.Append(RolloutArmUtf8);
        buffer.Append(",,1\n"u8);
        output.RolloutExposures++;
    }
}
