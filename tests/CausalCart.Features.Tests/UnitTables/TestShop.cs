using CausalCart.Core.Events;
using CausalCart.Features.Study;
using CausalCart.Features.UnitTables;
using CausalCart.Ingest;
using CausalCart.Store;
using CausalCart.Store.DuckDb;

namespace CausalCart.Features.Tests.UnitTables;

/// <summary>An event as a test writes it: keys are source strings, mapped through the store's dictionaries.</summary>
internal sealed record Ev(string User, string? Item, CanonicalAction Action, DateTime Ts, double Price = double.NaN, string? Category = null, string? Session = null);

/// <summary>A campaign exposure as a test writes it.</summary>
internal sealed record Exposure(string User, DateTime Ts, string Campaign, string Arm);

/// <summary>A real event store in a temporary folder, filled through the store's own ingestion path.</summary>
internal sealed class TestShop : IDisposable
{
    private readonly string _folder;
    private int _files;

    public TestShop()
    {
        _folder = Path.Combine(Path.GetTempPath(), "causalcart-features-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Store = EventStore.Open(Path.Combine(_folder, "shop.duckdb"));
    }

    public EventStore Store { get; }

    /// <summary>Ingests the events as one new source file, then sessionizes events that carry no session.</summary>
    public void Add(params Ev[] events)
    {
        Store.IngestEvents(NewFile(), "test", (dictionaries, sink, _) =>
        {
            var batch = new EventBatch(Math.Max(1, events.Length));
            foreach (var e in events)
            {
                var k = batch.Count++;
                batch.User[k] = dictionaries.Users.GetOrAdd(e.User.AsSpan());
                batch.Item[k] = e.Item is null ? -1 : dictionaries.Items.GetOrAdd(e.Item.AsSpan());
                batch.Category[k] = e.Category is null ? -1 : dictionaries.Categories.GetOrAdd(e.Category.AsSpan());
                batch.Session[k] = e.Session is null ? -1 : dictionaries.Sessions.GetOrAdd(e.Session.AsSpan());
                batch.Action[k] = (byte)e.Action;
                batch.TimestampMicros[k] = DuckDbTime.ToMicros(e.Ts);
                batch.Price[k] = e.Price;
                batch.SourceLine[k] = k + 2;
            }

            sink.WriteEvents(batch);
            return new IngestCounts(events.Length, events.Length, 0);
        });
        Store.Sessionize();
    }

    /// <summary>Ingests the exposures as one new source file.</summary>
    public void Expose(params Exposure[] exposures)
    {
        Store.IngestExposures(NewFile(), "test", (dictionaries, sink, _) =>
        {
            var batch = new ExposureBatch(Math.Max(1, exposures.Length));
            foreach (var x in exposures)
            {
                var k = batch.Count++;
                batch.User[k] = dictionaries.Users.GetOrAdd(x.User.AsSpan());
                batch.TimestampMicros[k] = DuckDbTime.ToMicros(x.Ts);
                batch.Campaign[k] = dictionaries.Campaigns.GetOrAdd(x.Campaign.AsSpan());
                batch.Arm[k] = x.Arm;
                batch.Item[k] = -1;
                batch.Propensity[k] = double.NaN;
                batch.SourceLine[k] = k + 2;
            }

            sink.WriteExposures(batch);
            return new IngestCounts(exposures.Length, exposures.Length, 0);
        });
    }

    public StudyTable Build(StudySpec spec) => StudyTableBuilder.Build(Store, spec);

    public int UserId(string key) => Store.ReadDictionaries().Users.TryGetId(key, out var id)
        ? id
        : throw new KeyNotFoundException($"No user '{key}' in the test store.");

    public int ItemId(string key) => Store.ReadDictionaries().Items.TryGetId(key, out var id)
        ? id
        : throw new KeyNotFoundException($"No item '{key}' in the test store.");

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A handle still open after a failed test must not hide the test's own failure.
        }
    }

    private string NewFile()
    {
        var path = Path.Combine(_folder, $"source-{_files++}.csv");
        File.WriteAllText(path, Guid.NewGuid().ToString("N")); // unique content: the store skips files it has seen
        return path;
    }
}
