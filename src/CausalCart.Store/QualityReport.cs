using System.Text.Json;
using System.Text.Json.Serialization;

namespace CausalCart.Store;

/// <summary>
/// Data-quality summary of an event store, computed by SQL over its tables. Serialises to JSON with
/// camelCase names (<see cref="ToJson"/>).
/// </summary>
/// <param name="SchemaVersion">The store's schema version.</param>
/// <param name="SourceFiles">Rows of <c>source_files</c>.</param>
/// <param name="Read">Rows read, summed over all source files.</param>
/// <param name="Accepted">Rows accepted, summed over all source files.</param>
/// <param name="Rejected">Rows rejected, summed over all source files.</param>
/// <param name="RejectsByReason">Rejected rows per reason code, over all files.</param>
/// <param name="Events">Rows of <c>events</c>.</param>
/// <param name="EventsByAction">Events per canonical action name (<c>view</c>, <c>buy</c>, …); actions with no events show 0.</param>
/// <param name="FirstEvent">Earliest event time (UTC), null when there are no events.</param>
/// <param name="LastEvent">Latest event time (UTC), null when there are no events.</param>
/// <param name="DistinctUsers">Distinct users with events.</param>
/// <param name="DistinctItems">Distinct non-null items in events.</param>
/// <param name="DistinctCategories">Distinct non-null categories in events.</param>
/// <param name="DistinctSessions">Distinct non-null sessions in events.</param>
/// <param name="EventsWithoutSession">Events still without a session (sessionization not run since they were ingested).</param>
/// <param name="Exposures">Rows of <c>exposures</c>.</param>
/// <param name="ExposuresByCampaign">Exposures per campaign name (the <c>ids_campaign</c> key).</param>
/// <param name="EventsPerUser">Distribution of the number of events per user with events.</param>
/// <param name="EventsPerSession">Distribution of the number of events per session.</param>
/// <param name="DuplicateShare">Rows rejected as <c>duplicate</c> divided by rows read; 0 when nothing was read.</param>
public sealed record QualityReport(
    int SchemaVersion,
    long SourceFiles,
    long Read,
    long Accepted,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectsByReason,
    long Events,
    IReadOnlyDictionary<string, long> EventsByAction,
    DateTime? FirstEvent,
    DateTime? LastEvent,
    long DistinctUsers,
    long DistinctItems,
    long DistinctCategories,
    long DistinctSessions,
    long EventsWithoutSession,
    long Exposures,
    IReadOnlyDictionary<string, long> ExposuresByCampaign,
    CountDistribution EventsPerUser,
    CountDistribution EventsPerSession,
    double DuplicateShare)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The report as indented JSON with camelCase property names (dictionary keys unchanged).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a report.</exception>
    public static QualityReport FromJson(string json) =>
        JsonSerializer.Deserialize<QualityReport>(json, JsonOptions) ?? throw new JsonException("The JSON text is null, not a quality report.");
}
