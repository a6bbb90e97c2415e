using System.Globalization;
using System.Text;
using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Validation;

/// <summary>Writes a coverage study as a readable Markdown table (also what the CLI prints without <c>--json</c>).</summary>
public static class CoverageTable
{
    /// <summary>
    /// Formats the summaries: one row per method and estimand with coverage and its Wilson interval, mean bias,
    /// RMSE, mean standard error against the spread of the estimates, and a closing line per AIPW estimand
    /// saying whether its coverage falls in the 92–98% target band, and one for every other adjusted method's ATE. Numbers use the invariant culture.
    /// </summary>
    /// <param name="result">A coverage study.</param>
    /// <returns>Markdown text ending with a newline.</returns>
    public static string Format(CoverageStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"Coverage of {result.NominalCoverage * 100:F0}% intervals over {result.Worlds} ShopSim worlds × {result.Users:N0} users (seeds {result.Seed}…{result.Seed + result.Worlds - 1})");
        sb.Append(result.FailedWorlds > 0 ? string.Create(ci, $"; {result.FailedWorlds} world(s) refused and left out") : string.Empty).Append('\n').Append('\n');
        sb.Append("| method | estimand | worlds | covered | coverage | Wilson 95% | mean truth | mean bias | RMSE | mean SE | SD of estimates | SD of errors |\n");
        sb.Append("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var s in result.Summaries)
        {
            sb.Append(ci, $"| {Name(s.Method)} | {s.Estimand.ToString().ToUpperInvariant()} | {s.Worlds} | {s.Covered} | {Percent(s.Coverage)} | [{Percent(s.CoverageLower)}, {Percent(s.CoverageUpper)}] | ");
            sb.Append(ci, $"{s.MeanTruth:F4} | {s.MeanBias:+0.0000;-0.0000;0.0000} | {s.Rmse:F4} | {s.MeanStdError:F4} | {s.EstimateSd:F4} | {s.ErrorSd:F4} |\n");
        }

        sb.Append('\n');
        // The band is a claim about adjusted estimators' ATE; the naive difference is shown as the confounded baseline.
        foreach (var s in result.Summaries.Where(s => s.Method == EffectMethod.Aipw || (s.Method != EffectMethod.Naive && s.Estimand == Estimand.Ate)))
        {
            bool inBand = s.Coverage >= 0.92 && s.Coverage <= 0.98;
            sb.Append(ci, $"{Name(s.Method)} {s.Estimand.ToString().ToUpperInvariant()} coverage {Percent(s.Coverage)}: {(inBand ? "inside" : "OUTSIDE")} the 92–98% target band.\n");
        }

        foreach (var w in result.WorldResults.Where(w => w.Failure is not null))
        {
            sb.Append(ci, $"World {w.Index} (seed {w.Seed}) refused: {w.Failure}\n");
        }

        return sb.ToString();
    }

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:F1}%");

    private static string Name(EffectMethod method) => method switch
    {
        EffectMethod.Naive => "naive (association)",
        EffectMethod.Regression => "regression",
        EffectMethod.Ipw => "IPW",
        EffectMethod.Aipw => "AIPW",
        _ => Reporting.Labels.MethodShort(method),
    };
}
