using System.Globalization;
using System.Text;

namespace CausalCart.Cli.Tests;

/// <summary>
/// A small generated shop in which a randomised e-mail wave (the instrument) encourages claiming a coupon (the treatment),
/// and an unmeasured purchase intent u raises both claiming and buying: the association and every estimator that adjusts
/// for the logged history are biased upwards, while the instrument identifies the effect among compliers (LATE).
/// </summary>
/// <remarks>
/// Per user: u ~ N(0, 1); 1–7 views in the 20 days before time zero T0 (the only history); the e-mail arm z ~ Bernoulli(½),
/// logged as an <c>email_wave</c> exposure at T0 + 1 h in arm <c>email</c> or <c>holdout</c>; claiming
/// D(z) = [v &lt; logistic(−1.2 + 1.6 z + 1.2 u)] with one uniform v for both z (monotone: the e-mail never discourages),
/// logged as a <c>coupon</c> exposure (arm <c>claimed</c>) at T0 + 6 h; a buy in [T0 + 1 d, T0 + 8 d) when
/// w &lt; logistic(−1.5 + 1.0 D + 1.2 u + 0.1 views), one uniform w for both arms; a tenth of the users view an item on day 9. <see cref="Late"/> is the mean of
/// Y(1) − Y(0) over this sample's compliers (D(1) = 1, D(0) = 0). Deterministic for a seed.
/// </remarks>
internal sealed class EmailWaveWorld
{
    public static readonly DateTime T0 = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private EmailWaveWorld(double late, double complierShare, string unitTable)
    {
        Late = late;
        ComplierShare = complierShare;
        UnitTableCsv = unitTable;
    }

    /// <summary>The sample's true complier effect on the chance of a buy in the outcome window.</summary>
    public double Late { get; }

    /// <summary>The sample's share of compliers.</summary>
    public double ComplierShare { get; }

    /// <summary>The user-level table (<c>views,email,claimed,bought</c>) of the same world, for <c>estimate</c>.</summary>
    public string UnitTableCsv { get; }

    /// <summary>Writes <c>events.csv</c> and <c>exposures.csv</c> (generic format) into <paramref name="folder"/>.</summary>
    public static EmailWaveWorld Write(string folder, int users, int seed)
    {
        var rng = new Random(seed);
        var events = new StringBuilder("user_id,item_id,category_id,action,timestamp,price,session_id,query\n");
        var exposures = new StringBuilder("user_id,timestamp,campaign,arm,item_id,propensity\n");
        var table = new StringBuilder("views,email,claimed,bought\n");
        double effectSum = 0;
        var compliers = 0;
        for (var i = 0; i < users; i++)
        {
            var user = "u" + i.ToString(CultureInfo.InvariantCulture);
            var u = Normal(rng);
            var views = 1 + rng.Next(7);
            for (var k = 0; k < views; k++)
            {
                var item = rng.Next(200);
                Event(events, user, item, "view", T0.AddMinutes(-rng.Next(1, 20 * 24 * 60)));
            }

            var z = rng.Next(2);
            Exposure(exposures, user, T0.AddHours(1), "email_wave", z == 1 ? "email" : "holdout");
            var v = rng.NextDouble();
            bool Claims(int zz) => v < Logistic(-1.2 + (1.6 * zz) + (1.2 * u));
            var d = Claims(z) ? 1 : 0;
            if (d == 1)
            {
                Exposure(exposures, user, T0.AddHours(6), "coupon", "claimed");
            }

            var w = rng.NextDouble();
            bool Buys(int dd) => w < Logistic(-1.5 + (1.0 * dd) + (1.2 * u) + (0.1 * views));
            if (Claims(1) && !Claims(0))
            {
                compliers++;
                effectSum += (Buys(1) ? 1 : 0) - (Buys(0) ? 1 : 0);
            }

            var y = Buys(d) ? 1 : 0;
            if (y == 1)
            {
                Event(events, user, rng.Next(200), "buy", T0.AddDays(1).AddMinutes(rng.Next(7 * 24 * 60)));
            }

            if (rng.NextDouble() < 0.1)
            {
                // Some activity after the outcome window, so the log visibly covers it.
                Event(events, user, rng.Next(200), "view", T0.AddDays(9).AddMinutes(rng.Next(24 * 60)));
            }

            table.Append(CultureInfo.InvariantCulture, $"{views},{z},{d},{y}\n");
        }

        File.WriteAllText(Path.Combine(folder, "events.csv"), events.ToString());
        File.WriteAllText(Path.Combine(folder, "exposures.csv"), exposures.ToString());
        return new EmailWaveWorld(effectSum / compliers, (double)compliers / users, table.ToString());
    }

    private static void Event(StringBuilder sb, string user, int item, string action, DateTime ts) =>
        sb.Append(CultureInfo.InvariantCulture, $"{user},i{item},c{item % 5},{action},{ts:yyyy-MM-ddTHH:mm:ssZ},{10 + (item % 40)},,\n");

    private static void Exposure(StringBuilder sb, string user, DateTime ts, string campaign, string arm) =>
        sb.Append(CultureInfo.InvariantCulture, $"{user},{ts:yyyy-MM-ddTHH:mm:ssZ},{campaign},{arm},,\n");

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
