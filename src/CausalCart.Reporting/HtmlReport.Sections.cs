using System.Globalization;
using System.Text;
using CausalCart.Core.Results;

namespace CausalCart.Reporting;

/// <summary>The report's sections, one method each, in page order.</summary>
public static partial class HtmlReport
{
    private static void AppendHeader(StringBuilder html, AnalysisResult result)
    {
        html.Append("<header class=\"report-header\">\n<p class=\"eyebrow\">CausalCart · causal analysis report</p>\n")
            .Append("<h1>").Append(E(result.Study)).Append("</h1>\n")
            .Append("<p class=\"headline\" id=\"headline\">").Append(E(Headline.Sentence(result))).Append("</p>\n");
        EffectEstimate? chosen = Headline.ChooseEstimate(result);
        if (chosen is not null && result.Overlap?.Verdict != OverlapVerdict.Insufficient)
        {
            string units = MerchantWording.Plural(result.Design.Unit);
            html.Append("<p class=\"subline\">From the ").Append(E(Labels.MethodInSentence(chosen.Method))).Append(" estimate of the ")
                .Append(E(Labels.EstimandShort(chosen.Estimand))).Append(" over ").Append(MerchantWording.Count(chosen.N)).Append(' ').Append(E(units))
                .Append(" (").Append(MerchantWording.Count(chosen.NTreated)).Append(" treated, ").Append(MerchantWording.Count(chosen.NControl))
                .Append(" untreated), the most trustworthy method in this analysis. The interval is the range of effects consistent with the data at ")
                .Append(E(LevelText(chosen.ConfidenceLevel))).Append(" confidence.</p>\n");
        }

        if (result.Truth is { } truth)
        {
            bool binary = result.Association.OutcomeIsBinary;
            html.Append("<p class=\"subline truth-note\">Known truth (").Append(E(truth.Source)).Append("): the true ATE is ")
                .Append(E(MerchantWording.Effect(truth.Ate, binary))).Append(" and the true ATT is ")
                .Append(E(MerchantWording.Effect(truth.Att, binary))).Append(".</p>\n");
        }

        html.Append("</header>\n");
    }

