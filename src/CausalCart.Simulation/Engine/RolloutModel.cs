using System.Text;

namespace CausalCart.Simulation.Engine;

/// <summary>The resolved rollout schedule of <see cref="RolloutOptions"/>: cohorts ordered by first week, per-region lookup, the panel's span.</summary>
internal sealed class RolloutModel
{
    public const long WeekMs = 7 * 86_400_000L;

    public RolloutModel(ShopSimOptions options, RolloutOptions rollout)
    {
        Weeks = RolloutOptions.PanelWeeks(options.HistoryDays);
        OriginMs = options.Origin.ToUnixTimeMilliseconds();
        PanelEndMs = OriginMs + Weeks * WeekMs;
        Cohorts = [.. rollout.Cohorts.OrderBy(c => c.FirstWeek).ThenBy(c => Array.IndexOf(World.Regions, c.Region))];
        AdoptionMs = [.. Cohorts.Select(c => OriginMs + (c.FirstWeek - 1) * WeekMs)];
        FirstWeekUtf8 = [.. Cohorts.Select(c => Encoding.UTF8.GetBytes(c.FirstWeek.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        RegionCohort = [.. World.Regions.Select(r => Array.FindIndex(Cohorts, c => string.Equals(c.Region, r, StringComparison.Ordinal)))];
        CampaignUtf8 = Encoding.UTF8.GetBytes(rollout.Campaign);
        Campaign = rollout.Campaign;
    }

    /// <summary>Panel weeks W.</summary>
    public int Weeks { get; }

    public long OriginMs { get; }

    /// <summary>End of the last panel week (exclusive), Unix ms; at or before T0.</summary>
    public long PanelEndMs { get; }

    /// <summary>(C) cohorts by first week.</summary>
    public RegionRollout[] Cohorts { get; }

    /// <summary>(C) start of each cohort's first week, Unix ms.</summary>
    public long[] AdoptionMs { get; }

    /// <summary>(C) each cohort's first week as UTF-8 digits.</summary>
    public byte[][] FirstWeekUtf8 { get; }

    /// <summary>(regions) the cohort of each region, −1 for never treated.</summary>
    public int[] RegionCohort { get; }

    public byte[] CampaignUtf8 { get; }

    public string Campaign { get; }

    /// <summary>The checkout log-odds lift at time <paramref name="t"/> for a user of cohort <paramref name="cohort"/> (−1: never treated).</summary>
    public double Lift(int cohort, long t)
    {
        if (cohort < 0 || t < AdoptionMs[cohort])
        {
            return 0;
        }

        var c = Cohorts[cohort];
        return c.Level + c.Slope * ((t - AdoptionMs[cohort]) / WeekMs);
    }

    /// <summary>The exact truth from the merged sums of every user.</summary>
    public RolloutTruth ToTruth(RolloutAccumulator sums)
    {
        var cohorts = new List<RolloutCohortTruth>();
        var cells = new List<RolloutGroupTimeTruth>();
        for (var c = 0; c < Cohorts.Length; c++)
        {
            var n = sums.Users[c];
            cohorts.Add(new RolloutCohortTruth(Cohorts[c].Region, Cohorts[c].FirstWeek, DateTimeOffset.FromUnixTimeMilliseconds(AdoptionMs[c]), n));
            if (n == 0)
            {
                continue;
            }

            for (var w = 1; w <= Weeks; w++)
            {
                var i = c * Weeks + w - 1;
                cells.Add(new RolloutGroupTimeTruth(
                    Cohorts[c].FirstWeek, w, w - Cohorts[c].FirstWeek, sums.SumEffect[i] / (double)n, sums.SumUntreated[i] / (double)n, n));
            }
        }

        var eventStudy = new List<RolloutEventTimeTruth>();
        foreach (var byE in cells.GroupBy(c => c.EventTime).OrderBy(g => g.Key))
        {
            // Integer sums of effects over the cohorts' users, divided once: exact up to one rounding.
            long effect = 0;
            long users = 0;
            foreach (var cell in byE)
            {
                var c = Array.FindIndex(Cohorts, k => k.FirstWeek == cell.FirstWeek);
                effect += sums.SumEffect[c * Weeks + cell.Week - 1];
                users += cell.Users;
            }

            eventStudy.Add(new RolloutEventTimeTruth(byE.Key, effect / (double)users, users));
        }

        long postEffect = 0;
        long postWeight = 0;
        foreach (var cell in cells.Where(c => c.EventTime >= 0))
        {
            var c = Array.FindIndex(Cohorts, k => k.FirstWeek == cell.FirstWeek);
            postEffect += sums.SumEffect[c * Weeks + cell.Week - 1];
            postWeight += cell.Users;
        }

        return new RolloutTruth(
            Campaign,
            "purchases (buy events) per user and week",
            Weeks,
            cohorts,
            sums.Users[Cohorts.Length],
            cells,
            eventStudy,
            postWeight > 0 ? postEffect / (double)postWeight : double.NaN);
    }
}
