// Measures the event store's append path: N synthetic events handed to EventStore.IngestEvents in
// EventBatch batches, into a new store file, committed. Batch contents are generated before the clock
// starts and reused, so the time is the store's (appender, constraint checks, commit to disk).
// Usage: dotnet run -c Release --project bench/StoreAppendBench -- [events=10000000] [threads=1] [setting SQL]
using System.Diagnostics;
using System.Globalization;
using CausalCart.Ingest;
using CausalCart.Store;
using CausalCart.Store.DuckDb;

var total = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000L;
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var dir = Directory.CreateTempSubdirectory("causalcart-bench-");
try
{
    // Eight distinct batches, cycled: realistic null shares (20 % no category, 30 % no price, 2 % searches).
    var random = new Random(42);
    var batches = new EventBatch[8];
    var t0 = DuckDbTime.ToMicros(new DateTime(2019, 10, 1, 0, 0, 0, DateTimeKind.Utc));
    for (var b = 0; b < batches.Length; b++)
    {
        var batch = batches[b] = new EventBatch();
        for (var i = 0; i < batch.Capacity; i++)
        {
            var search = random.NextDouble() < 0.02;
            batch.User[i] = random.Next(1_000_000);
            batch.Item[i] = search ? -1 : random.Next(200_000);
            batch.Category[i] = random.NextDouble() < 0.2 ? -1 : random.Next(5_000);
            batch.Action[i] = (byte)(search ? 5 : random.Next(5));
            batch.TimestampMicros[i] = t0 + (((long)b * batch.Capacity) + i) * 1_000;
            batch.Price[i] = random.NextDouble() < 0.3 ? double.NaN : Math.Round(random.NextDouble() * 500, 2);
            batch.Session[i] = -1;
            batch.Query[i] = search ? "query " + random.Next(10_000) : null;
            batch.SourceLine[i] = i + 2;
        }

        batch.Count = batch.Capacity;
    }

    var source = Path.Combine(dir.FullName, "source.csv");
    File.WriteAllText(source, "synthetic " + Guid.NewGuid());
    using var store = EventStore.Open(Path.Combine(dir.FullName, "bench.duckdb"), new EventStoreOptions { DuckDb = new DuckDbOpenOptions { Threads = threads } });
    if (args.Length > 2)
    {
        store.Connection.Execute(args[2]);   // an experiment's setting, e.g. "SET force_compression = 'uncompressed'"
    }

    long inSink = 0;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var result = store.IngestEvents(source, "synthetic", (dictionaries, sink, ct) =>
    {
        long written = 0;
        var sinkClock = new Stopwatch();
        for (var k = 0; written < total; k++)
        {
            var batch = batches[k % batches.Length];
            batch.Count = (int)Math.Min(batch.Capacity, total - written);
            sinkClock.Start();
            sink.WriteEvents(batch);
            sinkClock.Stop();
            written += batch.Count;
        }

        inSink = sinkClock.ElapsedTicks;
        return new IngestCounts(written, written, 0);
    });
    clock.Stop();
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

    var sinkSeconds = (double)inSink / Stopwatch.Frequency;
    var totalSeconds = clock.Elapsed.TotalSeconds;
    var size = new FileInfo(Path.Combine(dir.FullName, "bench.duckdb")).Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"DuckDB {DuckDbDatabase.LibraryVersion}, threads={threads}: {result.Accepted:N0} events"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  sink (appender) only : {sinkSeconds,7:F2} s  {result.Accepted / sinkSeconds / 1e6,6:F2} M events/s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  ingest incl. commit  : {totalSeconds,7:F2} s  {result.Accepted / totalSeconds / 1e6,6:F2} M events/s  (file {size / 1e6:F0} MB)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  process CPU time     : {cpuSeconds,7:F2} s  {result.Accepted / cpuSeconds / 1e6,6:F2} M events per CPU-second (wall time is inflated when the machine is shared)"));
}
finally
{
    dir.Delete(recursive: true);
}
