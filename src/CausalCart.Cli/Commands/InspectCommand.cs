using System.CommandLine;
using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Store;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart inspect</c>: the store's quality report.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var store = CommonOptions.Store(required: true);
        var json = CommonOptions.Json();
        var command = new Command("inspect", """
            Prints the quality report of an event store: rejects by reason, events by action, time range,
            users, items, sessions, exposures, events per user and per session, duplicate share.

            Examples:
              causalcart inspect --store shop.duckdb
              causalcart inspect --store shop.duckdb --json
            """)
        {
            store, json,
        };
        command.SetAction(parse => Run(console, parse.GetValue(store)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string storePath, bool json)
    {
        if (!File.Exists(storePath))
        {
            throw new CausalCartException(ErrorKind.Usage, $"Store '{storePath}' does not exist.");
        }

        using var store = EventStore.Open(storePath);
        var q = store.QualityReport();
        if (json)
        {
            console.WriteJson(q);
            return ExitCodes.Ok;
        }

        var inv = CultureInfo.InvariantCulture;
        console.Line($"store {storePath}: {q.SourceFiles} file(s); {q.Read:N0} rows read, {q.Accepted:N0} accepted, {q.Rejected:N0} rejected");
        foreach (var (reason, count) in q.RejectsByReason)
        {
            console.Line($"  rejected {reason}: {count:N0}");
        }

        console.Line($"events {q.Events:N0}: {string.Join(", ", q.EventsByAction.Select(kv => $"{kv.Key} {kv.Value:N0}"))}");
        console.Line($"time range {q.FirstEvent?.ToString("u", inv) ?? "-"} to {q.LastEvent?.ToString("u", inv) ?? "-"}");
        console.Line($"{q.DistinctUsers:N0} users, {q.DistinctItems:N0} items, {q.DistinctCategories:N0} categories, {q.DistinctSessions:N0} sessions, {q.Exposures:N0} exposures");
        foreach (var (campaign, count) in q.ExposuresByCampaign)
        {
            console.Line($"  exposures {campaign}: {count:N0}");
        }

        console.Line(string.Create(inv, $"events per user: mean {q.EventsPerUser.Mean:F1}, median {q.EventsPerUser.P50:F0}, p90 {q.EventsPerUser.P90:F0}, p99 {q.EventsPerUser.P99:F0}, max {q.EventsPerUser.Max:N0}"));
        console.Line(string.Create(inv, $"events per session: mean {q.EventsPerSession.Mean:F1}, median {q.EventsPerSession.P50:F0}, p90 {q.EventsPerSession.P90:F0}, p99 {q.EventsPerSession.P99:F0}, max {q.EventsPerSession.Max:N0}"));
        console.Line(string.Create(inv, $"duplicate share {q.DuplicateShare:P2}"));
        return ExitCodes.Ok;
    }
}
