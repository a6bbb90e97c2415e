// GbdtBench: CausalCart's gradient-boosted trees on the files written by bench/learners/gbdt/make_data.py.
// Usage: GbdtBench DATA_DIR TASK(cls|reg) TREES DEPTH THREADS [profile]
// Prints one line "causalcart TASK TRAIN_WALL_SECONDS TRAIN_CPU_SECONDS METRIC" (AUC for cls, RMSE for reg), like peers.py;
// with "profile", also seconds per training stage (read through reflection from the internal trainer).
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using CausalCart.Learners;
using CausalCart.Learners.Boosting;
using CausalCart.Numerics;

string dir = args[0], task = args[1];
int trees = int.Parse(args[2], CultureInfo.InvariantCulture);
int depth = int.Parse(args[3], CultureInfo.InvariantCulture);
int threads = int.Parse(args[4], CultureInfo.InvariantCulture);
bool profile = args.Length > 5 && args[5] == "profile";
string[] meta = File.ReadAllText(Path.Combine(dir, "meta.txt")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
int nTrain = int.Parse(meta[0], CultureInfo.InvariantCulture), nTest = int.Parse(meta[1], CultureInfo.InvariantCulture), p = int.Parse(meta[2], CultureInfo.InvariantCulture);

static double[] Read(string path, long count)
{
    byte[] bytes = File.ReadAllBytes(path);
    if (bytes.LongLength != count * 8)
    {
        throw new InvalidDataException($"{path}: expected {count} float64 values, found {bytes.LongLength / 8.0}.");
    }

    var values = new double[count];
    Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
    return values;
}

var xTrain = new Matrix(nTrain, p, Read(Path.Combine(dir, "x_train.f64"), (long)nTrain * p));
var xTest = new Matrix(nTest, p, Read(Path.Combine(dir, "x_test.f64"), (long)nTest * p));
double[] yTrain = Read(Path.Combine(dir, $"y_train_{task}.f64"), nTrain);
double[] yTest = Read(Path.Combine(dir, $"y_test_{task}.f64"), nTest);
var options = new GradientBoostingOptions { Trees = trees, MaxDepth = depth, LearningRate = 0.1, MaxBins = 255, L2 = 1, MinChildWeight = 1, MaxThreads = threads };
var pred = new double[nTest];
double seconds, cpu, metric;
if (profile)
{
    // Internal trainer with stage timings (reflection: the bench has no friend access).
    Type trainer = typeof(GradientBoostingOptions).Assembly.GetType("CausalCart.Learners.Boosting.BoostingTrainer")!;
    Type lossType = typeof(GradientBoostingOptions).Assembly.GetType("CausalCart.Learners.Boosting.BoostingLoss")!;
    MethodInfo train = trainer.GetMethod("TrainProfiled", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
    var timings = new Dictionary<string, double>();
    var sw0 = Stopwatch.StartNew();
    train.Invoke(null, [xTrain, yTrain, Enum.ToObject(lossType, task == "cls" ? 1 : 0), options, timings]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"profile total {sw0.Elapsed.TotalSeconds:F2} s: ")
        + string.Join(", ", timings.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F2}"))));
    return;
}

TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
var sw = Stopwatch.StartNew();
if (task == "cls")
{
    GradientBoostedTreesClassificationModel m = new GradientBoostedTreesClassifier(options).Fit(xTrain, yTrain);
    seconds = sw.Elapsed.TotalSeconds;
    cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    m.PredictProbability(xTest, pred);
    metric = Metrics.Auc(pred, yTest);
}
else
{
    GradientBoostedTreesRegressionModel m = new GradientBoostedTreesRegressor(options).Fit(xTrain, yTrain);
    seconds = sw.Elapsed.TotalSeconds;
    cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    m.Predict(xTest, pred);
    double ss = 0;
    for (int i = 0; i < nTest; i++)
    {
        ss += (pred[i] - yTest[i]) * (pred[i] - yTest[i]);
    }

    metric = Math.Sqrt(ss / nTest);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"causalcart {task} {seconds:F2} {cpu:F2} {metric:F5}"));
