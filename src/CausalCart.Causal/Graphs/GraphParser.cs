using System.Text;
using System.Text.RegularExpressions;

namespace CausalCart.Causal.Graphs;

/// <summary>
/// Reads causal graphs written as DOT, Mermaid or a YAML edge list (see <see cref="GraphFormat"/> for the
/// accepted subsets) and validates them: self-loops, undirected edges, edges naming undeclared nodes
/// (YAML with a <c>nodes:</c> list) and directed cycles are reported with the line of each offending edge.
/// Pure and thread-safe.
/// </summary>
public static partial class GraphParser
{
    /// <summary>Parses graph text. Never throws on bad text: problems come back in <see cref="GraphParseResult.Errors"/>.</summary>
    /// <param name="text">The graph text.</param>
    /// <param name="format">The format, or <see cref="GraphFormat.Auto"/> to detect it.</param>
    public static GraphParseResult Parse(string text, GraphFormat format = GraphFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (format == GraphFormat.Auto)
        {
            format = Detect(text);
        }

        var b = new Builder();
        switch (format)
        {
            case GraphFormat.Dot:
                ParseDot(text, b);
                break;
            case GraphFormat.Mermaid:
                ParseMermaid(text, b);
                break;
            default:
                ParseYaml(text, b);
                break;
        }

        return b.Finish();
    }

    /// <summary>Detects the format from the first meaningful line; YAML when nothing else matches.</summary>
    public static GraphFormat Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n'))
        {
            var l = raw.Trim();
            if (l.Length == 0 || l.StartsWith("//", StringComparison.Ordinal) || l.StartsWith('#') || l.StartsWith("%%", StringComparison.Ordinal))
            {
                continue;
            }

            if (DotHeader().IsMatch(l))
            {
                return GraphFormat.Dot;
            }

            if (MermaidHeader().IsMatch(l))
            {
                return GraphFormat.Mermaid;
            }

            return GraphFormat.Yaml;
        }

