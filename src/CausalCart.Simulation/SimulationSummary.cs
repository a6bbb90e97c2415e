using CausalCart.Simulation.Engine;

namespace CausalCart.Simulation;

/// <summary>
/// What a ShopSim run wrote, written to <c>summary.json</c>. Every count equals exactly what is in
/// the files (rows exclude the header). All fields but <see cref="ElapsedSeconds"/> are deterministic.
/// </summary>
/// <param name="SchemaVersion">Version of this record's JSON shape (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Seed">The seed of the run.</param>
/// <param name="Users">Rows of <c>users.csv</c>.</param>
/// <param name="ActiveUsers">Users with at least one event.</param>
/// <param name="EligibleUsers">Users with an event in [T0 − EligibilityDays, T0) (rows of <c>truth_users.csv</c>).</param>
/// <param name="TreatedUsers">Eligible users who got the coupon (coupon rows of <c>exposures.csv</c>).</param>
/// <param name="Items">Rows of <c>items.csv</c>.</param>
/// <param name="Categories">Number of categories.</param>
/// <param name="Sessions">Distinct <c>session_id</c> values in <c>events.csv</c>.</param>
/// <param name="Events">Rows of <c>events.csv</c>.</param>
/// <param name="EventsByAction">Rows of <c>events.csv</c> per action name, for every action ShopSim can write (zero included), in canonical order.</param>
/// <param name="Exposures">Rows of <c>exposures.csv</c>.</param>
/// <param name="ExposuresByCampaign">Rows of <c>exposures.csv</c> per campaign (recommendations first, then the coupon campaign, then the rollout campaign when there is one).</param>
/// <param name="FirstEventTime">Timestamp of the earliest event, or null without events.</param>
/// <param name="LastEventTime">Timestamp of the latest event, or null without events.</param>
/// <param name="FirstEventUnixMs">Earliest event in Unix milliseconds, or null.</param>
/// <param name="LastEventUnixMs">Latest event in Unix milliseconds, or null.</param>
/// <param name="TimeZero">T0, when the coupon was assigned.</param>
/// <param name="TimeZeroUnixMs">T0 in Unix milliseconds.</param>
/// <param name="Files">Every file written with its data rows and bytes.</param>
/// <param name="Options">The options of the run (execution-only settings omitted).</param>
/// <param name="ElapsedSeconds">Wall-clock time of the run.</param>
public sealed record SimulationSummary(
    string SchemaVersion,
    int Seed,
    long Users,
    long ActiveUsers,
    long EligibleUsers,
    long TreatedUsers,
    int Items,
    int Categories,
    long Sessions,
    long Events,
    IReadOnlyDictionary<string, long> EventsByAction,
    long Exposures,
    IReadOnlyDictionary<string, long> ExposuresByCampaign,
    DateTimeOffset? FirstEventTime,
    DateTimeOffset? LastEventTime,
    long? FirstEventUnixMs,
    long? LastEventUnixMs,
    DateTimeOffset TimeZero,
    long TimeZeroUnixMs,
    IReadOnlyList<SimulationFile> Files,
    ShopSimOptions Options,
    double ElapsedSeconds)
{
    /// <summary>The schema version this build writes.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>Reads a <c>summary.json</c> (a file path, or a directory holding one).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="System.Text.Json.JsonException">The file is not a summary.</exception>
    public static SimulationSummary Load(string path) => SimJson.Load<SimulationSummary>(path, ShopSimFiles.Summary);
}
