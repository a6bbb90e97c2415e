using CausalCart.Store.DuckDb;

namespace CausalCart.Features.UnitTables;

/// <summary>Checks that the campaigns and arms a spec names exist in the store, naming those it has when they do not.</summary>
internal static class StoreCampaigns
{
    private const int MaxNamesListed = 20;

    /// <summary>Throws unless every campaign exists and each (campaign, arm) pair with an arm has exposures in that arm.</summary>
    /// <param name="connection">The store.</param>
    /// <param name="campaigns">Campaign keys, each with the arm it needs (or null) and the spec keys naming them (or null) for the messages.</param>
    /// <exception cref="InvalidOperationException">A campaign or arm is missing; the message lists those the store has.</exception>
    public static void Require(DuckDbConnection connection, IReadOnlyList<(string Campaign, string? Arm, string? CampaignKey, string? ArmKey)> campaigns)
    {
        if (campaigns.Count == 0)
        {
            return;
        }

        var known = Strings(connection, "SELECT key FROM ids_campaign ORDER BY key", null);
        foreach (var (campaign, _, key, _) in campaigns)
        {
            if (!known.Contains(campaign, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"The store has no campaign '{campaign}'{Where(key)}. Campaigns: {List(known)}.");
            }
        }

        foreach (var (campaign, arm, _, key) in campaigns)
        {
            if (arm is null)
            {
                continue;
            }

            var arms = Strings(connection, "SELECT DISTINCT x.arm FROM exposures x JOIN ids_campaign c ON c.id = x.campaign WHERE c.key = $1 ORDER BY x.arm", campaign);
            if (!arms.Contains(arm, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"Campaign '{campaign}' has no arm '{arm}'{Where(key)}. Arms: {List(arms)}.");
            }
        }
    }

    private static string Where(string? key) => key is null ? string.Empty : $" ({key})";

    private static List<string> Strings(DuckDbConnection connection, string sql, string? parameter)
    {
        var result = new List<string>();
        using var statement = connection.Prepare(sql);
        if (parameter is not null)
        {
            statement.Bind(1, parameter);
        }

        using var reader = statement.ExecuteReader();
        while (reader.ReadChunk())
        {
            for (var row = 0; row < reader.RowCount; row++)
            {
                result.Add(reader.GetString(0, row) ?? string.Empty);
            }
        }

        return result;
    }

    private static string List(List<string> names) => names.Count == 0
        ? "(none)"
        : string.Join(", ", names.Take(MaxNamesListed)) + (names.Count > MaxNamesListed ? $", … ({names.Count} in all)" : string.Empty);
}
