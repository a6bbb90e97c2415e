using CausalCart.Causal.Graphs;
using CausalCart.Core.Errors;
using CausalCart.Core.Results;
using CausalCart.Features.Study;

namespace CausalCart.Pipeline.Analysis;

/// <summary>
/// The spine's use of a study's causal graph: reads and checks it (errors point at graph lines, and into the spec
/// for an inline graph), plans the adjustment over the unit table's columns, applies the bad-control policy and
/// builds the result's identification section.
/// </summary>
public static class StudyGraphs
{
    /// <summary>Reads the graph of <paramref name="graph"/> (its file or inline text) and checks its treatment and outcome nodes.</summary>
    /// <exception cref="StudySpecException">The file is missing, the text is not a valid graph (every error with its line), or the
    /// treatment or outcome node is not in the graph.</exception>
    public static CausalGraph Load(StudyGraphSpec graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        string text;
        if (graph.File is { } file)
        {
            if (!File.Exists(file))
            {
                throw new StudySpecException([new StudySpecProblem("graph.file", $"'{file}' does not exist.")]);
            }

            text = File.ReadAllText(file);
        }
        else
        {
            text = graph.Text ?? string.Empty;
        }

        var parsed = GraphParser.Parse(text, ToFormat(graph.Format));
        if (!parsed.Succeeded)
        {
            var where = graph.File is { } f ? $"graph '{f}'" : "graph.text";
            throw new StudySpecException([.. parsed.Errors.Select(e => e.Line > 0 && graph.File is null && graph.TextLine is { } start
                ? new StudySpecProblem(where, $"line {e.Line} of the graph: {e.Message}", start + e.Line - 1, 1)
                : new StudySpecProblem(where, e.ToString()))]);
        }

        var g = parsed.Graph!;
        var problems = new List<StudySpecProblem>();
        foreach (var (node, key) in new[] { (graph.TreatmentNode, "graph.treatment"), (graph.OutcomeNode, "graph.outcome") })
        {
            if (!g.Contains(node))
            {
                problems.Add(new StudySpecProblem(key, $"'{node}' is not a node of the graph. Its nodes are: {string.Join(", ", g.Nodes)}. Name the node with '{key}: <node>' or call it '{(key == "graph.treatment" ? "treatment" : "outcome")}' in the graph."));
            }
        }

        return problems.Count > 0 ? throw new StudySpecException(problems) : g;
    }

    /// <summary>
    /// Plans the adjustment: <paramref name="covariates"/> (the unit table's usable covariate columns) are the measured
    /// variables and the requested controls. Graph nodes named like a covariate are measured; the others are unmeasured.
    /// </summary>
    /// <returns>The covariates to adjust for (in the unit table's order), the identification section, and warnings.</returns>
    /// <exception cref="CausalCartException">No valid adjustment set of measured variables exists (not identifiable, exit 4),
    /// or bad controls were requested under <see cref="BadControlPolicy.Refuse"/> (usage, exit 2).</exception>
    public static (IReadOnlyList<string> Controls, GraphIdentification Section, IReadOnlyList<string> Warnings) Plan(
        StudyGraphSpec spec, CausalGraph graph, IReadOnlyList<string> covariates)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(covariates);
        var plan = AdjustmentPlanner.Plan(graph, spec.TreatmentNode, spec.OutcomeNode, covariates, covariates);
        var warnings = new List<string>();
        var requestedBad = plan.BadControls;
        if (requestedBad.Count > 0 && spec.BadControls == BadControlPolicy.Refuse)
        {
            throw new CausalCartException(ErrorKind.Usage,
                $"The study's covariates include {requestedBad.Count} bad control(s) according to the causal graph (graph.bad_controls: refuse): "
                + string.Join(" ", requestedBad.Select(b => b.Reason))
                + " Remove them from the covariates, or set graph.bad_controls: warn to leave them out automatically.");
        }

        warnings.AddRange(requestedBad.Select(b => b.Reason + " It was left out of the adjustment."));
        var set = plan.AdjustmentSet is { } s ? new HashSet<string>(s, StringComparer.Ordinal) : [];
        var controls = covariates.Where(set.Contains).ToList();
        var section = Section(spec.File ?? "inline", graph, plan, [.. covariates.Where(c => !set.Contains(c))]);
        if (plan.AdjustmentSet is null)
        {
            throw new CausalCartException(ErrorKind.NotIdentifiable, plan.Verdict
                + (plan.Strategy is IdentificationKind.FrontDoor or IdentificationKind.GeneralId
                    ? " The study's estimators adjust for covariates and cannot use that formula."
                    : string.Empty));
        }

        if (plan.NotInGraph.Count > 0)
        {
            warnings.Add($"{plan.NotInGraph.Count} covariate(s) are not in the causal graph and were not adjusted for: {string.Join(", ", plan.NotInGraph.Take(12))}{(plan.NotInGraph.Count > 12 ? ", …" : string.Empty)}.");
        }

        return (controls, section, warnings);
    }

    /// <summary>The identification section for a plan.</summary>
    public static GraphIdentification Section(string source, CausalGraph graph, AdjustmentPlan plan, IReadOnlyList<string> leftOut)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(plan);
        return new GraphIdentification(
            source,
            graph.Nodes,
            [.. graph.Edges.Select(e => new GraphLink(e.From, e.To, e.Kind == EdgeKind.Bidirected, e.Confidence))],
            plan.Treatment,
            plan.Outcome,
            plan.Strategy,
            plan.AdjustmentSet,
            plan.Estimand,
            plan.Verdict,
            plan.BadControls,
            plan.Unobserved,
            leftOut);
    }

    /// <summary>The parser's format for a spec format.</summary>
    public static GraphFormat ToFormat(StudyGraphFormat format) => format switch
    {
        StudyGraphFormat.Dot => GraphFormat.Dot,
        StudyGraphFormat.Mermaid => GraphFormat.Mermaid,
        StudyGraphFormat.Yaml => GraphFormat.Yaml,
        _ => GraphFormat.Auto,
    };
}
