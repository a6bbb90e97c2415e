// ForestBench: whole-process timing of the random forest on a CSV written by bench/learners/forest/run.sh.
// Usage: dotnet ForestBench.dll <csv: header y,x0..; rows> [trees=100] [mtry=3] [minNodeSize=5] [replace=1] [sampleFraction=1] [threads=2]
// Prints one line: rows, train seconds (wall, fit only; CSV parsing excluded as it is for ranger), OOB R², peak working set.
using System.Diagnostics;
using System.Globalization;
using CausalCart.Learners.Forests;
using CausalCart.Numerics;

CultureInfo inv = CultureInfo.InvariantCulture;
string path = args[0];
int trees = args.Length > 1 ? int.Parse(args[1], inv) : 100;
int mtry = args.Length > 2 ? int.Parse(args[2], inv) : 3;
int minNode = args.Length > 3 ? int.Parse(args[3], inv) : 5;
bool replace = args.Length <= 4 || args[4] == "1";
double fraction = args.Length > 5 ? double.Parse(args[5], inv) : 1.0;
int threads = args.Length > 6 ? int.Parse(args[6], inv) : 2;

string[] lines = File.ReadAllLines(path);
int p = lines[0].Split(',').Length - 1;
int n = lines.Length - 1;
var x = new Matrix(n, p);
var y = new double[n];
for (int i = 0; i < n; i++)
{
    string[] cells = lines[i + 1].Split(',');
    y[i] = double.Parse(cells[0], inv);
    for (int j = 0; j < p; j++)
    {
        x[i, j] = double.Parse(cells[j + 1], inv);
    }
}

var options = new RandomForestOptions
{
    Trees = trees, Mtry = mtry, MinNodeSize = minNode, Replace = replace, SampleFraction = fraction, Seed = 1,
    MaxDegreeOfParallelism = threads,
};
double cpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var sw = Stopwatch.StartNew();
RandomForestRegressionModel model = new RandomForestRegressor(options).Fit(x, y);
double seconds = sw.Elapsed.TotalSeconds;
double cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpu0;
Console.WriteLine(string.Create(inv,
    $"causalcart rows={n} trees={trees} mtry={mtry} min_node={minNode} replace={replace} fraction={fraction} threads={threads}: train {seconds:F2} s (fit CPU {cpu:F2} s), OOB R2 {model.OobRSquared:F4}, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
