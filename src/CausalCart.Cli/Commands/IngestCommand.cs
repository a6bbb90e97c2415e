using System.CommandLine;
using CausalCart.Core.Errors;
using CausalCart.Ingest;
using CausalCart.Pipeline.Ingestion;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart ingest</c>.</summary>
internal static class IngestCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("input") { Description = "A log file (CSV or Parquet), or a directory written by 'causalcart simulate'." };
        var store = CommonOptions.Store(required: true);
        var format = new Option<string>("--format") { Description = "Format preset: " + string.Join(", ", LogFormats.Names) + ".", DefaultValueFactory = _ => "generic" };
        var kind = new Option<string>("--kind") { Description = "What a single file holds: events, exposures, items or users.", DefaultValueFactory = _ => "events" };
        var mapping = new Option<string?>("--mapping") { Description = "YAML column mapping for format 'custom' (columns, actions, timestamp, delimiter, header)." };
        var map = new Option<string?>("--map") { Description = "Column mapping on the command line, e.g. user_id=visitor,item_id=sku,action=event,timestamp=ts (format 'custom')." };
        var actions = new Option<string?>("--actions") { Description = "Action values for --map, e.g. pageview=view,add=cart,order=buy." };
        var timestamp = new Option<string>("--timestamp") { Description = "Timestamp encoding of the generic format: auto, s, ms or iso.", DefaultValueFactory = _ => "auto" };
        var gap = new Option<int>("--session-gap-minutes") { Description = "Inactivity gap that starts a new session (for sources without session ids).", DefaultValueFactory = _ => 30 };
        var maxReject = new Option<double>("--max-reject-share") { Description = "Exit with code 3 when more than this share of rows is rejected (the accepted rows stay ingested).", DefaultValueFactory = _ => 0.5 };
        var json = CommonOptions.Json();
        var command = new Command("ingest", """
            Reads a behaviour log into the event store: every row is accepted or quarantined in 'rejects' with a
            reason and its line number (read = accepted + rejected); each file is one transaction; a file
            already ingested (same SHA-256) is not added twice; sessions are built after the files are in.

            Examples:
              causalcart ingest UserBehavior.csv --format taobao --store shop.duckdb --json
              causalcart ingest world/ --format generic --store shop.duckdb
              causalcart ingest exposures.csv --kind exposures --store shop.duckdb
              causalcart ingest clicks.tsv --format custom --mapping mapping.yaml --store shop.duckdb
            """)
        {
            input, store, format, kind, mapping, map, actions, timestamp, gap, maxReject, json,
        };
        command.SetAction((parse, ct) =>
        {
            var request = BuildRequest(
                parse.GetValue(input)!, parse.GetValue(store)!, parse.GetValue(format)!, parse.GetValue(kind)!,
                parse.GetValue(mapping), parse.GetValue(map), parse.GetValue(actions), parse.GetValue(timestamp)!,
                parse.GetValue(gap), parse.GetValue(maxReject));
            return Task.FromResult(Run(console, request, parse.GetValue(json), ct));
        });
        return command;
    }

    private static IngestRequest BuildRequest(
        string input, string store, string formatName, string kindName, string? mappingFile, string? map, string? actions,
        string timestamp, int gapMinutes, double maxReject)
    {
        if (!LogFormats.TryParse(formatName, out var format))
        {
            throw new CausalCartException(ErrorKind.Usage, $"Unknown --format '{formatName}'. Valid formats: {string.Join(", ", LogFormats.Names)}.");
        }

        IngestKind kind = kindName.ToLowerInvariant() switch
        {
            "events" => IngestKind.Events,
            "exposures" => IngestKind.Exposures,
            "items" => IngestKind.Items,
            "users" => IngestKind.Users,
            _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown --kind '{kindName}'. Valid kinds: events, exposures, items, users."),
        };
        ColumnMapping? mapping = null;
        if (mappingFile is not null && map is not null)
        {
            throw new CausalCartException(ErrorKind.Usage, "Give either --mapping (a YAML file) or --map (on the command line), not both.");
        }

        if (mappingFile is not null)
        {
            mapping = ColumnMapping.LoadYaml(mappingFile);
        }
        else if (map is not null)
        {
            mapping = ColumnMapping.Parse(map, actions);
        }

        if (mapping is not null && format != LogFormat.Custom)
        {
            if (formatName.Equals("generic", StringComparison.OrdinalIgnoreCase))
            {
                format = LogFormat.Custom; // a mapping implies the custom layout
            }
            else
            {
                throw new CausalCartException(ErrorKind.Usage, $"A mapping applies to format 'custom', not '{formatName}'.");
            }
        }

        if (gapMinutes <= 0)
        {
            throw new CausalCartException(ErrorKind.Usage, $"--session-gap-minutes must be positive, not {gapMinutes}.");
        }

        if (maxReject is < 0 or > 1)
        {
            throw new CausalCartException(ErrorKind.Usage, $"--max-reject-share must lie in [0, 1], not {maxReject}.");
        }

        return new IngestRequest
        {
            Path = input,
            StorePath = store,
            Format = format,
            Kind = kind,
            Mapping = mapping,
            TimestampFormat = ColumnMapping.ParseTimestampFormat(timestamp),
            SessionGap = TimeSpan.FromMinutes(gapMinutes),
            MaxRejectShare = maxReject,
        };
    }

    private static int Run(CliConsole console, IngestRequest request, bool json, CancellationToken ct)
    {
        IngestSummary summary;
        try
        {
            summary = IngestService.Run(request, console.Progress(), ct);
        }
        catch (IngestRejectedException rejected)
        {
            console.EndProgress();
            Write(console, rejected.Summary, json);
            throw;
        }

        console.EndProgress();
        Write(console, summary, json);
        return ExitCodes.Ok;
    }

    private static void Write(CliConsole console, IngestSummary summary, bool json)
    {
        if (json)
        {
            console.WriteJson(summary);
            return;
        }

        foreach (var f in summary.Files)
        {
            console.Line(f.AlreadyIngested
                ? $"{f.Path}: already ingested (same SHA-256), nothing added"
                : $"{f.Path}: {f.Read:N0} read, {f.Accepted:N0} accepted, {f.Rejected:N0} rejected{(f.Rejected > 0 ? " (" + string.Join(", ", f.RejectsByReason.Select(kv => $"{kv.Key} {kv.Value:N0}")) + ")" : string.Empty)}");
        }

        console.Line($"store {summary.Store}: {string.Join(", ", summary.Actions.Select(kv => $"{kv.Key} {kv.Value:N0}"))}; {summary.Users:N0} users, {summary.Items:N0} items, {summary.Sessions:N0} sessions, {summary.Exposures:N0} exposures");
    }
}
