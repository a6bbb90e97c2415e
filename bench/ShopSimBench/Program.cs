// ShopSim throughput benchmark: simulates a world and reports events/s and peak working set.
// Usage: dotnet run -c Release --project bench/ShopSimBench -- [users=200000] [outputDir=<temp>] [threads=-1] [keep]
using System.Diagnostics;
using System.Globalization;
using CausalCart.Simulation;

var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var output = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "shopsim-bench-" + Environment.ProcessId);
var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : -1;
var keep = args.Length > 3 && args[3] == "keep";

var options = new ShopSimOptions { Users = users, MaxDegreeOfParallelism = threads };
var simulator = new ShopSimulator(options);
var stopwatch = Stopwatch.StartNew();
var summary = simulator.Run(output, new StderrProgress());
stopwatch.Stop();

long bytes = summary.Files.Sum(f => f.Bytes);
var seconds = stopwatch.Elapsed.TotalSeconds;
var process = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"users            {summary.Users:N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"items            {summary.Items:N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events           {summary.Events:N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exposures        {summary.Exposures:N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes written    {bytes / 1e6:F1} MB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads          {(threads == -1 ? Environment.ProcessorCount : threads)} (processors {Environment.ProcessorCount})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"elapsed          {seconds:F2} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events/s         {summary.Events / seconds:N0}"));
var cpuSeconds = process.TotalProcessorTime.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu time         {cpuSeconds:F2} s ({summary.Events / cpuSeconds:N0} events per CPU-second)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB"));
if (!keep)
{
    Directory.Delete(output, recursive: true);
}

internal sealed class StderrProgress : IProgress<SimulationProgress>
{
    public void Report(SimulationProgress value) =>
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{value.Fraction:P0} users, {value.EventsWritten:N0} events"));
}