        return GraphFormat.Yaml;
    }

    private sealed class Builder
    {
        public List<(string Name, int Line)> Nodes { get; } = [];

        public List<(GraphEdge Edge, int Line)> Edges { get; } = [];

        public List<GraphParseError> Errors { get; } = [];

        public HashSet<string>? Declared { get; set; }

        public void Edge(string a, string b, EdgeKind kind, int line)
        {
            if (a == b)
            {
                Errors.Add(new(line, $"self-loop '{a}' -> '{a}': a variable cannot cause itself."));
                return;
            }

            if (kind == EdgeKind.Undirected)
            {
                Errors.Add(new(line, $"edge '{a}' — '{b}' has no direction; write '{a} -> {b}' for a cause or '{a} <-> {b}' for a latent common cause."));
                return;
            }

            Edges.Add((new GraphEdge(a, b, kind), line));
        }

        public GraphParseResult Finish()
        {
            if (Declared is not null)
            {
                foreach (var (e, line) in Edges)
                {
                    foreach (var n in new[] { e.From, e.To })
                    {
                        if (!Declared.Contains(n))
                        {
                            Errors.Add(new(line, $"unknown node '{n}' in edge '{e}'; declared nodes are: {string.Join(", ", Declared.Order(StringComparer.Ordinal))}."));
                        }
                    }
                }
            }

            if (Errors.Count == 0)
            {
                var names = new List<string>();
                var idx = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var n in Nodes.Select(x => x.Name).Concat(Edges.SelectMany(x => new[] { x.Edge.From, x.Edge.To })))
                {
                    if (idx.TryAdd(n, names.Count))
                    {
                        names.Add(n);
                    }
                }

                var ch = new List<int>[names.Count];
                for (int i = 0; i < ch.Length; i++)
                {
                    ch[i] = [];
                }

                var lineOf = new Dictionary<(int, int), int>();
                foreach (var (e, line) in Edges.Where(x => x.Edge.Kind == EdgeKind.Directed))
                {
                    int a = idx[e.From], c = idx[e.To];
                    ch[a].Add(c);
                    lineOf.TryAdd((a, c), line);
                }

                var cycle = CausalGraph.FindCycle([.. ch.Select(l => l.ToArray())]);
                if (cycle is not null)
                {
                    var sb = new StringBuilder(names[cycle[0]]);
                    for (int k = 1; k < cycle.Length; k++)
                    {
                        sb.Append(" -> ").Append(names[cycle[k]]).Append(" (line ").Append(lineOf[(cycle[k - 1], cycle[k])]).Append(')');
                    }

                    Errors.Add(new(lineOf[(cycle[0], cycle[1])], $"directed cycle {sb}; a causal graph must be acyclic — remove or reverse one of these edges."));
                }
            }

            if (Errors.Count > 0)
            {
                return new GraphParseResult(null, [.. Errors.OrderBy(e => e.Line)]);
            }

            return new GraphParseResult(CausalGraph.Create(Nodes.Select(n => n.Name), Edges.Select(e => e.Edge)), []);
        }
    }

    // ---------------- DOT ----------------
    private static void ParseDot(string text, Builder b)
    {
        var toks = DotTokens(text, b);
        int i = 0;
        while (i < toks.Count && toks[i].Text != "{")
        {
            i++;
        }

        if (i == toks.Count)
        {
            b.Errors.Add(new(1, "DOT text must start with 'digraph Name {' and end with '}'."));
            return;
        }

        bool undirectedGraph = toks.Take(i).Any(t => t.Text.Equals("graph", StringComparison.OrdinalIgnoreCase));
        i++;
        while (i < toks.Count)
        {
            if (!toks[i].Quoted && toks[i].Text == "}")
            {
                i++; // end of the graph body
                continue;
            }

            // One statement: up to ';', the closing '}', or a line break that cannot continue it.
            var stmt = new List<(string Text, int Line, bool Quoted)>();
            while (i < toks.Count)
            {
                var t = toks[i];
                if (!t.Quoted && t.Text == ";")
                {
                    i++;
                    break;
                }

                if (!t.Quoted && t.Text == "}" && OpenBraces(stmt) == 0)
                {
                    break;
                }

                if (stmt.Count > 0 && t.Line != stmt[^1].Line && OpenBraces(stmt) == 0 && OpenBrackets(stmt) == 0
                    && !(IsDotOp(stmt[^1].Text) && !stmt[^1].Quoted) && !(IsDotOp(t.Text) && !t.Quoted) && t.Text != "[")
                {
                    break;
                }

                stmt.Add(t);
                i++;
            }

            if (stmt.Count > 0)
            {
                DotStatement(stmt, undirectedGraph, b);
            }
        }
    }

    private static int OpenBrackets(List<(string Text, int Line, bool Quoted)> s) =>
        s.Count(t => !t.Quoted && t.Text == "[") - s.Count(t => !t.Quoted && t.Text == "]");

    private static int OpenBraces(List<(string Text, int Line, bool Quoted)> s) =>
        s.Count(t => !t.Quoted && t.Text == "{") - s.Count(t => !t.Quoted && t.Text == "}");

    private static bool IsDotOp(string t) => t is "->" or "--" or "<->" or "{" or ",";

    private static void DotStatement(List<(string Text, int Line, bool Quoted)> s, bool undirectedGraph, Builder b)
    {
        int line = s[0].Line;
        string first = s[0].Text;
        if (!s[0].Quoted && (first is "node" or "edge" or "graph" or "subgraph" || (s.Count >= 2 && s[1].Text == "=")))
        {
            return; // attribute statements and graph settings do not change the causal structure
        }

        // strip and read the attribute list
        string attrs = "";
        int attrAt = s.FindIndex(t => t.Text == "[" && !t.Quoted);
        if (attrAt >= 0)
        {
            attrs = string.Join(" ", s.Skip(attrAt + 1).TakeWhile(t => t.Text != "]").Select(t => t.Text));
            s = s.Take(attrAt).ToList();
        }

        bool both = DotBoth().IsMatch(attrs);
        var groups = new List<List<string>>();
        var ops = new List<string>();
        var current = new List<string>();
        bool inBrace = false;
        foreach (var t in s)
        {
            if (!t.Quoted && t.Text == "{")
            {
                inBrace = true;
            }
            else if (!t.Quoted && t.Text == "}")
            {
                inBrace = false;
            }
            else if (!t.Quoted && (t.Text is "->" or "--" or "<->"))
            {
                if (inBrace || current.Count == 0)
                {
                    b.Errors.Add(new(t.Line, $"'{t.Text}' needs a node on each side."));
                    return;
                }

                groups.Add(current);
                ops.Add(t.Text);
                current = [];
            }
            else if (!t.Quoted && (t.Text == "," || t.Text == ";"))
            {
                continue;
            }
            else if (!t.Quoted && !DotId().IsMatch(t.Text))
            {
                b.Errors.Add(new(t.Line, $"unexpected '{t.Text}'; expected a node name, '->', '{{' or '['."));
                return;
            }
            else
            {
                current.Add(t.Text);
            }
        }

        if (current.Count == 0)
        {
            b.Errors.Add(new(line, "an edge must end with a node name."));
            return;
        }

        groups.Add(current);
        if (ops.Count == 0)
        {
            foreach (var n in current)
            {
                b.Nodes.Add((n, line));
            }

            return;
        }

        for (int k = 0; k < ops.Count; k++)
        {
            var kind = ops[k] switch
            {
                "<->" => EdgeKind.Bidirected,
                "--" when both => EdgeKind.Bidirected,
                "--" => EdgeKind.Undirected,
                _ when both => EdgeKind.Bidirected,
                _ => EdgeKind.Directed,
            };
            if (ops[k] == "->" && undirectedGraph)
            {
                b.Errors.Add(new(line, "'->' inside an undirected 'graph'; write 'digraph' for a causal graph."));
                return;
            }

            foreach (var a in groups[k])
            {
                foreach (var c in groups[k + 1])
                {
                    b.Edge(a, c, kind, line);
                }
            }
        }
    }

    private static List<(string Text, int Line, bool Quoted)> DotTokens(string text, Builder b)
    {
        var toks = new List<(string, int, bool)>();
        int line = 1;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i += 2;
                while (i + 1 < text.Length && !(text[i] == '*' && text[i + 1] == '/'))
                {
                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    i++;
                }

                i += 2;
            }
            else if (c == '"')
            {
                int start = ++i;
                while (i < text.Length && text[i] != '"')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                if (i >= text.Length)
                {
                    b.Errors.Add(new(line, "unterminated quoted name."));
                    return toks;
                }

                toks.Add((text[start..i].Replace("\\\"", "\"", StringComparison.Ordinal), line, true));
                i++;
            }
            else if (text.AsSpan(i).StartsWith("<->"))
            {
                toks.Add(("<->", line, false));
                i += 3;
            }
            else if (text.AsSpan(i).StartsWith("->") || text.AsSpan(i).StartsWith("--"))
            {
                toks.Add((text.Substring(i, 2), line, false));
                i += 2;
            }
            else if (char.IsLetterOrDigit(c) || c == '_' || c == '.')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.'))
                {
                    i++;
                }

                toks.Add((text[start..i], line, false));
            }
            else
            {
                toks.Add((c.ToString(), line, false));
                i++;
            }
        }

        return toks;
    }

    // ---------------- Mermaid ----------------
    private static void ParseMermaid(string text, Builder b)
    {
        var lines = text.Split('\n');
        bool headerSeen = false;
        for (int li = 0; li < lines.Length; li++)
        {
            int line = li + 1;
            string l = lines[li];
            int cmt = l.IndexOf("%%", StringComparison.Ordinal);
            if (cmt >= 0)
            {
                l = l[..cmt];
            }

            l = l.Trim();
            if (l.Length == 0)
            {
                continue;
            }

            if (!headerSeen)
            {
                if (!MermaidHeader().IsMatch(l))
                {
                    b.Errors.Add(new(line, "Mermaid text must start with 'graph TD' (or LR/BT/RL) or 'flowchart TD'."));
                    return;
                }

                headerSeen = true;
                l = MermaidHeader().Replace(l, "").Trim();
                if (l.Length == 0)
                {
                    continue;
                }
            }

            foreach (var stmt in l.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                MermaidStatement(stmt, line, b);
            }
        }
    }

    private static void MermaidStatement(string stmt, int line, Builder b)
    {
        string keyword = stmt.Split(' ', 2)[0];
        if (keyword is "subgraph" or "end" or "classDef" or "class" or "style" or "linkStyle" or "click" or "direction")
        {
            return;
        }

        // Remove node shapes/labels (A[Ad spend], B((x)), C{y}) and edge labels (-->|text|).
        string s = MermaidShape().Replace(stmt, "");
        s = MermaidEdgeLabel().Replace(s, "");
        var parts = MermaidArrow().Split(s);

        // Split keeps captured arrows at odd positions: node, arrow, node, arrow, node …
        var groups = new List<string[]>();
        var arrows = new List<string>();
        for (int k = 0; k < parts.Length; k++)
        {
            if (k % 2 == 1)
            {
                arrows.Add(parts[k]);
                continue;
            }

            var names = parts[k].Split('&', StringSplitOptions.TrimEntries);
            foreach (var n in names)
            {
                if (!MermaidId().IsMatch(n))
                {
                    b.Errors.Add(new(line, $"cannot read node '{n}' in '{stmt}'; node ids are letters, digits and '_' (labels go in brackets: A[Ad spend]); arrows are '-->', '<-->' or '-.-'."));
                    return;
                }
            }

            groups.Add(names);
        }

        if (arrows.Count == 0)
        {
            foreach (var n in groups[0])
            {
                b.Nodes.Add((n, line));
            }

            return;
        }

        for (int k = 0; k < arrows.Count; k++)
        {
            string a = arrows[k];
            var kind = a switch
            {
                "<-->" or "<==>" or "-.-" or "<-.->" => EdgeKind.Bidirected,
                "---" or "===" => EdgeKind.Undirected,
                _ => EdgeKind.Directed,
            };
            foreach (var x in groups[k])
            {
                foreach (var y in groups[k + 1])
                {
                    b.Edge(x, y, kind, line);
                }
            }
        }
    }

    // ---------------- YAML ----------------
    private static void ParseYaml(string text, Builder b)
    {
        var lines = text.Split('\n');
        string section = "";
        (string? From, string? To, bool Latent, int Line)? pending = null;
        void Flush()
        {
            if (pending is { } p)
            {
                if (p.From is null || p.To is null)
                {
                    b.Errors.Add(new(p.Line, "an edge mapping needs both 'from:' and 'to:'."));
                }
                else
                {
                    b.Edge(p.From, p.To, p.Latent ? EdgeKind.Bidirected : EdgeKind.Directed, p.Line);
                }

                pending = null;
            }
        }

        for (int li = 0; li < lines.Length; li++)
        {
            int line = li + 1;
            string l = StripYamlComment(lines[li]).TrimEnd();
            if (l.Trim().Length == 0 || l.Trim() == "---")
            {
                continue;
            }

            bool indented = char.IsWhiteSpace(l[0]);
            string t = l.Trim();
            if (!indented && !t.StartsWith('-'))
            {
                Flush();
                int colon = t.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    b.Errors.Add(new(line, $"expected 'nodes:' or 'edges:', found '{t}'."));
                    continue;
                }

                section = t[..colon].Trim();
                string rest = t[(colon + 1)..].Trim();
                if (section is not ("nodes" or "edges"))
                {
                    continue; // other keys (name, description) are allowed and ignored
                }

                if (rest.Length > 0)
                {
                    foreach (var item in FlowList(rest, line, b))
                    {
                        YamlItem(section, item, line, b);
                    }
                }

                continue;
            }

            if (section is not ("nodes" or "edges"))
            {
                continue;
            }

            if (t.StartsWith('-'))
            {
                Flush();
                string item = t[1..].Trim();
                var kv = YamlKeyValue().Match(item);
                if (section == "edges" && kv.Success && !item.StartsWith('{'))
                {
                    pending = (null, null, false, line);
                    ApplyKey(ref pending, kv.Groups[1].Value, kv.Groups[2].Value, line, b);
                    continue;
                }

                YamlItem(section, item, line, b);
            }
            else if (pending is not null)
            {
                var kv = YamlKeyValue().Match(t);
                if (kv.Success)
                {
                    ApplyKey(ref pending, kv.Groups[1].Value, kv.Groups[2].Value, line, b);
                }
                else
                {
                    b.Errors.Add(new(line, $"expected 'to: NODE' or 'latent: true', found '{t}'."));
                }
            }
            else
            {
                b.Errors.Add(new(line, $"unexpected indented line '{t}'; list items start with '- '."));
            }
        }

        Flush();
    }

    private static void ApplyKey(ref (string? From, string? To, bool Latent, int Line)? p, string key, string value, int line, Builder b)
    {
        var cur = p!.Value;
        value = Unquote(value.Trim());
        switch (key)
        {
            case "from":
                cur.From = value;
                break;
            case "to":
                cur.To = value;
                break;
            case "latent" or "bidirected":
                cur.Latent = value is "true" or "yes";
                break;
            case "kind" or "type":
                cur.Latent = value is "bidirected" or "latent" or "confounded";
                break;
            default:
                b.Errors.Add(new(line, $"unknown edge key '{key}'; valid keys are from, to, latent."));
                break;
        }

        p = cur;
    }

    private static void YamlItem(string section, string item, int line, Builder b)
    {
        item = item.Trim();
        if (section == "nodes")
        {
            b.Declared ??= new HashSet<string>(StringComparer.Ordinal);
            var n = Unquote(item);
            b.Declared.Add(n);
            b.Nodes.Add((n, line));
            return;
        }

        if (item.StartsWith('['))
        {
            var pair = FlowList(item, line, b);
            if (pair.Count != 2)
            {
                b.Errors.Add(new(line, $"an edge pair needs exactly two nodes, like [A, B]; found '{item}'."));
                return;
            }

            b.Edge(pair[0], pair[1], EdgeKind.Directed, line);
            return;
        }

        if (item.StartsWith('{'))
        {
            (string? From, string? To, bool Latent, int Line)? p = (null, null, false, line);
            foreach (var part in item.Trim('{', '}').Split(','))
            {
                var kv = YamlKeyValue().Match(part.Trim());
                if (!kv.Success)
                {
                    b.Errors.Add(new(line, $"cannot read '{part.Trim()}' in '{item}'; write {{from: A, to: B}}."));
                    return;
                }

                ApplyKey(ref p, kv.Groups[1].Value, kv.Groups[2].Value, line, b);
            }

            if (p!.Value.From is null || p.Value.To is null)
            {
                b.Errors.Add(new(line, "an edge mapping needs both 'from:' and 'to:'."));
                return;
            }

            b.Edge(p.Value.From, p.Value.To, p.Value.Latent ? EdgeKind.Bidirected : EdgeKind.Directed, line);
            return;
        }

        var m = YamlArrow().Match(item);
        if (!m.Success)
        {
            b.Errors.Add(new(line, $"cannot read edge '{item}'; write 'A -> B', 'A <-> B' (latent common cause), [A, B] or {{from: A, to: B}}."));
            return;
        }

        var names = new[] { Unquote(m.Groups[1].Value.Trim()), Unquote(m.Groups[3].Value.Trim()) };
        string op = m.Groups[2].Value;
        var kind = op switch { "<->" => EdgeKind.Bidirected, "--" => EdgeKind.Undirected, _ => EdgeKind.Directed };
        if (op == "<-")
        {
            b.Edge(names[1], names[0], kind, line);
        }
        else
        {
            b.Edge(names[0], names[1], kind, line);
        }
    }

    private static List<string> FlowList(string s, int line, Builder b)
    {
        s = s.Trim();
        if (!s.StartsWith('[') || !s.EndsWith(']'))
        {
            b.Errors.Add(new(line, $"expected a list like [A, B], found '{s}'."));
            return [];
        }

        return [.. s[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Unquote)];
    }

    private static string StripYamlComment(string l)
    {
        bool inQuote = false;
        for (int i = 0; i < l.Length; i++)
        {
            if (l[i] is '"' or '\'')
            {
                inQuote = !inQuote;
            }
            else if (l[i] == '#' && !inQuote && (i == 0 || char.IsWhiteSpace(l[i - 1])))
            {
                return l[..i];
            }
        }

        return l;
    }

    private static string Unquote(string s) => s.Length >= 2 && (s[0] == '"' || s[0] == '\'') && s[^1] == s[0] ? s[1..^1] : s;

    [GeneratedRegex(@"^(strict\s+)?(di)?graph\b[^{]*\{", RegexOptions.IgnoreCase)]
    private static partial Regex DotHeader();

    [GeneratedRegex(@"^(graph|flowchart)\s+(TD|TB|BT|LR|RL)\b\s*;?", RegexOptions.IgnoreCase)]
    private static partial Regex MermaidHeader();

    [GeneratedRegex(@"dir\s*=\s*""?both")]
    private static partial Regex DotBoth();

    [GeneratedRegex(@"^[\p{L}\p{N}_.]+$")]
    private static partial Regex DotId();

    [GeneratedRegex(@"(?<=[\p{L}\p{N}_])(\(\(.*?\)\)|\(\[.*?\]\)|\[\[.*?\]\]|\[.*?\]|\(.*?\)|\{.*?\}|>.*?\])")]
    private static partial Regex MermaidShape();

    [GeneratedRegex(@"\|[^|]*\|")]
    private static partial Regex MermaidEdgeLabel();

    [GeneratedRegex(@"\s*(<-->|<==>|<-\.->|-\.->|-\.-|==>|-->|---|===)\s*")]
    private static partial Regex MermaidArrow();

    [GeneratedRegex(@"^[\p{L}\p{N}_]+$")]
    private static partial Regex MermaidId();

    [GeneratedRegex(@"^(\w+)\s*:\s*(.*)$")]
    private static partial Regex YamlKeyValue();

    [GeneratedRegex(@"^(.+?)\s*(<->|->|<-|--)\s*(.+)$")]
    private static partial Regex YamlArrow();
}
