using CausalCart.Core.Events;

namespace CausalCart.Simulation.Engine;

/// <summary>The CSV bytes and counts produced by simulating one contiguous range of users.</summary>
internal sealed class ChunkOutput
{
    public ByteBuffer Events { get; } = new(1 << 20);

    public ByteBuffer Exposures { get; } = new(1 << 18);

    public ByteBuffer Users { get; } = new(1 << 14);

    public ByteBuffer TruthUsers { get; } = new(1 << 14);

    /// <summary>Rows of <c>mediation_users.csv</c> (empty unless the mediator is on).</summary>
    public ByteBuffer MediationUsers { get; } = new(1 << 12);

    public MediationAccumulator Mediation { get; } = new();

    /// <summary>Rows of <c>rollout_panel.csv</c> (empty unless the rollout is on).</summary>
    public ByteBuffer RolloutPanel { get; } = new(1 << 12);

    /// <summary>Rows of <c>truth_rollout.csv</c> (empty unless the rollout is on).</summary>
    public ByteBuffer RolloutTruthRows { get; } = new(1 << 12);

    public RolloutAccumulator Rollout { get; } = new();

    public long RolloutExposures { get; set; }

    /// <summary>Users in the rollout panel (signed up before its first week).</summary>
    public long RolloutPanelUsers { get; set; }

    /// <summary>(7) rows per <see cref="CanonicalAction"/>.</summary>
    public long[] EventsByAction { get; } = new long[CanonicalActions.All.Count];

    public TruthAccumulator Truth { get; } = new();

    public long UserRows { get; set; }

    public long ActiveUsers { get; set; }

    public long EligibleUsers { get; set; }

    public long TreatedUsers { get; set; }

    public long Sessions { get; set; }

    public long RecommendationExposures { get; set; }

    public long CouponExposures { get; set; }

    public long ControlExposures { get; set; }

    public long MinTimestamp { get; set; } = long.MaxValue;

    public long MaxTimestamp { get; set; } = long.MinValue;

    public long EventRows => EventsByAction.Sum();

    public void Clear()
    {
        Events.Clear();
        Exposures.Clear();
        Users.Clear();
        TruthUsers.Clear();
        MediationUsers.Clear();
        Mediation.Clear();
        RolloutPanel.Clear();
        RolloutTruthRows.Clear();
        Rollout.Clear();
        RolloutExposures = 0;
        RolloutPanelUsers = 0;
        Array.Clear(EventsByAction);
        Truth.Clear();
        UserRows = 0;
        ActiveUsers = 0;
        EligibleUsers = 0;
        TreatedUsers = 0;
        Sessions = 0;
        RecommendationExposures = 0;
        CouponExposures = 0;
        ControlExposures = 0;
        MinTimestamp = long.MaxValue;
        MaxTimestamp = long.MinValue;
    }
}
