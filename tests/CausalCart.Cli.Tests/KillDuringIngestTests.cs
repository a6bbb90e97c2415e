using System.Diagnostics;
using System.Globalization;
using System.Text;
using CausalCart.Store;

namespace CausalCart.Cli.Tests;

/// <summary>A real `causalcart ingest` process killed with SIGKILL mid-file leaves the store as it was.</summary>
public sealed class KillDuringIngestTests
{
    [Fact]
    public async Task Sigkill_mid_file_leaves_the_store_consistent_and_usable()
    {
        using var dir = TestPaths.NewTempDir();
        var storePath = dir.File("shop.duckdb");

        // A first small file commits normally, so the store has content the kill must not disturb.
        var small = dir.File("small.csv");
        File.WriteAllText(small, "user_id,item_id,category_id,action,timestamp\n1,10,100,view,1704067200\n2,20,200,buy,1704067260\n");
        var first = await Cli.RunAsync("ingest", small, "--store", storePath, "--json");
        Assert.True(first.ExitCode == 0, first.ToString());

        var big = dir.File("big.csv");
        WriteBigLog(big, rows: 5_000_000);
        var cli = Path.Combine(AppContext.BaseDirectory, "causalcart.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing from the test output");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "ingest", big, "--store", storePath })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Kill once the process has spent 1.5 s of CPU: past start-up and JIT, well inside the file (5M rows need
        // several CPU-seconds), whatever else the machine is doing.
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && process.TotalProcessorTime < TimeSpan.FromSeconds(1.5) && waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(50);
        }

        if (process.HasExited)
        {
            // Say why: a finished ingest (the file is too small for this machine) or a failed start (its stderr).
            Assert.Fail($"the ingest exited (code {process.ExitCode}, {process.TotalProcessorTime.TotalSeconds:F1} CPU-s) before it could be killed; stderr: {await stderr}");
        }

        process.Kill(entireProcessTree: true); // SIGKILL on Linux
        await process.WaitForExitAsync();

        using (var store = EventStore.Open(storePath))
        {
            Assert.Equal(2L, Scalar(store, "SELECT count(*) FROM events"));
            Assert.Equal(1L, Scalar(store, "SELECT count(*) FROM source_files"));
            Assert.Equal(0L, Scalar(store, "SELECT count(*) FROM rejects"));
            Assert.Equal(2L, Scalar(store, "SELECT count(*) FROM ids_user"));
            Assert.Equal(Scalar(store, "SELECT CAST(sum(accepted) AS BIGINT) FROM source_files"), Scalar(store, "SELECT count(*) FROM events"));
        }

        // The store still takes new files after the crash.
        var next = dir.File("next.csv");
        File.WriteAllText(next, "user_id,item_id,category_id,action,timestamp\n3,30,300,cart,1704067300\n");
        var after = await Cli.RunAsync("ingest", next, "--store", storePath, "--json");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(3, after.JsonElement().GetProperty("users").GetInt64());
    }

    private static long Scalar(EventStore store, string sql) =>
        Convert.ToInt64(store.Connection.QueryScalar(sql), CultureInfo.InvariantCulture);

    private static void WriteBigLog(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("user_id,item_id,category_id,action,timestamp,price\n");
        var line = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            line.Clear();
            line.Append(i % 100_000).Append(',').Append(i % 50_000).Append(',').Append(i % 500).Append(",view,")
                .Append(1_704_067_200_000L + (i * 1000L)).Append(',').Append((i % 997) + 0.5).Append('\n');
            writer.Write(line);
        }
    }
}
