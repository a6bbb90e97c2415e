using CausalCart.Core.Errors;
using CausalCart.Core.Progress;
using CausalCart.Ingest;
using CausalCart.Store;

namespace CausalCart.Pipeline.Ingestion;

/// <summary>
/// Ingests log files into an event store: picks the reader for each file, runs parsing and storing on
/// two threads, converts Parquet through DuckDB, sessionizes, and summarises. Each file is one
/// transaction; a file already in the store (same SHA-256) is reported and not added twice.
/// </summary>
public static class IngestService
{
    /// <summary>Runs an ingest request.</summary>
    /// <exception cref="CausalCartException">A path does not exist or a directory holds no events file (usage), or the rejected share exceeds <see cref="IngestRequest.MaxRejectShare"/> (input rejected; the data stays ingested).</exception>
    public static IngestSummary Run(IngestRequest request, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = Plan(request);
        var storeOptions = new EventStoreOptions { InactivityGap = request.SessionGap };
        using var store = EventStore.Open(request.StorePath, storeOptions);
        var results = new List<FileIngestResult>();
        foreach (var (path, kind) in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProgressUpdate($"ingest {System.IO.Path.GetFileName(path)}", 0, null, "rows"));
            results.Add(IngestOne(store, request, path, kind, cancellationToken));
        }

        var sessionized = store.Sessionize();
        var quality = store.QualityReport();
        var fresh = results.Where(r => !r.AlreadyIngested).ToList();
        var byReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in fresh)
        {
            foreach (var (reason, count) in r.RejectsByReason)
            {
                byReason[reason] = byReason.GetValueOrDefault(reason) + count;
            }
        }

        var summary = new IngestSummary(
            IngestSummary.CurrentSchemaVersion,
            request.StorePath,
            results,
            fresh.Sum(r => r.Read),
            fresh.Sum(r => r.Accepted),
            fresh.Sum(r => r.Rejected),
            byReason,
            quality.EventsByAction,
            quality.DistinctUsers,
            quality.DistinctItems,
            quality.DistinctSessions,
            quality.Exposures,
            sessionized);

        if (summary.RejectedShare > request.MaxRejectShare)
        {
            throw new IngestRejectedException(summary,
                $"{summary.Rejected:N0} of {summary.Read:N0} rows ({summary.RejectedShare:P1}) were rejected, more than the allowed {request.MaxRejectShare:P1}. " +
                $"Reasons: {string.Join(", ", byReason.Select(kv => $"{kv.Key} {kv.Value:N0}"))}. The accepted rows are in the store; see the rejects table for each line.");
        }

        return summary;
    }

    private static List<(string Path, IngestKind Kind)> Plan(IngestRequest request)
    {
        if (Directory.Exists(request.Path))
        {
            var plan = new List<(string, IngestKind)>();
            var events = FirstExisting(request.Path, "events.csv", "events.parquet")
                ?? throw new CausalCartException(ErrorKind.Usage,
                    $"Directory '{request.Path}' holds no events.csv or events.parquet (expected the layout written by 'causalcart simulate').");
            plan.Add((events, IngestKind.Events));
            AddIfExists(plan, request.Path, "exposures.csv", IngestKind.Exposures);
            AddIfExists(plan, request.Path, "items.csv", IngestKind.Items);
            AddIfExists(plan, request.Path, "users.csv", IngestKind.Users);
            return plan;
        }

        if (!File.Exists(request.Path))
        {
            throw new CausalCartException(ErrorKind.Usage, $"Input '{request.Path}' does not exist.");
        }

        return [(request.Path, request.Kind)];
    }

    private static string? FirstExisting(string directory, params string[] names) =>
        names.Select(n => System.IO.Path.Combine(directory, n)).FirstOrDefault(File.Exists);

    private static void AddIfExists(List<(string, IngestKind)> plan, string directory, string name, IngestKind kind)
    {
        var path = System.IO.Path.Combine(directory, name);
        if (File.Exists(path))
        {
            plan.Add((path, kind));
        }
    }

    private static FileIngestResult IngestOne(EventStore store, IngestRequest request, string path, IngestKind kind, CancellationToken ct)
    {
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            if (kind != IngestKind.Events || request.Format is not LogFormat.Generic)
            {
                throw new CausalCartException(ErrorKind.Usage, $"Parquet input '{path}' is supported for generic events only (format 'generic').");
            }

            using var csv = ParquetFiles.ParquetToTemporaryCsv(path);
            return IngestEvents(store, request with { Format = LogFormat.Generic }, csv.Path, ct);
        }

        return kind switch
        {
            IngestKind.Events => IngestEvents(store, request, path, ct),
            IngestKind.Exposures => store.IngestExposures(path, "generic", (ids, sink, token) =>
                new ExposureReader(new ExposureReaderOptions()).Read(path, ids, sink, token), ct),
            IngestKind.Items => store.LoadItems(path, ct),
            IngestKind.Users => store.LoadUsers(path, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown ingest kind."),
        };
    }

    private static FileIngestResult IngestEvents(EventStore store, IngestRequest request, string path, CancellationToken ct)
    {
        var options = request.Format == LogFormat.Custom
            ? EventReaderOptions.For(request.Mapping ?? throw new CausalCartException(ErrorKind.Usage, "Format 'custom' needs a mapping (--mapping file.yaml or --map ...)."))
            : EventReaderOptions.For(request.Format) with { TimestampFormat = request.Format == LogFormat.Generic ? request.TimestampFormat : TimestampFormat.Auto };
        var reader = new EventReader(options);
        return store.IngestEvents(path, LogFormats.Name(request.Format), (ids, sink, token) =>
        {
            using var background = new BackgroundEventSink(sink);
            var counts = reader.Read(path, ids, background, token);
            background.Complete();
            return counts;
        }, ct);
    }
}
