namespace CausalCart.Simulation;

/// <summary>ATT(g, t) of the rollout: the mean over cohort g's users of Y_t(g) − Y_t(∞), purchases in week t.</summary>
/// <param name="FirstWeek">Cohort g.</param>
/// <param name="Week">Week t.</param>
/// <param name="EventTime">e = t − g.</param>
/// <param name="Att">Exact ATT(g, t).</param>
/// <param name="MeanUntreated">Mean Y_t(∞) over the cohort (purchases without the rollout).</param>
/// <param name="Users">Cohort size n_g.</param>
public sealed record RolloutGroupTimeTruth(int FirstWeek, int Week, int EventTime, double Att, double MeanUntreated, long Users);
