using System.Globalization;
using System.Text;
using CausalCart.Core.Results;

namespace CausalCart.Reporting;

/// <summary>
/// Renders an <see cref="AnalysisResult"/> as Markdown: the same content as <see cref="HtmlReport"/>, with
/// the charts' data as tables (estimates, the propensity histogram, the balance table) and the same sentences.
/// </summary>
/// <remarks>
/// Implementation note: every string from the result is escaped for Markdown (backslash, backtick, emphasis,
/// brackets, pipes) and for the HTML that Markdown renderers pass through (<c>&lt;</c>, <c>&gt;</c>,
/// <c>&amp;</c> become entities), and line breaks inside a value become spaces so tables stay one row per line.
/// </remarks>
public static class MarkdownReport
{
    /// <summary>Renders the report. Deterministic: the same result gives the same text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string Render(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder(16 * 1024);
        bool binary = result.Association.OutcomeIsBinary;

        md.Append("# ").Append(Md(result.Study)).Append("\n\n");
        md.Append("**").Append(Md(Headline.Sentence(result))).Append("**\n\n");
        if (result.Truth is { } truthNote)
        {
            md.Append("Known truth (").Append(Md(truthNote.Source)).Append("): the true ATE is ").Append(MerchantWording.Effect(truthNote.Ate, binary))
                .Append(" and the true ATT is ").Append(MerchantWording.Effect(truthNote.Att, binary)).Append(".\n\n");
        }

        IReadOnlyList<ReportWarning> warnings = ReportWarning.Collect(result);
        md.Append("## Read this first\n\n");
        if (warnings.Count == 0)
        {
            md.Append("No warnings were raised for this analysis.\n\n");
        }
        else
        {
            foreach (ReportWarning w in warnings)
            {
                md.Append("- ").Append(w.Severe ? "**" + Md(w.Text) + "**" : Md(w.Text)).Append('\n');
            }

            md.Append('\n');
        }

