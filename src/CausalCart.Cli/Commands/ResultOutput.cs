using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Core.Results;
using CausalCart.Reporting;

namespace CausalCart.Cli.Commands;

/// <summary>Writes an analysis result as the CLI's output: JSON or a readable summary, plus an optional report file.</summary>
internal static class ResultOutput
{
    public static int Write(CliConsole console, AnalysisResult result, bool json, string? reportPath, bool failOnRefutation)
    {
        if (reportPath is not null)
        {
            if (!Reports.TryGetFormat(reportPath, out var format))
            {
                throw new CausalCartException(ErrorKind.Usage, $"--report '{reportPath}' must end in .html, .md or .json.");
            }

            Reports.WriteFile(result, format, reportPath);
            console.Info($"report written to {reportPath}");
        }

        if (json)
        {
            console.WriteJson(result);
        }
        else
        {
            WriteSummary(console, result);
        }

        return failOnRefutation && result.Refutations.Any(r => r.Verdict == RefutationVerdict.Failed)
            ? ExitCodes.RefutationFailed
            : ExitCodes.Ok;
    }

    private static string MethodName(EffectMethod method) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(method.ToString());

    /// <summary>The instrumental-variable estimates as a table, the association first, then their warnings on stderr.</summary>
    public static void WriteIvTable(CliConsole console, IvAnalysisResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        console.Line("method      estimate    std.err   95% interval              first-stage F   complier share");
        foreach (var e in result.Estimates.Prepend(result.Association))
        {
            console.Line(string.Create(inv, $"{e.Method,-9} {e.Estimate,10:F4} {e.StdError,10:F4}   [{e.CiLower:F4}, {e.CiUpper:F4}]   {(e.FirstStageF is { } f ? f.ToString("F1", inv) : "-"),13}   {(e.ComplierShare is { } c ? c.ToString("P1", inv) : "-"),14}"));
        }

        foreach (var w in result.Warnings)
        {
            console.Warn(w);
        }
    }

    public static void WriteSummary(CliConsole console, AnalysisResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        console.Line(Headline.Sentence(result));
        console.Line();
        var a = result.Association;
        console.Line(string.Create(inv, $"Association: mean outcome {a.MeanTreated:G4} treated vs {a.MeanControl:G4} untreated (difference {a.Difference:G4}{(a.Lift is { } l ? $", lift {l:F2}x" : string.Empty)}), {a.NTreated:N0} treated / {a.NControl:N0} untreated."));
        console.Line();
        var truth = result.Truth;
        // The method column is as wide as the longest name shown (at least the header's 13 characters).
        int width = Math.Max(13, result.Estimates.Select(e => MethodName(e.Method).Length).DefaultIfEmpty(0).Max());
        string header = "method".PadRight(width) + " estimand   estimate    std.err   95% interval";
        console.Line(truth is null ? header : header + "            truth     covers  |est-truth|/se");
        foreach (var e in result.Estimates)
        {
            var line = MethodName(e.Method).PadRight(width) + string.Create(inv, $" {e.Estimand.ToString().ToLowerInvariant(),-9} {e.Estimate,9:F4} {e.StdError,10:F4}   [{e.CiLower:F4}, {e.CiUpper:F4}]");
            if (truth is not null)
            {
                var t = e.Estimand == Estimand.Ate ? truth.Ate : truth.Att;
                var z = e.StdError > 0 ? Math.Abs(e.Estimate - t) / e.StdError : double.PositiveInfinity;
                line += string.Create(inv, $"   {t,9:F4}   {(e.Covers(t) ? "yes" : "no"),-6}  {z,6:F1}");
            }

            console.Line(line);
        }

        if (result.InstrumentalVariables is { } iv)
        {
            console.Line();
            console.Line("Instrumental variables (" + iv.Design.Instrument + "):");
            WriteIvTable(console, iv);
        }

        if (result.Heterogeneity is { } h)
        {
            console.Line();
            console.Line("Who responds:");
            foreach (var sentence in h.Summary)
            {
                console.Line("  " + sentence);
            }

            foreach (var g in h.Segments)
            {
                console.Line(string.Create(inv, $"  {h.SegmentColumn} = {g.Label}: {g.Estimate:F4} [{g.CiLower:F4}, {g.CiUpper:F4}], {g.Units:N0} units"));
            }
        }

        if (result.Overlap is { } o)
        {
            console.Line();
            console.Line($"Overlap: {o.Verdict.ToString().ToLowerInvariant()}. {o.Message}");
        }

        if (result.Balance is { } b)
        {
            console.Line(string.Create(inv, $"Balance: largest |SMD| {b.MaxAbsBefore:F3} before weighting, {b.MaxAbsAfter:F3} after. {b.Message}"));
        }

        if (result.Refutations.Count > 0)
        {
            console.Line();
            foreach (var r in result.Refutations)
            {
                console.Line($"Refutation {System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Refuter.ToString())} ({r.Method.ToString().ToLowerInvariant()}): {r.Verdict.ToString().ToLowerInvariant()}. {r.Interpretation}");
            }
        }

        // An estimate's warning names its method(s): two methods' clipping warnings differ only in their counts, and
        // without the name they read as one warning said twice.
        var estimateWarnings = result.Estimates
            .SelectMany(e => e.Warnings.Select(w => (Method: MethodName(e.Method), Text: w)))
            .GroupBy(x => x.Text, StringComparer.Ordinal)
            .Select(g => $"{string.Join(", ", g.Select(x => x.Method).Distinct(StringComparer.Ordinal))}: {g.Key}");
        foreach (var w in result.Warnings.Concat(estimateWarnings).Distinct(StringComparer.Ordinal))
        {
            console.Warn(w);
        }
    }
}
