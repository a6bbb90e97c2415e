// Whole-reader throughput on one core: generates a generic CSV of 8 columns (numeric ids, unix-ms
// timestamps) and parses it into a sink that drops everything. Usage:
//   dotnet run -c Release --project bench/IngestParseBench -- [rows=5000000] [path]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CausalCart.Ingest;

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000_000;
// BENCH_IDS sets the id scale (default 100000 users; items twice that): a small scale keeps the
// dictionaries in cache and shows the parser's own ceiling.
var idScale = int.Parse(Environment.GetEnvironmentVariable("BENCH_IDS") ?? "100000", CultureInfo.InvariantCulture);
var path = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), $"ingest-bench-v2-{rows}-{idScale}.csv");
if (!File.Exists(path))
{
    Generate(path, rows, idScale);
}

if (Environment.GetEnvironmentVariable("BENCH_DICT") == "1")
{
    DictionaryStage.Run();
}

if (Environment.GetEnvironmentVariable("BENCH_STAGES") == "1")
{
    Stages.Run(path);
}

Console.WriteLine($"file: {path} ({new FileInfo(path).Length / 1e6:F1} MB, {rows:N0} rows)");
var clock = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
foreach (var dedupe in new[] { true, false })
{
    var options = new EventReaderOptions
    {
        TimestampFormat = TimestampFormat.Auto,
        Cleaning = new CleaningRules { TimeProvider = clock, RejectDuplicates = dedupe },
    };
    var reader = new EventReader(options);
    var best = double.MaxValue;
    var bestCpu = double.MaxValue;
    IngestCounts? counts = null;
    for (var run = 0; run < 3; run++)
    {
        var ids = new IdDictionaries();
        var sink = new NullSink();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        counts = reader.Read(path, ids, sink);
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
        bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    // CPU seconds matter on a shared machine: wall time there measures the neighbours too.
    Console.WriteLine(
        $"duplicates {(dedupe ? "on " : "off")}: best of 3: wall {best:F3} s = {counts!.Read / best / 1e6:F2} M rows/s; " +
        $"process CPU {bestCpu:F3} s = {counts.Read / bestCpu / 1e6:F2} M rows/CPU-s " +
        $"(read {counts.Read:N0}, accepted {counts.Accepted:N0}, rejected {counts.Rejected:N0})");
}

static void Generate(string path, int rows, int idScale)
{
    // Shaped like a shop's log: 100k users, item popularity skewed (a quarter of views on 1% of
    // 200k items), 2k categories, sessions of a user numbered by half-hour, prices with cents.
    var random = new Random(20260101);
    var actions = new[] { "view", "view", "view", "view", "view", "view", "click", "cart", "fav", "buy" };
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    writer.Write("user_id,item_id,category_id,action,timestamp,price,session_id,query\n");
    var time = 1_600_000_000_000L;
    var line = new StringBuilder(96);
    for (var i = 0; i < rows; i++)
    {
        time += random.Next(0, 4);
        var user = random.Next(1, idScale);
        var item = random.Next(4) == 0 ? random.Next(1, Math.Max(2, idScale / 50)) : random.Next(1, 2 * idScale);
        line.Clear()
            .Append(user).Append(',')
            .Append(item).Append(',')
            .Append((item % 2_000) + 1).Append(',')
            .Append(actions[random.Next(actions.Length)]).Append(',')
            .Append(time).Append(',')
            .Append((random.Next(100, 100_000) / 100.0).ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append((user * 1_000L) + (time / 1_800_000 % 1_000)).Append(",\n");
        writer.Write(line);
    }
}

internal sealed class NullSink : IEventSink
{
    public void WriteEvents(EventBatch batch)
    {
    }

    public void WriteReject(RejectRecord reject)
    {
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
