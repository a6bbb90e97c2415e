using System.Globalization;
using System.Text;

namespace CausalCart.Cli.Tests;

/// <summary>
/// A small generated shop with a staggered rollout logged like a campaign's exposures: users are assigned at random to
/// cohorts first exposed in week 4 or week 6, or never (arm <c>on</c> of campaign <c>loyalty</c>, exposed at the start of
/// their week); each week a user buys Poisson(μᵢ + 0.1·week + τ·[treated]) times, with μᵢ ~ U(0.5, 2). Parallel trends hold
/// in levels and the effect on the count of buys is <see cref="Effect"/> in every treated week. A view at the start of
/// week 1 makes every user a unit. Deterministic for a seed.
/// </summary>
internal static class RolloutWorld
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>τ: extra buys per treated user-week.</summary>
    public const double Effect = 0.8;

    public const int Weeks = 8;

    /// <summary>Writes <c>events.csv</c> and <c>exposures.csv</c> (generic format) into <paramref name="folder"/>.</summary>
    public static void Write(string folder, int users, int seed)
    {
        var rng = new Random(seed);
        var events = new StringBuilder("user_id,item_id,category_id,action,timestamp,price,session_id,query\n");
        var exposures = new StringBuilder("user_id,timestamp,campaign,arm,item_id,propensity\n");
        for (var i = 0; i < users; i++)
        {
            var user = "u" + i.ToString(CultureInfo.InvariantCulture);
            var mu = 0.5 + (1.5 * rng.NextDouble());
            var cohort = rng.Next(3) switch { 0 => 4, 1 => 6, _ => 0 };
            Event(events, user, "view", Start.AddMinutes(1 + rng.Next(60)));
            if (cohort > 0)
            {
                Exposure(exposures, user, Start.AddDays(7 * (cohort - 1)).AddHours(1));
            }

            for (var week = 1; week <= Weeks; week++)
            {
                var treated = cohort > 0 && week >= cohort;
                var buys = Poisson(rng, mu + (0.1 * week) + (treated ? Effect : 0));
                for (var b = 0; b < buys; b++)
                {
                    Event(events, user, "buy", Start.AddDays(7 * (week - 1)).AddMinutes(2 + rng.Next((7 * 24 * 60) - 3)));
                }
            }
        }

        File.WriteAllText(Path.Combine(folder, "events.csv"), events.ToString());
        File.WriteAllText(Path.Combine(folder, "exposures.csv"), exposures.ToString());
    }

    private static void Event(StringBuilder sb, string user, string action, DateTime ts) =>
        sb.Append(CultureInfo.InvariantCulture, $"{user},i1,c1,{action},{ts:yyyy-MM-ddTHH:mm:ssZ},10,,\n");

    private static void Exposure(StringBuilder sb, string user, DateTime ts) =>
        sb.Append(CultureInfo.InvariantCulture, $"{user},{ts:yyyy-MM-ddTHH:mm:ssZ},loyalty,on,,\n");

    // Knuth's multiplication method: fine for the small means used here.
    private static int Poisson(Random rng, double mean)
    {
        double limit = Math.Exp(-mean), product = rng.NextDouble();
        var k = 0;
        while (product > limit)
        {
            k++;
            product *= rng.NextDouble();
        }

        return k;
    }
}
