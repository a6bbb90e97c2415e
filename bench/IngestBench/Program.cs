// Ingest benchmark: CausalCart's ingest (parse, clean, dedupe, dictionary-encode, append, sessionize) of a
// generic CSV written by ShopSim, against DuckDB's own CREATE TABLE AS SELECT * FROM read_csv(...) on the same
// file, run back to back in one process, best of N runs each. Usage:
//   dotnet run -c Release --project bench/IngestBench -- [events=10000000] [workdir=/tmp/causalcart-ingest-bench] [runs=2] [stages]
//   dotnet run -c Release --project bench/IngestBench -- compare <store-a.duckdb> <store-b.duckdb>
// With a fourth argument "stages", each run first does a stage breakdown: the same calls IngestService makes
// (hash + parse/append transaction, sessionize, quality summary), each timed with wall and process CPU time, and the
// CPU each thread spent during the read (reader stages, store thread, SHA-256, JIT; from /proc/self/task);
// "stages-only" does just the breakdown (for profiling one ingest under perf); the breakdown leaves its store in
// <workdir>/ours.duckdb and its quality summary in <workdir>/ours.duckdb.quality.json.
// "compare" checks that two stores hold the same rows in the same order (every table, rowid included, both ways with
// EXCEPT ALL), for checking that a change to the ingest path stores exactly what the previous code stored.
using System.Diagnostics;
using System.Globalization;
using CausalCart.Ingest;
using CausalCart.Pipeline.Ingestion;
using CausalCart.Simulation;
using CausalCart.Store;
using CausalCart.Store.DuckDb;

var inv = CultureInfo.InvariantCulture;
if (args is ["compare", var storeA, var storeB])
{
    return CompareStores(storeA, storeB);
}

long targetEvents = args.Length > 0 ? long.Parse(args[0], inv) : 10_000_000;
string work = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "causalcart-ingest-bench");
int runs = args.Length > 2 ? int.Parse(args[2], inv) : 2;
bool stages = args.Length > 3 && args[3] is "stages" or "stages-only";
bool stagesOnly = args.Length > 3 && args[3] == "stages-only";
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
var self = Process.GetCurrentProcess();
double CpuSeconds()
{
    self.Refresh();
    return self.TotalProcessorTime.TotalSeconds;
}

for (int r = 0; r < runs; r++)
{
    string ours = Path.Combine(work, "ours.duckdb");
    if (stages)
    {
        Delete(ours);
        StageBreakdown(events, ours, rows);
        if (stagesOnly)
        {
            continue;
        }
    }

    Delete(ours);
    var cpu = CpuSeconds();
    var sw = Stopwatch.StartNew();
    var summary = IngestService.Run(new IngestRequest { Path = events, StorePath = ours });
    sw.Stop();
    if (summary.Accepted != rows)
    {
        throw new InvalidOperationException($"accepted {summary.Accepted} of {rows}");
    }

    bestOurs = Math.Min(bestOurs, sw.Elapsed.TotalSeconds);
    Console.WriteLine(string.Create(inv, $"run {r + 1}: causalcart ingest  {sw.Elapsed.TotalSeconds,7:F2} s  {rows / sw.Elapsed.TotalSeconds / 1e6,5:F2} M events/s  cpu {CpuSeconds() - cpu,6:F2} s"));

    string duck = Path.Combine(work, "duck.duckdb");
    Delete(duck);
    cpu = CpuSeconds();
    sw.Restart();
    using (var db = DuckDbDatabase.Open(duck))
    using (var connection = db.Connect())
    {
        connection.Execute($"CREATE TABLE events AS SELECT * FROM read_csv('{events.Replace("'", "''", StringComparison.Ordinal)}')");
    }

    sw.Stop();
    bestDuck = Math.Min(bestDuck, sw.Elapsed.TotalSeconds);
    Console.WriteLine(string.Create(inv, $"run {r + 1}: duckdb read_csv CTAS {sw.Elapsed.TotalSeconds,7:F2} s  {rows / sw.Elapsed.TotalSeconds / 1e6,5:F2} M events/s  cpu {CpuSeconds() - cpu,6:F2} s"));
}

if (stagesOnly)
{
    return 0;
}

Console.WriteLine(string.Create(inv, $"best: causalcart {rows / bestOurs / 1e6:F2} M events/s, duckdb {rows / bestDuck / 1e6:F2} M events/s, ratio (causalcart speed / duckdb speed) {bestDuck / bestOurs:F2}"));
return 0;

