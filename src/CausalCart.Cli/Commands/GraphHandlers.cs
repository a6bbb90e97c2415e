using System.Globalization;
using CausalCart.Causal.Discovery;
using CausalCart.Causal.Graphs;
using CausalCart.Core.Errors;
using CausalCart.Core.Results;
using CausalCart.Core.Tables;
using CausalCart.Pipeline.Tables;

namespace CausalCart.Cli.Commands;

/// <summary>Handlers of <c>causalcart graph</c> (definitions in <see cref="GraphCommand"/>).</summary>
internal static class GraphHandlers
{
    public static int Check(CliConsole console, string path, string format, bool json)
    {
        var fmt = ParseFormat(format, "--format", allowAuto: true);
        var text = ReadText(path);
        var used = fmt == GraphFormat.Auto ? GraphParser.Detect(text) : fmt;
        var parsed = GraphParser.Parse(text, used);
        var g = parsed.Graph;
        if (json)
        {
            console.WriteJson(new GraphCheckResult(GraphSchema.Version, path, used, parsed.Succeeded, g?.Nodes ?? [], g is null ? [] : Links(g.Edges), parsed.Errors));
        }

        if (!parsed.Succeeded)
        {
            foreach (var e in parsed.Errors)
            {
                console.Info(e.Line > 0 ? $"{path}:{e.Line}: {e.Message}" : $"{path}: {e.Message}");
            }

            console.Info($"error: {path} is not a valid causal graph ({parsed.Errors.Count} problem(s)).");
            return ExitCodes.Usage;
        }

        if (!json)
        {
            int latent = g!.Edges.Count(e => e.Kind == EdgeKind.Bidirected);
            console.Line($"{path}: valid {used.ToString().ToLowerInvariant()} graph, {g.Count} variables, {g.Edges.Count - latent} causal edges, {latent} unmeasured common cause(s).");
        }

        return ExitCodes.Ok;
    }

    public static int Identify(CliConsole console, string path, string format, string treatment, string outcome, string? unobservedText, string? observedText, IReadOnlyList<string> controls, bool json)
    {
        if (unobservedText is not null && observedText is not null)
        {
            throw new CausalCartException(ErrorKind.Usage, "Give --observed or --unobserved, not both.");
        }

        var graph = Load(path, format);
        var unobserved = CommonOptions.SplitList(unobservedText);
        var observed = observedText is null ? null : CommonOptions.SplitList(observedText);
        foreach (var n in unobserved.Concat(observed ?? []))
        {
            if (!graph.Contains(n))
            {
                throw new CausalCartException(ErrorKind.Usage, $"'{n}' (in --observed/--unobserved) is not a node of the graph. Its nodes are: {string.Join(", ", graph.Nodes)}.");
            }
        }

        var measured = observed ?? [.. graph.Nodes.Where(n => !unobserved.Contains(n))];
        var plan = AdjustmentPlanner.Plan(graph, treatment, outcome, measured, controls);
        var latent = AdjustmentPlanner.Latentise(graph, plan.Unobserved);
        var minimal = Identification.MinimalAdjustmentSet(graph, [treatment], [outcome], plan.Unobserved);
        IReadOnlyList<string>? optimal = minimal is not null && !graph.HasLatentConfounders
            && Identification.OptimalAdjustmentSet(graph, [treatment], [outcome]) is { } o && o.All(measured.Contains)
            ? o
            : null;
        var frontDoor = Identification.FindFrontDoorSet(latent, treatment, outcome);
        var instruments = Identification.FindInstruments(latent, treatment, outcome);
        var general = IdAlgorithm.Identify(latent, [treatment], [outcome]);
        var identifiable = plan.Strategy != IdentificationKind.NotIdentifiable;
        var verdict = plan.Verdict;
        if (!identifiable && instruments.Count > 0)
        {
            verdict += $" An instrument ({string.Join(", ", instruments.Select(i => i.Name))}) can still give an estimate under extra (e.g. linear or monotone) assumptions.";
        }

        var result = new GraphIdentifyResult(GraphSchema.Version, path, treatment, outcome, identifiable, plan.Strategy, plan.Estimand, verdict,
            plan.AdjustmentSet, minimal, optimal, frontDoor, instruments, general.Estimand, general.HedgeF, plan.BadControls, plan.Unobserved);
        if (json)
        {
            console.WriteJson(result);
        }
        else
        {
            console.Line(verdict);
            console.Line();
            console.Line($"strategy:           {Name(plan.Strategy)}");
            console.Line($"estimand:           {plan.Estimand ?? "(not identifiable)"}");
            console.Line($"adjustment set:     {Set(plan.AdjustmentSet)}");
            console.Line($"minimal set:        {Set(minimal)}");
            console.Line($"optimal set:        {Set(optimal)}");
            console.Line($"front-door set:     {Set(frontDoor)}");
            console.Line($"instruments:        {(instruments.Count == 0 ? "none" : string.Join("; ", instruments.Select(i => i.Conditioning.Count == 0 ? i.Name : $"{i.Name} given {{{string.Join(", ", i.Conditioning)}}}")))}");
            console.Line($"general ID formula: {general.Estimand ?? "none: " + general.Verdict}");
            if (plan.Unobserved.Count > 0)
            {
                console.Line($"unmeasured:         {string.Join(", ", plan.Unobserved)}");
            }

            foreach (var b in plan.BadControls)
            {
                console.Warn(b.Reason);
            }

            foreach (var n in plan.NotInGraph)
            {
                console.Warn($"control '{n}' is not in the graph; the graph says nothing about it.");
            }
        }

        return identifiable ? ExitCodes.Ok : ExitCodes.NotIdentifiable;
    }

