using CausalCart.Causal.DiD;
using CausalCart.Core.Results;
using CausalCart.Pipeline.Analysis;
using CausalCart.Simulation;

namespace CausalCart.Pipeline.Tests.Analysis;

/// <summary>
/// One ShopSim world with the staggered rollout, analysed as <c>causalcart did</c> analyses it: its panel file through
/// <see cref="DidService"/> (never-treated controls, doubly robust, varying base period, 1,000 bootstrap draws).
/// </summary>
internal sealed record RolloutWorld(RolloutTruth Truth, DidAnalysisResult Fit)
{
    public static RolloutWorld Simulate(int seed, int users)
    {
        var dir = Path.Combine(Path.GetTempPath(), "causalcart-rollout-" + Guid.NewGuid().ToString("N"));
        try
        {
            new ShopSimulator(new ShopSimOptions { Users = users, Seed = seed, Rollout = new RolloutOptions() }).Run(dir);
            var fit = DidService.Run(new DidRequest
            {
                DataPath = Path.Combine(dir, ShopSimFiles.RolloutPanel),
                Unit = "user_id",
                Time = "week",
                Outcome = "purchases",
                FirstTreated = "first_week",
                Options = new CallawaySantAnnaOptions { Seed = (ulong)seed },
            });
            return new RolloutWorld(SimulationTruth.Load(dir).Rollout!, fit);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
