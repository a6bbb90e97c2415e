using System.Globalization;
using System.Text.Json;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Linear;

/// <summary>
/// bench/learners/linear/data.csv and reference.json (written by reference.py with statsmodels 0.13.5 and
/// scikit-learn 1.2.1), found by walking up from the test binaries to the repository root.
/// </summary>
internal sealed class ReferenceData
{
    private static readonly Lazy<ReferenceData> Instance = new(Load);

    private ReferenceData(Matrix x, double[] y, double[] d, double[] w, int[] cluster, JsonDocument json)
    {
        X = x;
        Y = y;
        D = d;
        W = w;
        Cluster = cluster;
        Json = json.RootElement;
    }

    public static ReferenceData Shared => Instance.Value;

    public Matrix X { get; }

    public double[] Y { get; }

    public double[] D { get; }

    public double[] W { get; }

    public int[] Cluster { get; }

    public JsonElement Json { get; }

    public static double[] Array(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Asserts |a − e| ≤ tol·max(|e|, floor) for every element.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tol, string what, double floor = 1e-3)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            double err = Math.Abs(actual[j] - expected[j]);
            Assert.True(err <= tol * Math.Max(Math.Abs(expected[j]), floor), $"{what}[{j}]: expected {expected[j]:R}, got {actual[j]:R} (relative error {err / Math.Max(Math.Abs(expected[j]), floor):E2})");
        }
    }

    private static ReferenceData Load()
    {
        string dir = Locate();
        string[] lines = File.ReadAllLines(Path.Combine(dir, "data.csv"));
        int n = lines.Length - 1;
        var x = new Matrix(n, 6);
        double[] y = new double[n], d = new double[n], w = new double[n];
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++)
        {
            double[] f = lines[i + 1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            cluster[i] = (int)f[0];
            w[i] = f[1];
            for (int j = 0; j < 6; j++)
            {
                x[i, j] = f[2 + j];
            }

            y[i] = f[8];
            d[i] = f[9];
        }

        return new ReferenceData(x, y, d, w, cluster, JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "reference.json"))));
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "bench", "learners", "linear");
            if (File.Exists(Path.Combine(candidate, "reference.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "bench/learners/linear/reference.json was not found above " + AppContext.BaseDirectory +
            "; run the tests from a checkout of the repository (regenerate with /usr/bin/python3 bench/learners/linear/reference.py).");
    }
}
