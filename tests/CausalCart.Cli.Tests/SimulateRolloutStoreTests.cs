using System.Globalization;
using CausalCart.Core.Events;
using CausalCart.Simulation;
using CausalCart.Store;

namespace CausalCart.Cli.Tests;

/// <summary>
/// The rollout panel rests on the log: after `causalcart ingest` of a rollout world, SQL over the store's events and
/// exposures gives exactly the simulator's <c>rollout_panel.csv</c> (weekly buys and each user's first treated week).
/// </summary>
public sealed class SimulateRolloutStoreTests
{
    [Fact]
    public async Task Weekly_buys_and_first_weeks_aggregated_in_the_store_equal_the_rollout_panel()
    {
        using var dir = TestPaths.NewTempDir();
        var world = dir.File("world");
        var run = await Cli.RunAsync("simulate", "--users", "2000", "--seed", "9", "--rollout", "staggered", "--out", world);
        Assert.True(run.ExitCode == 0, run.ToString());
        var storePath = dir.File("shop.duckdb");
        run = await Cli.RunAsync("ingest", world, "--format", "generic", "--store", storePath);
        Assert.True(run.ExitCode == 0, run.ToString());

        var origin = ShopSimOptions.DefaultOrigin.ToUnixTimeMilliseconds();
        const long week = 7 * 86_400_000L;
        var weeks = RolloutOptions.PanelWeeks(new ShopSimOptions().HistoryDays);
        var inv = CultureInfo.InvariantCulture;
        var buys = new Dictionary<(long, long), long>();
        var firstWeek = new Dictionary<long, long>();
        using (var store = EventStore.Open(storePath))
        {
            var t = store.Connection.Query(string.Create(inv, $"""
                SELECT CAST(u.key AS BIGINT) AS user_id, CAST((epoch_ms(e.ts) - {origin}) // {week} + 1 AS BIGINT) AS week, count(*) AS purchases
                FROM events e JOIN ids_user u ON u.id = e.user
                WHERE e.action = {(int)CanonicalAction.Buy} AND epoch_ms(e.ts) < {origin + weeks * week}
                GROUP BY ALL
                """));
            for (var i = 0; i < t.RowCount; i++)
            {
                buys.Add((t.Column<long>("user_id")[i], t.Column<long>("week")[i]), t.Column<long>("purchases")[i]);
            }

            var x = store.Connection.Query(string.Create(inv, $"""
                SELECT CAST(u.key AS BIGINT) AS user_id, CAST((min(epoch_ms(x.ts)) - {origin}) // {week} + 1 AS BIGINT) AS first_week
                FROM exposures x JOIN ids_user u ON u.id = x.user JOIN ids_campaign c ON c.id = x.campaign
                WHERE c.key = 'free_shipping_rollout' AND x.arm = '{ShopSimFiles.RolloutArm}'
                GROUP BY ALL
                """));
            for (var i = 0; i < x.RowCount; i++)
            {
                firstWeek.Add(x.Column<long>("user_id")[i], x.Column<long>("first_week")[i]);
            }
        }

        var lines = File.ReadAllLines(Path.Combine(world, ShopSimFiles.RolloutPanel));
        Assert.Equal(ShopSimFiles.RolloutPanelHeader, lines[0]);
        long panelBuys = 0;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            var (user, w) = (long.Parse(f[0], inv), long.Parse(f[2], inv));
            Assert.Equal(firstWeek.GetValueOrDefault(user), long.Parse(f[3], inv));
            Assert.Equal(buys.GetValueOrDefault((user, w)), long.Parse(f[4], inv));
            panelBuys += long.Parse(f[4], inv);
        }

        Assert.True(panelBuys > 1000, $"only {panelBuys} buys in the panel");
    }
}