// Times each stage of IngestService.Run separately (wall and whole-process CPU, so CPU/wall is the cores used).
static void StageBreakdown(string events, string storePath, long rows)
{
    var inv = CultureInfo.InvariantCulture;
    var process = Process.GetCurrentProcess();
    TimeSpan Cpu()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    var wall = Stopwatch.StartNew();
    var cpu = Cpu();
    void Report(string stage)
    {
        var c = Cpu();
        Console.WriteLine(string.Create(inv, $"  stage {stage,-34} wall {wall.Elapsed.TotalSeconds,6:F2} s  cpu {(c - cpu).TotalSeconds,6:F2} s  cores {(c - cpu).TotalSeconds / wall.Elapsed.TotalSeconds,4:F2}"));
        wall.Restart();
        cpu = Cpu();
    }

    using var store = EventStore.Open(storePath, new EventStoreOptions());
    Report("open store");
    var reader = new EventReader(EventReaderOptions.For(LogFormat.Generic));
    var (readWall, readCpu) = (TimeSpan.Zero, TimeSpan.Zero);   // when the reader and the store's thread were done
    var result = store.IngestEvents(events, "generic", (ids, sink, token) =>
    {
        using var background = new BackgroundEventSink(sink);
        // Threads that end with the read (the reader's second stage, the store's thread) vanish from /proc, so the
        // CPU of each thread is sampled every 50 ms and the last sample kept.
        // CPU a thread had before the read (the main thread's start-up and line count) is subtracted.
        var before = ThreadCpu().ToDictionary(t => t.Name, t => t.Seconds);
        var lastSeen = new Dictionary<string, double>();
        void Sample()
        {
            lock (lastSeen)
            {
                foreach (var (name, seconds) in ThreadCpu())
                {
                    lastSeen[name] = seconds;
                }
            }
        }

        using (var sampler = new Timer(_ => Sample(), null, 0, 50))
        {
            var counts = reader.Read(events, ids, background, token);
            background.Complete();
            Sample();
            (readWall, readCpu) = (wall.Elapsed, Cpu());
            lock (lastSeen)
            {
                Console.WriteLine("    thread CPU during the read (last sample): " + string.Join(", ", lastSeen.Select(t => string.Create(inv, $"{t.Key} {t.Value - before.GetValueOrDefault(t.Key):F2} s"))));
            }

            return counts;
        }
    });
    // A file with bad rows or duplicates (for checking that a change stores and rejects exactly as before) has rejects.
    if (result.Rejected == 0 && result.Accepted != rows)
    {
        throw new InvalidOperationException($"accepted {result.Accepted} of {rows}");
    }

    Console.WriteLine($"    read {result.Read:N0}, accepted {result.Accepted:N0}, rejected {result.Rejected:N0}");
    var (tailWall, tailCpu) = (wall.Elapsed - readWall, Cpu() - readCpu);
    Report("hash + parse/append + commit");
    Console.WriteLine(string.Create(inv, $"    of which after the read (rest of dictionaries, commit) wall {tailWall.TotalSeconds,6:F2} s  cpu {tailCpu.TotalSeconds,6:F2} s"));
    store.Sessionize();
    Report("sessionize (SQL)");
    var quality = store.QualityReport();
    Report("quality summary (SQL)");
    File.WriteAllText(storePath + ".quality.json", quality.ToJson());
}

// CPU seconds (user + system) of each live thread of this process with more than 0.05 s, from /proc/self/task.
static List<(string Name, double Seconds)> ThreadCpu()
{
    var result = new List<(string Name, double Seconds)>();
    foreach (var task in Directory.GetDirectories("/proc/self/task"))
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            var close = stat.LastIndexOf(')');
            var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            var seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;   // utime, stime in ticks of 1/100 s
            if (seconds > 0.05)
            {
                result.Add(($"{name}[{Path.GetFileName(task)}]", seconds));
            }
        }
        catch (IOException)
        {
            // The thread ended while we listed them.
        }
    }

    return result;
}

// Exit code 0 when every table of the two stores holds the same rows in the same order, 1 otherwise.
static int CompareStores(string a, string b)
{
    using var db = DuckDbDatabase.Open(":memory:");
    using var c = db.Connect();
    c.Execute($"ATTACH '{a.Replace("'", "''", StringComparison.Ordinal)}' AS a (READ_ONLY); ATTACH '{b.Replace("'", "''", StringComparison.Ordinal)}' AS b (READ_ONLY)");
    var tables = c.Query("SELECT table_name FROM duckdb_tables() WHERE database_name = 'a' ORDER BY table_name").Column<string?>("table_name").Values.ToArray();
    var differ = 0;
    foreach (var t in tables)
    {
        var rows = Convert.ToInt64(c.QueryScalar($"SELECT count(*) FROM a.{t}"), CultureInfo.InvariantCulture);
        // ingested_at is the clock at ingest, so it differs between runs by design; path differs when the two stores
        // were made from different work folders (the file itself is identified by sha256).
        var columns = t == "source_files" ? "rowid, * EXCLUDE (ingested_at, path)" : "rowid, *";
        var diff = Convert.ToInt64(c.QueryScalar(
            $"SELECT (SELECT count(*) FROM (SELECT {columns} FROM a.{t} EXCEPT ALL SELECT {columns} FROM b.{t})) + (SELECT count(*) FROM (SELECT {columns} FROM b.{t} EXCEPT ALL SELECT {columns} FROM a.{t}))"),
            CultureInfo.InvariantCulture);
        Console.WriteLine($"{t,-14} {rows,12:N0} rows  {(diff == 0 ? "same" : $"{diff:N0} rows differ")}");
        differ += diff == 0 ? 0 : 1;
    }

    // The quality summary the breakdown wrote for b, against the one computed afresh (all in SQL) on a.
    if (File.Exists(b + ".quality.json"))
    {
        c.Execute("DETACH a; DETACH b");
        using var store = EventStore.Open(a);
        var same = store.QualityReport().ToJson() == File.ReadAllText(b + ".quality.json");
        Console.WriteLine($"quality summary of b ({b}.quality.json) against a's in SQL: {(same ? "same" : "differs")}");
        differ += same ? 0 : 1;
    }

    return differ == 0 ? 0 : 1;
}

static void Delete(string path)
{
    File.Delete(path);
    File.Delete(path + ".wal");
}