    internal sealed record DiscoverRequest(
        string Data, string Method, string Test, double Alpha, int Bins, string? Columns, string? Exclude, string? Tiers, string? TimeOrder,
        string? Required, string? Forbidden, int Bootstrap, int Seed, string? Output, string To, bool Json);

    public static int Discover(CliConsole console, DiscoverRequest r)
    {
        if (r.Bootstrap < 0)
        {
            throw new CausalCartException(ErrorKind.Usage, $"--bootstrap {r.Bootstrap} must be 0 or more.");
        }

        if (r.Tiers is not null && r.TimeOrder is not null)
        {
            throw new CausalCartException(ErrorKind.Usage, "Give --tiers or --time-order, not both.");
        }

        var outFormat = r.Output is { } outPath ? FormatFromExtension(outPath) : ParseFormat(r.To, "--to", allowAuto: false);
        var (data, dropped) = ReadTable(console, r.Data, CommonOptions.SplitList(r.Columns), CommonOptions.SplitList(r.Exclude));
        IReadOnlyList<IReadOnlyList<string>> tiers = r.Tiers is { } t
            ? [.. t.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(g => (IReadOnlyList<string>)CommonOptions.SplitList(g))]
            : [];
        if (r.TimeOrder is { } order)
        {
            var roles = CommonOptions.SplitList(order);
            if (roles.Count != 2)
            {
                throw new CausalCartException(ErrorKind.Usage, $"--time-order '{order}' must name two columns: TREATMENT,OUTCOME.");
            }

            tiers = TemporalTiers.ForUnitTable(data.Names, roles[0], roles[1]);
        }

        var knowledge = new BackgroundKnowledge(Edges(r.Required, "--required"), Edges(r.Forbidden, "--forbidden"), tiers);
        foreach (var name in knowledge.Required.Concat(knowledge.Forbidden).SelectMany(e => new[] { e.From, e.To }).Concat(tiers.SelectMany(x => x)))
        {
            if (!data.Names.Contains(name))
            {
                throw new CausalCartException(ErrorKind.Usage, $"Background knowledge names '{name}', which is not a column used for discovery. Columns are: {string.Join(", ", data.Names)}.");
            }
        }

        bool hasKnowledge = knowledge.Required.Count + knowledge.Forbidden.Count + tiers.Count > 0;
        var test = r.Test.Trim().ToLowerInvariant() switch
        {
            "fisher-z" or "fisherz" or "fisher_z" => IndependenceTest.FisherZ,
            "g2" or "g-square" or "gsquare" => IndependenceTest.GSquare,
            "cmi" => IndependenceTest.ConditionalMutualInformation,
            _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown --test '{r.Test}'. Valid tests: fisher-z, g2, cmi."),
        };
        DiscoveredGraph found;
        switch (r.Method.Trim().ToLowerInvariant())
        {
            case "pc":
                found = PcAlgorithm.Fit(data, new PcOptions(r.Alpha, null, knowledge, r.Bootstrap, r.Seed, test, r.Bins));
                break;
            case "lingam" or "directlingam":
                found = DirectLingam.Fit(data, new LingamOptions(r.Alpha, knowledge, r.Bootstrap, r.Seed));
                break;
            case "ges":
                if (hasKnowledge)
                {
                    console.Warn("GES uses background knowledge only to orient edges the data leave undirected; it does not restrict the search.");
                }

                found = Ges.Fit(data, 1, knowledge);
                found = r.Bootstrap > 0 ? DiscoveryBootstrap.WithConfidence(found, data, d => Ges.Fit(d, 1, knowledge), r.Bootstrap, r.Seed) : found;
                break;
            case "notears":
                var no = new NotearsOptions(Knowledge: knowledge);
                found = Notears.Fit(data, no);
                found = r.Bootstrap > 0 ? DiscoveryBootstrap.WithConfidence(found, data, d => Notears.Fit(d, no), r.Bootstrap, r.Seed) : found;
                break;
            default:
                throw new CausalCartException(ErrorKind.Usage, $"Unknown --method '{r.Method}'. Valid methods: pc, ges, notears, lingam.");
        }

        var header = new List<string>
        {
            $"Discovered by causalcart graph discover from {Path.GetFileName(r.Data)} ({data.Rows:N0} rows): {found.Method}.",
            found.Verdict,
        };
        if (found.UndirectedEdges.Count > 0)
        {
            header.Add("Edges written 'a -- b' (or '---') have no direction yet: replace each with a -> b or b -> a before using this graph.");
        }

        if (found.Edges.Any(e => e.Confidence is not null))
        {
            header.Add("Labels / comments are bootstrap confidences: the share of resampled tables in which the edge was found.");
        }

        var text = GraphWriter.Write(found.Nodes, found.Edges, outFormat, header);
        var links = Links(found.Edges.Where(e => e.Kind != EdgeKind.Undirected));
        var undirected = found.UndirectedEdges.Select(e => new GraphLink(e.From, e.To, false, e.Confidence)).ToList();
        if (r.Output is { } file)
        {
            File.WriteAllText(file, text);
            console.Info($"graph written to {file}");
        }

        if (r.Json)
        {
            console.WriteJson(new GraphDiscoverResult(GraphSchema.Version, r.Data, data.Rows, dropped, found.Method, found.Nodes, links, undirected, tiers, found.Verdict, text));
        }
        else if (r.Output is null)
        {
            console.Output.Write(text);
        }

        console.Info(found.Verdict);
        return ExitCodes.Ok;
    }

