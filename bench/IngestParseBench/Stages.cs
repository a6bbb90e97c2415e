using System.Diagnostics;
using System.Text.Unicode;
using CausalCart.Ingest;
using CausalCart.Ingest.Parsing;

/// <summary>CPU time of the reader's stages, each added to the previous, to see where time goes.</summary>
internal static class Stages
{
    public static void Run(string path)
    {
        for (var stage = 0; stage < 4; stage++)
        {
            var best = double.MaxValue;
            long checksum = 0;
            for (var run = 0; run < 3; run++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                checksum = Pass(path, stage);
                best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            }

            Console.WriteLine($"stage {stage}: {best:F3} CPU-s (checksum {checksum})");
        }
    }

    private static long Pass(string path, int stage)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var csv = new CsvRowReader(stream, (byte)',', 1 << 20, 65536, 1 << 20, CancellationToken.None);
        var ids = new IdDictionaries();
        long sum = 0;
        while (csv.ReadRow())
        {
            sum += csv.FieldCount;
            if (stage >= 1)
            {
                sum += Utf8.IsValid(csv.Raw) ? 1 : 0;
            }

            if (stage >= 2)
            {
                FieldParsers.TryParseTimestamp(csv.Field(4), TimestampFormat.Auto, out var micros);
                RowChecks.TryParseNumber(csv.Field(5), out var price);
                sum += micros + (long)price;
            }

            if (stage >= 3)
            {
                sum += FieldParsers.GetOrAddId(ids.Users, csv.Field(0)) + FieldParsers.GetOrAddId(ids.Items, csv.Field(1))
                    + FieldParsers.GetOrAddId(ids.Categories, csv.Field(2)) + FieldParsers.GetOrAddId(ids.Sessions, csv.Field(6));
            }
        }

        return sum;
    }
}

/// <summary>Raw cost of the id dictionary, for comparison with the reader.</summary>
internal static class DictionaryStage
{
    public static void Run()
    {
        var random = new Random(1);
        var keys = new long[4_000_000];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = random.Next(1, 100_000);
        }

        for (var run = 0; run < 3; run++)
        {
            var d = new IdDictionary("x");
            var plain = new Dictionary<long, int>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long sum = 0;
            foreach (var k in keys)
            {
                sum += d.GetOrAdd(k);
            }

            var t1 = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            foreach (var k in keys)
            {
                if (!plain.TryGetValue(k, out var v))
                {
                    plain.Add(k, v = plain.Count);
                }

                sum += v;
            }

            var t2 = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"IdDictionary {t1:F3} s, Dictionary {t2:F3} s for {keys.Length:N0} lookups ({sum})");
        }
    }
}