        AppendDesign(md, result.Design);
        AppendGraph(md, result);
        AppendAssociation(md, result);
        AppendEstimates(md, result);
        AppendInstrumentalVariables(md, result);
        AppendWhoResponds(md, result);
        AppendOverlap(md, result);
        AppendBalance(md, result);
        AppendRefutations(md, result);
        AppendManifest(md, result);
        return md.ToString();
    }

    /// <summary>Writes <see cref="Render"/>'s text to <paramref name="path"/> as UTF-8 (no BOM), replacing any file there.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(AnalysisResult result, string path) => ReportFile.Write(path, Render(result));

    /// <summary>Escapes text for a Markdown paragraph or table cell.</summary>
    internal static string Md(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '~':
                    sb.Append('\\').Append(c);
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\r' or '\n':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static void AppendDesign(StringBuilder md, StudyDescription d)
    {
        md.Append("## Study design\n\n| | |\n|---|---|\n");
        KeyValue(md, "Unit of analysis", Md(d.Unit));
        KeyValue(md, "Time zero (follow-up starts)", Md(d.TimeZero));
        KeyValue(md, "Who is eligible", Md(d.Eligibility));
        KeyValue(md, "Treatment", Md(d.Treatment));
        KeyValue(md, "Outcome", Md(d.Outcome));
        KeyValue(md, Inv($"Covariates ({d.Covariates.Count}, all measured before time zero)"),
            d.Covariates.Count == 0 ? "none" : string.Join(", ", d.Covariates.Select(Md)));
        KeyValue(md, "Nuisance models (propensity and outcome)", Md(d.Nuisance));
        KeyValue(md, "Units analysed", Inv($"{MerchantWording.Count(d.Units)} ({MerchantWording.Count(d.Treated)} treated, {MerchantWording.Count(d.Control)} control)"));
        md.Append('\n');
    }

    private static void AppendGraph(StringBuilder md, AnalysisResult result)
    {
        if (result.Identification is not { } id)
        {
            return;
        }

        md.Append("## Causal graph\n\n").Append(Md(id.Verdict)).Append("\n\n").Append(Md(GraphSection.Adjustment(id))).Append("\n\n| | |\n|---|---|\n");
        KeyValue(md, "Identification", Md(GraphSection.Strategy(id.Strategy)));
        KeyValue(md, "Adjusted for", id.AdjustmentSet is null ? "—" : id.AdjustmentSet.Count == 0 ? "nothing" : string.Join(", ", id.AdjustmentSet.Select(Md)));
        KeyValue(md, "Formula", id.Estimand is null ? "—" : Md(id.Estimand));
        if (id.Unobserved.Count > 0)
        {
            KeyValue(md, "In the graph but not measured", string.Join(", ", id.Unobserved.Select(Md)));
        }

        md.Append('\n');
        if (id.BadControls.Count > 0)
        {
            md.Append("Covariates that must not be adjusted for:\n\n");
            foreach (var b in id.BadControls)
            {
                md.Append("- ").Append(Md(b.Name)).Append(" (").Append(Md(GraphSection.Role(b.Role))).Append("): ").Append(Md(b.Reason)).Append('\n');
            }

            md.Append('\n');
        }

        // The graph itself as DOT (arrows from cause to effect) in a fenced block, which is shown verbatim.
        md.Append("The graph (").Append(Md(id.Source)).Append("):\n\n```dot\n").Append(GraphSection.Dot(id).Replace("```", "'''", StringComparison.Ordinal)).Append("```\n\n");
    }

    private static void AppendAssociation(StringBuilder md, AnalysisResult result)
    {
        Association a = result.Association;
        bool binary = a.OutcomeIsBinary;
        md.Append("## Association beside the causal effect\n\n")
            .Append("The association compares treated and untreated units as they are; the causal estimates adjust for how they differed before treatment. The gap between the two is confounding.\n\n")
            .Append("| | |\n|---|---|\n");
        if (binary)
        {
            KeyValue(md, "P(Y \\| T=1): chance of the outcome among treated", MerchantWording.Percent(a.MeanTreated) + Inv($" (of {MerchantWording.Count(a.NTreated)} treated)"));
            KeyValue(md, "P(Y \\| T=0): chance of the outcome among untreated", MerchantWording.Percent(a.MeanControl) + Inv($" (of {MerchantWording.Count(a.NControl)} untreated)"));
        }
        else
        {
            KeyValue(md, "Mean outcome among treated", Value(a.MeanTreated, binary: false) + Inv($" ({MerchantWording.Count(a.NTreated)} treated)"));
            KeyValue(md, "Mean outcome among untreated", Value(a.MeanControl, binary: false) + Inv($" ({MerchantWording.Count(a.NControl)} untreated)"));
        }

        KeyValue(md, "Raw difference (treated − untreated)", MerchantWording.Effect(a.Difference, binary));
        KeyValue(md, "Lift (treated ÷ untreated)", MerchantWording.Lift(a.Lift));
        md.Append("\n### Raw difference next to the adjusted estimates\n\n")
            .Append("| Comparison | Estimand | ").Append(binary ? "Effect (percentage points)" : "Effect").Append(" | Interval |\n|---|---|---:|---:|\n")
            .Append("| Raw difference, no adjustment (association) | — | ").Append(Value(a.Difference, binary)).Append(" | — |\n");
        foreach (EffectEstimate e in result.Estimates)
        {
            int decimals = MerchantWording.EstimateDecimals(e, binary);
            md.Append("| ").Append(Labels.Method(e.Method)).Append(" | ").Append(Labels.EstimandShort(e.Estimand)).Append(" | ")
                .Append(Value(e.Estimate, binary, decimals)).Append(" | ")
                .Append(MerchantWording.IntervalWith(e.CiLower, e.CiUpper, e.ConfidenceLevel, binary, decimals)).Append(" |\n");
        }

        md.Append('\n');
        EffectEstimate? chosen = Headline.ChooseEstimate(result);
        if (result.Overlap?.Verdict == OverlapVerdict.Insufficient)
        {
            md.Append("Overlap is insufficient, so the adjusted estimates are not trustworthy and no share of confounding is given.\n\n");
        }
        else if (chosen is null)
        {
            md.Append("No adjusted estimate was produced, so how much of the association is confounding cannot be said.\n\n");
        }
        else
        {
            md.Append(Md(MerchantWording.Confounding(a, chosen))).Append(" (Compared with the ")
                .Append(Labels.MethodShort(chosen.Method)).Append(' ').Append(Labels.EstimandShort(chosen.Estimand)).Append(".)\n\n");
        }
    }

    private static void AppendEstimates(StringBuilder md, AnalysisResult result)
    {
        bool binary = result.Association.OutcomeIsBinary;
        md.Append("## Causal estimates\n\n");
        if (result.Estimates.Count == 0)
        {
            md.Append("No effect was estimated.\n\n");
            return;
        }

        md.Append("| Method | Estimand | ").Append(binary ? "Estimate (pp)" : "Estimate").Append(" | Interval | Std. error | Units (treated / control) |");
        md.Append(result.Truth is null ? string.Empty : " Covers the truth? |").Append(" Details |\n|---|---|---:|---:|---:|---:|");
        md.Append(result.Truth is null ? string.Empty : "---|").Append("---|\n");
        foreach (EffectEstimate e in result.Estimates)
        {
            int decimals = MerchantWording.EstimateDecimals(e, binary);
            md.Append("| ").Append(Labels.Method(e.Method)).Append(" | ").Append(Labels.Estimand(e.Estimand)).Append(" | ")
                .Append(Value(e.Estimate, binary, decimals)).Append(" | ")
                .Append(MerchantWording.IntervalWith(e.CiLower, e.CiUpper, e.ConfidenceLevel, binary, decimals)).Append(" | ")
                .Append(Value(e.StdError, binary, decimals + 1)).Append(" | ")
                .Append(Inv($"{MerchantWording.Count(e.N)} ({MerchantWording.Count(e.NTreated)} / {MerchantWording.Count(e.NControl)})")).Append(" |");
            if (result.Truth is { } truth)
            {
                md.Append(e.Covers(e.Estimand == Estimand.Att ? truth.Att : truth.Ate) ? " Yes |" : " **No** |");
            }

            IEnumerable<string> details = e.Diagnostics.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => Md(p.Key) + " = " + MerchantWording.Number(p.Value, p.Value == Math.Round(p.Value) ? 0 : Math.Max(2, MerchantWording.DecimalsFor(Math.Abs(p.Value)))))
                .Concat(e.Warnings.Select(w => "⚠ " + Md(w)));
            md.Append(' ').AppendJoin("; ", details).Append(" |\n");
        }

        md.Append('\n');
        if (result.Truth is { } t)
        {
            md.Append("True values (").Append(Md(t.Source)).Append("): ATE ").Append(Value(t.Ate, binary)).Append(", ATT ").Append(Value(t.Att, binary))
                .Append(binary ? " percentage points.\n\n" : ".\n\n");
        }
    }

    private static void AppendInstrumentalVariables(StringBuilder md, AnalysisResult result)
    {
        if (result.InstrumentalVariables is not { } iv)
        {
            return;
        }

        md.Append("## Instrumental variables\n\n").Append(Md(IvReport.StudySentence(iv))).Append("\n\n");
        foreach (string w in iv.Warnings)
        {
            md.Append("- ").Append(Md(w)).Append('\n');
        }

        md.Append(iv.Warnings.Count > 0 ? "\n" : string.Empty).Append("| | |\n|---|---|\n");
        foreach ((string k, string v) in IvReport.DesignRows(iv.Design))
        {
            md.Append("| ").Append(k).Append(" | ").Append(Md(v)).Append(" |\n");
        }

        md.Append('\n');
        IvReport.AppendMarkdownEstimates(md, iv);
    }

    private static void AppendWhoResponds(StringBuilder md, AnalysisResult result)
    {
        if (result.Heterogeneity is not { } h)
        {
            return;
        }

        bool binary = result.Association.OutcomeIsBinary;
        md.Append("## Who responds\n\n");
        foreach (string sentence in WhoRespondsWording.Sentences(h, binary))
        {
            md.Append("- ").Append(Md(sentence)).Append('\n');
        }

        md.Append('\n');
        if (h.Segments.Count > 0)
        {
            md.Append("### By your segments of '").Append(Md(h.SegmentColumn ?? "segment")).Append("'\n\n");
            AppendGroups(md, "Segment", h.Segments.Select(g => (g.Label, g)), h.ConfidenceLevel, binary);
        }

        md.Append("### By predicted response\n\n");
        AppendGroups(md, "Group", h.LearnedGroups.Select((g, i) => (WhoRespondsWording.GroupLabel(i, h.LearnedGroups.Count), g)), h.ConfidenceLevel, binary);
        md.Append("Highest minus lowest group: ")
            .Append(Md(WhoRespondsWording.EffectWithInterval(h.TopMinusBottom.Estimate, h.TopMinusBottom.CiLower, h.TopMinusBottom.CiUpper, h.ConfidenceLevel, binary)))
            .Append(".\n\n");
        md.Append("### How the effect moves with each covariate (best linear projection)\n\n| Term | ")
            .Append(binary ? "Coefficient (pp)" : "Coefficient").Append(" | Interval | p-value |\n|---|---:|---:|---:|\n");
        foreach (ProjectionTerm t in h.Projection)
        {
            md.Append("| ").Append(Md(t.Term)).Append(" | ").Append(Value(t.Estimate, binary)).Append(" | ")
                .Append(MerchantWording.Interval(t.CiLower, t.CiUpper, h.ConfidenceLevel, binary)).Append(" | ")
                .Append(WhoRespondsWording.PValue(t.PValue)).Append(" |\n");
        }

        md.Append('\n').Append(Md(h.Basis)).Append("\n\n");
    }

    private static void AppendGroups(StringBuilder md, string heading, IEnumerable<(string Label, GroupEffect Group)> rows, double level, bool binary)
    {
        md.Append("| ").Append(heading).Append(" | Units | ").Append(binary ? "Effect (pp)" : "Effect").Append(" | Interval |\n|---|---:|---:|---:|\n");
        foreach ((string label, GroupEffect g) in rows)
        {
            md.Append("| ").Append(Md(label)).Append(" | ").Append(MerchantWording.Count(g.Units)).Append(" | ").Append(Value(g.Estimate, binary))
                .Append(" | ").Append(MerchantWording.Interval(g.CiLower, g.CiUpper, level, binary)).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void AppendOverlap(StringBuilder md, AnalysisResult result)
    {
        md.Append("## Overlap: were treated and untreated comparable?\n\n");
        if (result.Overlap is not { } o)
        {
            md.Append("No propensity model was fitted, so overlap was not checked.\n\n");
            return;
        }

        md.Append("**").Append(MerchantWording.OverlapLabel(o.Verdict)).Append(".** ").Append(Md(MerchantWording.Overlap(o.Verdict, result.Design.Unit)))
            .Append(' ').Append(Md(o.Message)).Append("\n\n| | |\n|---|---|\n");
        KeyValue(md, "Propensity range, treated", Inv($"{MerchantWording.Number(o.MinTreated, 3)} to {MerchantWording.Number(o.MaxTreated, 3)}"));
        KeyValue(md, "Propensity range, untreated", Inv($"{MerchantWording.Number(o.MinControl, 3)} to {MerchantWording.Number(o.MaxControl, 3)}"));
        KeyValue(md, Inv($"Units with an extreme propensity (below {MerchantWording.Threshold(o.ExtremeThreshold)} or above {MerchantWording.Threshold(1 - o.ExtremeThreshold)})"), MerchantWording.Percent(o.ExtremeShare));
        KeyValue(md, "Effective sample size after weighting, treated", MerchantWording.Number(o.EffectiveSampleSizeTreated, 0));
        KeyValue(md, "Effective sample size after weighting, untreated", MerchantWording.Number(o.EffectiveSampleSizeControl, 0));
        md.Append("\nPropensity score histogram (units per band):\n\n| Propensity | Treated | Untreated |\n|---|---:|---:|\n");
        int bins = Math.Min(o.BinEdges.Count - 1, Math.Min(o.TreatedCounts.Count, o.ControlCounts.Count));
        for (int i = 0; i < bins; i++)
        {
            md.Append("| ").Append(MerchantWording.Number(o.BinEdges[i], 2)).Append('–').Append(MerchantWording.Number(o.BinEdges[i + 1], 2))
                .Append(" | ").Append(MerchantWording.Count(o.TreatedCounts[i])).Append(" | ").Append(MerchantWording.Count(o.ControlCounts[i])).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void AppendBalance(StringBuilder md, AnalysisResult result)
    {
        md.Append("## Balance: did weighting make the groups alike?\n\n");
        if (result.Balance is not { } b)
        {
            md.Append("No propensity model was fitted, so balance was not checked.\n\n");
            return;
        }

        bool balanced = b.Covariates.All(c => Math.Abs(c.SmdAfter) <= b.Threshold);
        md.Append("**").Append(balanced ? "Balanced" : "Imbalanced").Append(".** ").Append(Md(MerchantWording.Balance(b)))
            .Append(' ').Append(Md(b.Message)).Append("\n\n")
            .Append("| Covariate | Mean, treated | Mean, untreated | \\|SMD\\| before | \\|SMD\\| after | After weighting |\n|---|---:|---:|---:|---:|---|\n");
        foreach (CovariateBalance c in b.Covariates)
        {
            md.Append("| ").Append(Md(c.Name)).Append(" | ").Append(Value(c.MeanTreated, binary: false)).Append(" | ").Append(Value(c.MeanControl, binary: false))
                .Append(" | ").Append(MerchantWording.Number(Math.Abs(c.SmdBefore), 3)).Append(" | ").Append(MerchantWording.Number(Math.Abs(c.SmdAfter), 3))
                .Append(Math.Abs(c.SmdAfter) <= b.Threshold ? " | balanced |\n" : " | **imbalanced** |\n");
        }

        md.Append('\n').Append(Inv($"An \\|SMD\\| above {MerchantWording.Threshold(b.Threshold)} counts as imbalanced.")).Append("\n\n");
    }

    private static void AppendRefutations(StringBuilder md, AnalysisResult result)
    {
        bool binary = result.Association.OutcomeIsBinary;
        md.Append("## Refutation tests\n\n");
        if (result.Refutations.Count == 0)
        {
            md.Append("No refutation tests were run, so the estimate has not been stress-tested.\n\n");
            return;
        }

        md.Append("| Test | Estimator | What should happen | ").Append(binary ? "Original (pp)" : "Original").Append(" | ")
            .Append(binary ? "After the change (pp)" : "After the change").Append(" | How often by chance | Verdict | What it means |\n|---|---|---|---:|---:|---|---|---|\n");
        foreach (Refutation r in result.Refutations)
        {
            int decimals = MerchantWording.DecimalsFor(Math.Max(Math.Abs(MerchantWording.ToDisplay(r.OriginalEstimate, binary)), Math.Abs(MerchantWording.ToDisplay(r.NewEstimateMean, binary))));
            string chance = r.PValue is { } p && p is >= 0 and <= 1
                ? MerchantWording.PValue(p, Labels.RefuterRuns(r.Refuter)) + " (" + Md(HtmlReport.PValueNumber(p)) + ")"
                : "no p-value for this test";
            string verdict = Labels.Verdict(r.Verdict);
            md.Append("| ").Append(Labels.Refuter(r.Refuter)).Append(" | ").Append(Labels.MethodShort(r.Method)).Append(" | ").Append(Md(r.NullHypothesis))
                .Append(" | ").Append(Value(r.OriginalEstimate, binary, decimals))
                .Append(" | ").Append(Value(r.NewEstimateMean, binary, decimals)).Append(" ± ").Append(Value(r.NewEstimateStdDev, binary, decimals))
                .Append(Inv($" ({MerchantWording.Count(r.Simulations)} simulations)"))
                .Append(" | ").Append(chance)
                .Append(" | ").Append(r.Verdict == RefutationVerdict.Failed ? "**" + verdict + "**" : verdict)
                .Append(" | ").Append(Md(r.Interpretation)).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void AppendManifest(StringBuilder md, AnalysisResult result)
    {
        RunManifest m = result.Manifest;
        md.Append("## How this was produced\n\n| | |\n|---|---|\n");
        KeyValue(md, "Tool", Md(m.Tool));
        KeyValue(md, "Created", m.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        KeyValue(md, "Seed", m.Seed.ToString(CultureInfo.InvariantCulture));
        KeyValue(md, "Result schema version", Md(result.SchemaVersion));
        md.Append('\n');
        if (m.Inputs.Count == 0)
        {
            md.Append("No input files were recorded.\n");
            return;
        }

        md.Append("| Input | SHA-256 |\n|---|---|\n");
        foreach (InputFile input in m.Inputs)
        {
            md.Append("| ").Append(Md(input.Path)).Append(" | ").Append(Md(input.Sha256)).Append(" |\n");
        }
    }

    /// <summary>A row of a two-column table; <paramref name="value"/> is already escaped.</summary>
    private static void KeyValue(StringBuilder md, string label, string value) =>
        md.Append("| ").Append(label).Append(" | ").Append(value).Append(" |\n");

    private static string Value(double value, bool binary, int? decimals = null)
    {
        double shown = MerchantWording.ToDisplay(value, binary);
        return MerchantWording.Number(shown, decimals ?? MerchantWording.DecimalsFor(Math.Abs(shown)));
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