    public static int Render(CliConsole console, string path, string format, string to, IReadOnlyList<string> highlight, string? output)
    {
        var graph = Load(path, format);
        foreach (var h in highlight.Where(h => !graph.Contains(h)))
        {
            throw new CausalCartException(ErrorKind.Usage, $"--highlight '{h}' is not a node of the graph. Its nodes are: {string.Join(", ", graph.Nodes)}.");
        }

        string text = to.Trim().ToLowerInvariant() == "svg"
            ? GraphSvgRenderer.Render(graph, highlight) + "\n"
            : GraphWriter.Write(graph, ParseFormat(to, "--to", allowAuto: false));
        if (output is not null)
        {
            File.WriteAllText(output, text);
            console.Info($"written to {output}");
        }
        else
        {
            console.Output.Write(text);
        }

        return ExitCodes.Ok;
    }

    private static string ReadText(string path) => File.Exists(path)
        ? File.ReadAllText(path)
        : throw new CausalCartException(ErrorKind.Usage, $"Graph file '{path}' does not exist.");

    private static CausalGraph Load(string path, string format)
    {
        var parsed = GraphParser.Parse(ReadText(path), ParseFormat(format, "--format", allowAuto: true));
        return parsed.Graph ?? throw new CausalCartException(ErrorKind.Usage,
            $"{path} is not a valid causal graph:" + Environment.NewLine + string.Join(Environment.NewLine, parsed.Errors.Select(e => e.Line > 0 ? $"  {path}:{e.Line}: {e.Message}" : $"  {path}: {e.Message}")));
    }

