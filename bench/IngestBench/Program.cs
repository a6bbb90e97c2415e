// Ingest benchmark: CausalCart's ingest (parse, clean, dedupe, dictionary-encode, append, sessionize) of a
// generic CSV written by ShopSim, against DuckDB's own CREATE TABLE AS SELECT * FROM read_csv(...) on the same
// file, run back to back in one process, best of N runs each. Usage:
//   dotnet run -c Release --project bench/IngestBench -- [events=10000000] [workdir=/tmp/causalcart-ingest-bench] [runs=2]
using System.Diagnostics;
using System.Globalization;
using CausalCart.Pipeline.Ingestion;
using CausalCart.Simulation;
using CausalCart.Store;
using CausalCart.Store.DuckDb;

var inv = CultureInfo.InvariantCulture;
long targetEvents = args.Length > 0 ? long.Parse(args[0], inv) : 10_000_000;
string work = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "causalcart-ingest-bench");
int runs = args.Length > 2 ? int.Parse(args[2], inv) : 2;
Directory.CreateDirectory(work);
string world = Path.Combine(work, $"world-{targetEvents}");
string events = Path.Combine(world, ShopSimFiles.Events);
if (!File.Exists(events))
{
    // ShopSim writes about 89 events per user with default options.
    int users = (int)Math.Max(1000, targetEvents / 89);
    Console.Error.WriteLine($"simulating {users:N0} users into {world} …");
    new ShopSimulator(new ShopSimOptions { Users = users, Seed = 1 }).Run(world);
}

long rows = File.ReadLines(events).LongCount() - 1;
long bytes = new FileInfo(events).Length;
Console.WriteLine($"file: {events}: {rows:N0} events, {bytes / 1e6:F0} MB; machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

double bestOurs = double.MaxValue, bestDuck = double.MaxValue;
for (int r = 0; r < runs; r++)
{
    string ours = Path.Combine(work, "ours.duckdb");
    Delete(ours);
    var sw = Stopwatch.StartNew();
    var summary = IngestService.Run(new IngestRequest { Path = events, StorePath = ours });
    sw.Stop();
    if (summary.Accepted != rows)
    {
        throw new InvalidOperationException($"accepted {summary.Accepted} of {rows}");
    }

    bestOurs = Math.Min(bestOurs, sw.Elapsed.TotalSeconds);
    Console.WriteLine(string.Create(inv, $"run {r + 1}: causalcart ingest  {sw.Elapsed.TotalSeconds,7:F2} s  {rows / sw.Elapsed.TotalSeconds / 1e6,5:F2} M events/s"));

    string duck = Path.Combine(work, "duck.duckdb");
    Delete(duck);
    sw.Restart();
    using (var db = DuckDbDatabase.Open(duck))
    using (var connection = db.Connect())
    {
        connection.Execute($"CREATE TABLE events AS SELECT * FROM read_csv('{events.Replace("'", "''", StringComparison.Ordinal)}')");
    }

    sw.Stop();
    bestDuck = Math.Min(bestDuck, sw.Elapsed.TotalSeconds);
    Console.WriteLine(string.Create(inv, $"run {r + 1}: duckdb read_csv CTAS {sw.Elapsed.TotalSeconds,7:F2} s  {rows / sw.Elapsed.TotalSeconds / 1e6,5:F2} M events/s"));
}

Console.WriteLine(string.Create(inv, $"best: causalcart {rows / bestOurs / 1e6:F2} M events/s, duckdb {rows / bestDuck / 1e6:F2} M events/s, ratio (causalcart speed / duckdb speed) {bestDuck / bestOurs:F2}"));

static void Delete(string path)
{
    File.Delete(path);
    File.Delete(path + ".wal");
}