    private static void AppendWarnings(StringBuilder html, AnalysisResult result)
    {
        IReadOnlyList<ReportWarning> warnings = ReportWarning.Collect(result);
        if (warnings.Count == 0)
        {
            html.Append("<section id=\"warnings\" class=\"warnings none\"><p>No warnings were raised for this analysis.</p></section>\n");
            return;
        }

        bool severe = warnings.Any(w => w.Severe);
        html.Append("<section id=\"warnings\" class=\"warnings").Append(severe ? " severe" : string.Empty)
            .Append("\" role=\"alert\">\n<h2>Read this first</h2>\n<ul>\n");
        foreach (ReportWarning warning in warnings)
        {
            html.Append(warning.Severe ? "<li class=\"severe\">" : "<li>").Append(E(warning.Text)).Append("</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private static void AppendDesign(StringBuilder html, AnalysisResult result)
    {
        StudyDescription d = result.Design;
        html.Append("<section id=\"design\">\n<h2>Study design</h2>\n<table class=\"kv\">\n");
        Row(html, "Unit of analysis", E(d.Unit));
        Row(html, "Time zero (follow-up starts)", E(d.TimeZero));
        Row(html, "Who is eligible", E(d.Eligibility));
        Row(html, "Treatment", E(d.Treatment));
        Row(html, "Outcome", E(d.Outcome));
        Row(html, Inv($"Covariates ({d.Covariates.Count}, all measured before time zero)"),
            d.Covariates.Count == 0 ? "none" : string.Join(", ", d.Covariates.Select(c => "<code>" + E(c) + "</code>")));
        Row(html, "Nuisance models (propensity and outcome)", E(d.Nuisance));
        Row(html, "Units analysed", Inv($"{MerchantWording.Count(d.Units)} ({MerchantWording.Count(d.Treated)} treated, {MerchantWording.Count(d.Control)} control)"));
        html.Append("</table>\n</section>\n");
    }

    // Present only when the study gave a causal graph; the ids (graph, graph-svg) are stable.
    private static void AppendGraph(StringBuilder html, AnalysisResult result)
    {
        if (result.Identification is not { } id)
        {
            return;
        }

        html.Append("<section id=\"graph\">\n<h2>Causal graph</h2>\n")
            .Append("<p id=\"graph-verdict\">").Append(E(id.Verdict)).Append("</p>\n");
        if (GraphSection.Svg(id) is { } svg)
        {
            html.Append("<figure id=\"graph-svg\" class=\"graph\">").Append(svg).Append("<figcaption>The analyst's causal graph (")
                .Append(E(id.Source)).Append("): arrows point from cause to effect; dashed arcs are unmeasured common causes.</figcaption></figure>\n");
        }

        html.Append("<p>").Append(E(GraphSection.Adjustment(id))).Append("</p>\n<table class=\"kv\">\n");
        Row(html, "Identification", E(GraphSection.Strategy(id.Strategy)));
        Row(html, "Adjusted for", id.AdjustmentSet is null ? "—" : id.AdjustmentSet.Count == 0 ? "nothing" : string.Join(", ", id.AdjustmentSet.Select(c => "<code>" + E(c) + "</code>")));
        Row(html, "Formula", id.Estimand is null ? "—" : "<code>" + E(id.Estimand) + "</code>");
        if (id.Unobserved.Count > 0)
        {
            Row(html, "In the graph but not measured", string.Join(", ", id.Unobserved.Select(c => "<code>" + E(c) + "</code>")));
        }

        html.Append("</table>\n");
        if (id.BadControls.Count > 0)
        {
            html.Append("<h3>Covariates that must not be adjusted for</h3>\n<ul id=\"graph-bad-controls\">\n");
            foreach (var b in id.BadControls)
            {
                html.Append("<li><code>").Append(E(b.Name)).Append("</code> (").Append(E(GraphSection.Role(b.Role))).Append("): ").Append(E(b.Reason)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendAssociation(StringBuilder html, AnalysisResult result)
    {
        Association a = result.Association;
        bool binary = a.OutcomeIsBinary;
        html.Append("<section id=\"association\">\n<h2>Association beside the causal effect</h2>\n")
            .Append("<p class=\"lead\">The association compares treated and untreated units as they are. The causal estimates adjust for how they differed before treatment; the gap between the two is confounding.</p>\n")
            .Append("<table class=\"kv\" id=\"association-table\">\n");
        if (binary)
        {
            Row(html, "P(Y | T=1): chance of the outcome among treated", Num(MerchantWording.Percent(a.MeanTreated)) + Inv($" <span class=\"muted\">of {MerchantWording.Count(a.NTreated)} treated</span>"));
            Row(html, "P(Y | T=0): chance of the outcome among untreated", Num(MerchantWording.Percent(a.MeanControl)) + Inv($" <span class=\"muted\">of {MerchantWording.Count(a.NControl)} untreated</span>"));
        }
        else
        {
            Row(html, "Mean outcome among treated", Num(Value(a.MeanTreated, binary: false)) + Inv($" <span class=\"muted\">{MerchantWording.Count(a.NTreated)} treated</span>"));
            Row(html, "Mean outcome among untreated", Num(Value(a.MeanControl, binary: false)) + Inv($" <span class=\"muted\">{MerchantWording.Count(a.NControl)} untreated</span>"));
        }

        Row(html, "Raw difference (treated − untreated)", Num(E(MerchantWording.Effect(a.Difference, binary))));
        Row(html, "Lift (treated ÷ untreated)", Num(E(MerchantWording.Lift(a.Lift))));
        html.Append("</table>\n");

        html.Append("<h3>Raw difference next to the adjusted estimates</h3>\n<table id=\"association-vs-causal\">\n<thead><tr><th>Comparison</th><th>Estimand</th><th class=\"num\">")
            .Append(binary ? "Effect (percentage points)" : "Effect").Append("</th><th class=\"num\">Interval</th></tr></thead>\n<tbody>\n")
            .Append("<tr class=\"naive\"><td>Raw difference, no adjustment (association)</td><td>—</td><td class=\"num\">")
            .Append(Value(a.Difference, binary)).Append("</td><td class=\"num\">—</td></tr>\n");
        foreach (EffectEstimate e in result.Estimates)
        {
            html.Append(e.Method == EffectMethod.Naive ? "<tr class=\"naive\">" : "<tr>")
                .Append("<td>").Append(E(Labels.Method(e.Method))).Append("</td><td>").Append(E(Labels.EstimandShort(e.Estimand)))
                .Append("</td><td class=\"num\">").Append(Value(e.Estimate, binary, MerchantWording.EstimateDecimals(e, binary)))
                .Append("</td><td class=\"num\">").Append(E(MerchantWording.IntervalWith(e.CiLower, e.CiUpper, e.ConfidenceLevel, binary, MerchantWording.EstimateDecimals(e, binary))))
                .Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        EffectEstimate? chosen = Headline.ChooseEstimate(result);
        html.Append("<p class=\"confounding\" id=\"confounding\">");
        if (result.Overlap?.Verdict == OverlapVerdict.Insufficient)
        {
            html.Append("Overlap is insufficient, so the adjusted estimates are not trustworthy and no share of confounding is given.");
        }
        else if (chosen is null)
        {
            html.Append("No adjusted estimate was produced, so how much of the association is confounding cannot be said.");
        }
        else
        {
            html.Append(E(MerchantWording.Confounding(a, chosen))).Append(" <span class=\"muted\">(Compared with the ")
                .Append(E(Labels.MethodShort(chosen.Method))).Append(' ').Append(E(Labels.EstimandShort(chosen.Estimand))).Append(".)</span>");
        }

        html.Append("</p>\n</section>\n");
    }

    private static void AppendEstimates(StringBuilder html, AnalysisResult result)
    {
        bool binary = result.Association.OutcomeIsBinary;
        html.Append("<section id=\"estimates\">\n<h2>Causal estimates</h2>\n");
        if (result.Estimates.Count == 0)
        {
            html.Append("<p>No effect was estimated.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"lead\">Each dot is one method's estimate; the whisker is its interval. The dashed line is no effect");
        if (result.Truth is not null)
        {
            html.Append("; the green line and diamonds mark the true effect");
        }

        html.Append(". Intervals that stay clear of the dashed line are distinguishable from no effect. ATE is the average effect over all units, ATT over the treated ones.</p>\n");
        int height = 120 + (44 * result.Estimates.Count);
        html.Append(Inv($"<div id=\"chart-estimates\" class=\"chart\" style=\"height:{height}px\" role=\"img\" aria-label=\"Effect estimates with intervals by method\"></div>\n"));
        // One interval heading when every estimate shares a confidence level, so cells need not repeat it.
        double level = result.Estimates[0].ConfidenceLevel;
        bool oneLevel = result.Estimates.All(e => e.ConfidenceLevel == level);
        html.Append("<table id=\"estimates-table\">\n<thead><tr><th>Method</th><th>Estimand</th><th class=\"num\">")
            .Append(binary ? "Estimate (pp)" : "Estimate").Append("</th><th class=\"num\">")
            .Append(oneLevel ? E(LevelText(level)) + " interval" : "Interval").Append("</th><th class=\"num\">Std. error</th><th class=\"num\">Units</th>");
        if (result.Truth is not null)
        {
            html.Append("<th>Covers the truth?</th>");
        }

        html.Append("<th>Details</th></tr></thead>\n<tbody>\n");
        foreach (EffectEstimate e in result.Estimates)
        {
            int decimals = MerchantWording.EstimateDecimals(e, binary);
            string interval = MerchantWording.IntervalWith(e.CiLower, e.CiUpper, e.ConfidenceLevel, binary, decimals);
            if (oneLevel)
            {
                interval = interval[(interval.IndexOf(" CI ", StringComparison.Ordinal) + 4)..];
            }

            html.Append(e.Method == EffectMethod.Naive ? "<tr class=\"naive\">" : "<tr>")
                .Append("<td>").Append(E(Labels.Method(e.Method))).Append("</td><td title=\"").Append(E(Labels.Estimand(e.Estimand))).Append("\">")
                .Append(E(Labels.EstimandShort(e.Estimand)))
                .Append("</td><td class=\"num\">").Append(Value(e.Estimate, binary, decimals))
                .Append("</td><td class=\"num\">").Append(E(interval))
                .Append("</td><td class=\"num\">").Append(Value(e.StdError, binary, decimals + 1))
                .Append("</td><td class=\"num\">").Append(MerchantWording.Count(e.N))
                .Append(Inv($"<div class=\"muted small\">{MerchantWording.Count(e.NTreated)} treated / {MerchantWording.Count(e.NControl)} control</div>")).Append("</td>");
            if (result.Truth is { } truth)
            {
                double target = e.Estimand == Estimand.Att ? truth.Att : truth.Ate;
                html.Append(e.Covers(target) ? "<td class=\"ok\">Yes</td>" : "<td class=\"bad\">No</td>");
            }

            html.Append("<td class=\"details\">");
            if (e.Diagnostics.Count > 0)
            {
                html.Append("<span class=\"muted\">")
                    .AppendJoin(", ", e.Diagnostics.OrderBy(p => p.Key, StringComparer.Ordinal)
                        .Select(p => E(p.Key) + " = " + E(MerchantWording.Number(p.Value, DiagnosticDecimals(p.Value)))))
                    .Append("</span>");
            }

            foreach (string warning in e.Warnings)
            {
                html.Append("<div class=\"cell-warning\">").Append(E(warning)).Append("</div>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendInstrumentalVariables(StringBuilder html, AnalysisResult result)
    {
        if (result.InstrumentalVariables is not { } iv)
        {
            return;
        }

        html.Append("<section id=\"instrumental-variables\">\n<h2>Instrumental variables</h2>\n<p class=\"lead\">").Append(E(IvReport.StudySentence(iv))).Append("</p>\n");
        if (iv.Warnings.Count > 0)
        {
            html.Append("<ul class=\"warnings\">\n");
            foreach (string w in iv.Warnings)
            {
                html.Append("<li>").Append(E(w)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<table class=\"kv\">\n");
        foreach ((string k, string v) in IvReport.DesignRows(iv.Design))
        {
            html.Append("<tr><th>").Append(E(k)).Append("</th><td>").Append(E(v)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        IvReport.AppendHtmlEstimates(html, iv);
        html.Append("</section>\n");
    }

    private static void AppendWhoResponds(StringBuilder html, AnalysisResult result)
    {
        if (result.Heterogeneity is not { } h)
        {
            return;
        }

        bool binary = result.Association.OutcomeIsBinary;
        html.Append("<section id=\"who-responds\">\n<h2>Who responds</h2>\n<ul class=\"lead\">\n");
        foreach (string sentence in WhoRespondsWording.Sentences(h, binary))
        {
            html.Append("<li>").Append(E(sentence)).Append("</li>\n");
        }

        html.Append("</ul>\n");
        int rows = h.LearnedGroups.Count + h.Segments.Count;
        html.Append(Inv($"<div id=\"chart-who-responds\" class=\"chart\" style=\"height:{100 + (36 * rows)}px\" role=\"img\" aria-label=\"Effect by predicted response group and by segment\"></div>\n"));
        if (h.Segments.Count > 0)
        {
            html.Append("<h3>By your segments of '").Append(E(h.SegmentColumn ?? "segment")).Append("'</h3>\n");
            AppendGroups(html, "who-segments", "Segment", h.Segments.Select(g => (g.Label, g)), h.ConfidenceLevel, binary);
        }

        html.Append("<h3>By predicted response</h3>\n");
        AppendGroups(html, "who-groups", "Group", h.LearnedGroups.Select((g, i) => (WhoRespondsWording.GroupLabel(i, h.LearnedGroups.Count), g)), h.ConfidenceLevel, binary);
        html.Append("<p>Highest minus lowest group: ")
            .Append(E(WhoRespondsWording.EffectWithInterval(h.TopMinusBottom.Estimate, h.TopMinusBottom.CiLower, h.TopMinusBottom.CiUpper, h.ConfidenceLevel, binary)))
            .Append(".</p>\n<h3>How the effect moves with each covariate (best linear projection)</h3>\n")
            .Append("<table id=\"who-projection\">\n<thead><tr><th>Term</th><th class=\"num\">").Append(binary ? "Coefficient (pp)" : "Coefficient")
            .Append("</th><th class=\"num\">Interval</th><th class=\"num\">p-value</th></tr></thead>\n<tbody>\n");
        foreach (ProjectionTerm t in h.Projection)
        {
            html.Append("<tr><td>").Append(E(t.Term)).Append("</td><td class=\"num\">").Append(Value(t.Estimate, binary))
                .Append("</td><td class=\"num\">").Append(E(MerchantWording.Interval(t.CiLower, t.CiUpper, h.ConfidenceLevel, binary)))
                .Append("</td><td class=\"num\">").Append(E(WhoRespondsWording.PValue(t.PValue))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<p class=\"muted small\">").Append(E(h.Basis)).Append("</p>\n</section>\n");
    }

    private static void AppendGroups(StringBuilder html, string id, string heading, IEnumerable<(string Label, GroupEffect Group)> rows, double level, bool binary)
    {
        html.Append("<table id=\"").Append(id).Append("\">\n<thead><tr><th>").Append(heading).Append("</th><th class=\"num\">Units</th><th class=\"num\">")
            .Append(binary ? "Effect (pp)" : "Effect").Append("</th><th class=\"num\">Interval</th></tr></thead>\n<tbody>\n");
        foreach ((string label, GroupEffect g) in rows)
        {
            html.Append("<tr><td>").Append(E(label)).Append("</td><td class=\"num\">").Append(MerchantWording.Count(g.Units))
                .Append("</td><td class=\"num\">").Append(Value(g.Estimate, binary))
                .Append("</td><td class=\"num\">").Append(E(MerchantWording.Interval(g.CiLower, g.CiUpper, level, binary))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendOverlap(StringBuilder html, AnalysisResult result)
    {
        html.Append("<section id=\"overlap\">\n<h2>Overlap: were treated and untreated comparable?</h2>\n");
        if (result.Overlap is not { } o)
        {
            html.Append("<p>No propensity model was fitted, so overlap was not checked.</p>\n</section>\n");
            return;
        }

        string verdict = o.Verdict.ToString().ToLowerInvariant();
        html.Append("<p class=\"verdict-line\"><span class=\"verdict verdict-").Append(verdict).Append("\" id=\"overlap-verdict\">")
            .Append(E(MerchantWording.OverlapLabel(o.Verdict))).Append("</span> ")
            .Append(E(MerchantWording.Overlap(o.Verdict, result.Design.Unit))).Append("</p>\n")
            .Append("<p>").Append(E(o.Message)).Append("</p>\n")
            .Append("<p class=\"lead\">A propensity score is a unit's estimated chance of being treated, given its history before time zero. The bars show the share of each arm in each band: treated above the axis, untreated below. Shaded bands are extreme (below ")
            .Append(E(MerchantWording.Threshold(o.ExtremeThreshold))).Append(" or above ")
            .Append(E(MerchantWording.Threshold(1 - o.ExtremeThreshold))).Append("); where only one arm has bars, there is nobody to compare with.</p>\n")
            .Append("<div id=\"chart-overlap\" class=\"chart\" style=\"height:340px\" role=\"img\" aria-label=\"Propensity score histograms, treated above and untreated below\"></div>\n")
            .Append("<table class=\"kv\" id=\"overlap-table\">\n");
        Row(html, "Propensity range, treated", Num(Inv($"{MerchantWording.Number(o.MinTreated, 3)} to {MerchantWording.Number(o.MaxTreated, 3)}")));
        Row(html, "Propensity range, untreated", Num(Inv($"{MerchantWording.Number(o.MinControl, 3)} to {MerchantWording.Number(o.MaxControl, 3)}")));
        Row(html, "Units with an extreme propensity", Num(E(MerchantWording.Percent(o.ExtremeShare))));
        Row(html, "Effective sample size after weighting, treated", Num(MerchantWording.Number(o.EffectiveSampleSizeTreated, 0)));
        Row(html, "Effective sample size after weighting, untreated", Num(MerchantWording.Number(o.EffectiveSampleSizeControl, 0)));
        html.Append("</table>\n</section>\n");
    }

    private static void AppendBalance(StringBuilder html, AnalysisResult result)
    {
        html.Append("<section id=\"balance\">\n<h2>Balance: did weighting make the groups alike?</h2>\n");
        if (result.Balance is not { } b)
        {
            html.Append("<p>No propensity model was fitted, so balance was not checked.</p>\n</section>\n");
            return;
        }

        bool balanced = b.Covariates.All(c => Math.Abs(c.SmdAfter) <= b.Threshold);
        string threshold = MerchantWording.Threshold(b.Threshold);
        html.Append("<p class=\"verdict-line\"><span class=\"verdict ").Append(balanced ? "verdict-good\">Balanced" : "verdict-weak\">Imbalanced")
            .Append("</span> ").Append(E(MerchantWording.Balance(b))).Append("</p>\n")
            .Append("<p>").Append(E(b.Message)).Append("</p>\n")
            .Append("<p class=\"lead\">Each row is a covariate; the distance from zero is how far apart treated and untreated are, in standard deviations (|standardised mean difference|). Hollow circles are before weighting, filled dots after; dots left of the ")
            .Append(E(threshold)).Append(" line are balanced.</p>\n");
        if (b.Covariates.Count > 0)
        {
            int height = 110 + (26 * b.Covariates.Count);
            html.Append(Inv($"<div id=\"chart-balance\" class=\"chart\" style=\"height:{height}px\" role=\"img\" aria-label=\"Love plot: absolute standardised mean differences before and after weighting\"></div>\n"));
        }

        html.Append("<table id=\"balance-table\">\n<thead><tr><th>Covariate</th><th class=\"num\">Mean, treated</th><th class=\"num\">Mean, untreated</th><th class=\"num\">|SMD| before</th><th class=\"num\">|SMD| after</th><th>After weighting</th></tr></thead>\n<tbody>\n");
        foreach (CovariateBalance c in b.Covariates)
        {
            bool ok = Math.Abs(c.SmdAfter) <= b.Threshold;
            html.Append("<tr><td><code>").Append(E(c.Name)).Append("</code></td><td class=\"num\">").Append(Value(c.MeanTreated, binary: false))
                .Append("</td><td class=\"num\">").Append(Value(c.MeanControl, binary: false))
                .Append("</td><td class=\"num\">").Append(MerchantWording.Number(Math.Abs(c.SmdBefore), 3))
                .Append("</td><td class=\"num\">").Append(MerchantWording.Number(Math.Abs(c.SmdAfter), 3))
                .Append(ok ? "</td><td class=\"ok\">balanced</td></tr>\n" : "</td><td class=\"bad\">imbalanced</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendRefutations(StringBuilder html, AnalysisResult result)
    {
        bool binary = result.Association.OutcomeIsBinary;
        html.Append("<section id=\"refutations\">\n<h2>Refutation tests</h2>\n");
        if (result.Refutations.Count == 0)
        {
            html.Append("<p>No refutation tests were run, so the estimate has not been stress-tested.</p>\n</section>\n");
            return;
        }

        string unit = binary ? " pp" : string.Empty;
        html.Append("<p class=\"lead\">Each test changes the data in a way whose effect on the estimate is known in advance. A sound analysis passes; a failed test means the causal estimate should not be trusted.</p>\n")
            .Append("<table id=\"refutation-table\">\n<thead><tr><th>Test</th><th class=\"num\">Estimate: original → after</th><th>How often by chance</th><th>Verdict</th><th>What it means</th></tr></thead>\n<tbody>\n");
        foreach (Refutation r in result.Refutations)
        {
            int decimals = MerchantWording.DecimalsFor(Math.Max(Math.Abs(MerchantWording.ToDisplay(r.OriginalEstimate, binary)), Math.Abs(MerchantWording.ToDisplay(r.NewEstimateMean, binary))));
            string verdict = r.Verdict.ToString().ToLowerInvariant();
            html.Append("<tr class=\"refutation-").Append(verdict).Append("\"><td><strong>").Append(E(Labels.Refuter(r.Refuter)))
                .Append("</strong> <span class=\"muted\">of ").Append(E(Labels.MethodShort(r.Method))).Append("</span>")
                .Append("<div class=\"muted small\">").Append(E(r.NullHypothesis)).Append("</div>")
                .Append("</td><td class=\"num\">").Append(Value(r.OriginalEstimate, binary, decimals)).Append(" → ")
                .Append(Value(r.NewEstimateMean, binary, decimals)).Append(" ± ").Append(Value(r.NewEstimateStdDev, binary, decimals)).Append(unit)
                .Append(Inv($"<div class=\"muted small\">{MerchantWording.Count(r.Simulations)} simulations</div>"))
                .Append("</td><td>");
            if (r.PValue is { } p && p is >= 0 and <= 1)
            {
                html.Append(E(Capitalise(MerchantWording.PValue(p, Labels.RefuterRuns(r.Refuter)))))
                    .Append(" <span class=\"muted\">(").Append(E(PValueNumber(p))).Append(")</span>");
            }
            else
            {
                html.Append("<span class=\"muted\">no p-value for this test</span>");
            }

            html.Append("</td><td><span class=\"verdict verdict-").Append(verdict).Append("\">").Append(E(Labels.Verdict(r.Verdict)))
                .Append("</span></td><td>").Append(E(r.Interpretation)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendManifest(StringBuilder html, AnalysisResult result)
    {
        RunManifest m = result.Manifest;
        html.Append("<footer id=\"manifest\">\n<h2>How this was produced</h2>\n<table class=\"kv\">\n");
        Row(html, "Tool", E(m.Tool));
        Row(html, "Created", E(m.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        Row(html, "Seed", m.Seed.ToString(CultureInfo.InvariantCulture));
        Row(html, "Result schema version", E(result.SchemaVersion));
        html.Append("</table>\n");
        if (m.Inputs.Count > 0)
        {
            html.Append("<table id=\"inputs-table\">\n<thead><tr><th>Input</th><th>SHA-256</th></tr></thead>\n<tbody>\n");
            foreach (InputFile input in m.Inputs)
            {
                html.Append("<tr><td><code>").Append(E(input.Path)).Append("</code></td><td><code class=\"hash\">").Append(E(input.Sha256)).Append("</code></td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }
        else
        {
            html.Append("<p>No input files were recorded.</p>\n");
        }

        html.Append("<p class=\"muted small\">Charts drawn with Apache ECharts (Apache License 2.0), embedded in this file. The full result is embedded as JSON in the element <code>#")
            .Append(ResultElementId).Append("</code>.</p>\n</footer>\n");
    }

    /// <summary>A table row of a key-value table; <paramref name="valueHtml"/> is already escaped.</summary>
    private static void Row(StringBuilder html, string label, string valueHtml) =>
        html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(valueHtml).Append("</td></tr>\n");

    private static string Num(string escaped) => "<span class=\"num\">" + escaped + "</span>";

    /// <summary>A number on the outcome's display scale (pp for binary), with decimals from its magnitude unless given.</summary>
    private static string Value(double value, bool binary, int? decimals = null)
    {
        double shown = MerchantWording.ToDisplay(value, binary);
        return E(MerchantWording.Number(shown, decimals ?? MerchantWording.DecimalsFor(Math.Abs(shown))));
    }

    /// <summary>A confidence level as a percentage without needless decimals: "95%", "97.5%".</summary>
    private static string LevelText(double level)
    {
        double percent = Math.Round(level * 100, 1);
        return MerchantWording.Number(percent, percent % 1 == 0 ? 0 : 1) + "%";
    }

    /// <summary>A p-value as a number; below 0.001 as an inequality, since simulations cannot resolve it further.</summary>
    internal static string PValueNumber(double p) =>
        p < 0.001 ? "p < 0.001" : "p = " + MerchantWording.Number(p, 3);

    private static int DiagnosticDecimals(double value) =>
        value == Math.Round(value) && Math.Abs(value) < 1e15 ? 0 : Math.Max(2, MerchantWording.DecimalsFor(Math.Abs(value)));

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