    private static GraphFormat ParseFormat(string text, string option, bool allowAuto) => text.Trim().ToLowerInvariant() switch
    {
        "auto" when allowAuto => GraphFormat.Auto,
        "dot" or "gv" => GraphFormat.Dot,
        "mermaid" or "mmd" => GraphFormat.Mermaid,
        "yaml" or "yml" => GraphFormat.Yaml,
        _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown {option} '{text}'. Valid: {(allowAuto ? "auto, " : string.Empty)}dot, mermaid, yaml{(option == "--to" ? " (render also: svg)" : string.Empty)}."),
    };

    private static GraphFormat FormatFromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".dot" or ".gv" => GraphFormat.Dot,
        ".mmd" or ".mermaid" or ".md" => GraphFormat.Mermaid,
        ".yaml" or ".yml" => GraphFormat.Yaml,
        _ => throw new CausalCartException(ErrorKind.Usage, $"--out '{path}' must end in .dot, .gv, .mmd, .yaml or .yml."),
    };

    private static List<(string From, string To)> Edges(string? text, string option) => [.. CommonOptions.SplitList(text).Select(e =>
    {
        var parts = e.Split("->", StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0
            ? (parts[0], parts[1])
            : throw new CausalCartException(ErrorKind.Usage, $"{option} edge '{e}' must be written 'cause->effect'.");
    })];

    private static List<GraphLink> Links(IEnumerable<GraphEdge> edges) =>
        [.. edges.Select(e => new GraphLink(e.From, e.To, e.Kind == EdgeKind.Bidirected, e.Confidence))];

    private static string Set(IReadOnlyList<string>? set) => set is null ? "none" : set.Count == 0 ? "{} (no adjustment needed)" : "{" + string.Join(", ", set) + "}";

    private static string Name(IdentificationKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    private static (DiscoveryData Data, int Dropped) ReadTable(CliConsole console, string path, List<string> columns, List<string> exclude)
    {
        var table = UnitTableCsv.Read(path);
        foreach (var c in columns.Concat(exclude).Where(c => !table.Contains(c)))
        {
            throw new CausalCartException(ErrorKind.Usage, $"Column '{c}' is not in {path}. Columns are: {string.Join(", ", table.Columns.Select(x => x.Name))}.");
        }

        var chosen = (columns.Count > 0 ? columns.Select(c => table[c]) : table.Columns).Where(c => !exclude.Contains(c.Name)).ToList();
        var names = new List<string>();
        var values = new List<double[]>();
        foreach (var col in chosen)
        {
            switch (col)
            {
                case NumericColumn num:
                    names.Add(col.Name);
                    values.Add(num.Values.ToArray());
                    break;
                case CategoricalColumn cat when cat.Levels.Count == 2:
                    names.Add(col.Name);
                    values.Add([.. cat.Codes.ToArray().Select(v => v < 0 ? double.NaN : v)]);
                    console.Info(string.Create(CultureInfo.InvariantCulture, $"column '{col.Name}': '{cat.Levels[1]}' coded 1, '{cat.Levels[0]}' coded 0"));
                    break;
                default:
                    if (columns.Contains(col.Name))
                    {
                        throw new CausalCartException(ErrorKind.Usage, $"Column '{col.Name}' is text with more than two values; discovery needs numeric columns. Encode it, or leave it out.");
                    }

                    console.Info($"column '{col.Name}' left out: text with more than two values");
                    break;
            }
        }

        int n = table.RowCount;
        var keep = Enumerable.Range(0, n).Where(i => values.All(v => !double.IsNaN(v[i]))).ToArray();
        if (keep.Length < n)
        {
            console.Info($"{n - keep.Length:N0} of {n:N0} rows dropped for a missing value");
            values = [.. values.Select(v => keep.Select(i => v[i]).ToArray())];
        }

        try
        {
            return (new DiscoveryData(names, values), n - keep.Length);
        }
        catch (ArgumentException e)
        {
            throw new CausalCartException(ErrorKind.Usage, $"{path}: {e.Message}", e);
        }
    }
}
