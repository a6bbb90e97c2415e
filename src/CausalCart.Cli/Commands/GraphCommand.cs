using System.CommandLine;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart graph</c>: causal graphs written by hand or discovered from data (definitions; handlers in <see cref="GraphHandlers"/>).</summary>
internal static class GraphCommand
{
    public static Command Create(CliConsole console) => new("graph", """
        Causal graphs: check one you wrote, ask how an effect is identified, discover one from a table, or draw it.
        Graphs are DOT (digraph G { a -> b; u -> {a b}; a -> b [dir=both] }), Mermaid (graph TD; a --> b; a <-.-> b)
        or a YAML edge list (edges: [a -> b, a <-> b]); '<->' / dir=both marks an unmeasured common cause.

        Examples:
          causalcart graph check causes.dot
          causalcart graph identify causes.dot --treatment coupon --outcome bought
          causalcart graph discover --data units.csv --method pc --tiers "age,segment;coupon;bought" --bootstrap 50 --out found.dot
          causalcart graph render causes.dot --out causes.svg
        """)
    {
        Check(console),
        Identify(console),
        Discover(console),
        Render(console),
    };

    private static Argument<string> GraphFile() => new("graph") { Description = "The graph file (DOT, Mermaid or YAML)." };

    private static Option<string> Format(string name, string defaultValue, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
    };

    private static Command Check(CliConsole console)
    {
        var file = GraphFile();
        var format = Format("--format", "auto", "auto (detect), dot, mermaid or yaml.");
        var json = CommonOptions.Json();
        var command = new Command("check", """
            Reads and validates a graph: syntax, self-loops, undirected edges, undeclared nodes (YAML with nodes:) and
            cycles, each error with its line as FILE:LINE: message on stderr. Exit code 0 when valid, 2 when not.

            Examples:
              causalcart graph check causes.dot
              causalcart graph check causes.mmd --format mermaid --json
            """)
        {
            file, format, json,
        };
        command.SetAction(parse => GraphHandlers.Check(console, parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(json)));
        return command;
    }

    private static Command Identify(CliConsole console)
    {
        var file = GraphFile();
        var format = Format("--format", "auto", "auto (detect), dot, mermaid or yaml.");
        var treatment = new Option<string>("--treatment") { Description = "The treatment node.", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "The outcome node.", Required = true };
        var unobserved = new Option<string?>("--unobserved") { Description = "Comma-separated nodes with no data (never adjusted for)." };
        var observed = new Option<string?>("--observed") { Description = "Comma-separated nodes with data; every other node is unmeasured (instead of --unobserved)." };
        var controls = new Option<string?>("--controls") { Description = "Comma-separated controls you intend to adjust for: each is checked for being a mediator, collider or descendant of the treatment." };
        var json = CommonOptions.Json();
        var command = new Command("identify", """
            Says whether and how the effect of --treatment on --outcome can be estimated under the graph: an adjustment
            set (minimal and efficiency-optimal), the front-door formula, instruments, or the general ID formula for
            graphs with unmeasured confounders; otherwise "not identifiable" with the reason (a hedge). With --controls,
            names any requested control that is a mediator, a collider or a descendant of the treatment.
            Exit code 0 when identifiable, 4 when not, 2 for a bad graph or unknown node.

            Examples:
              causalcart graph identify causes.dot --treatment coupon --outcome bought
              causalcart graph identify causes.dot --treatment coupon --outcome bought --controls visits,returned --json
              causalcart graph identify causes.dot --treatment coupon --outcome bought --unobserved mood
            """)
        {
            file, format, treatment, outcome, unobserved, observed, controls, json,
        };
        command.SetAction(parse => GraphHandlers.Identify(
            console,
            parse.GetValue(file)!,
            parse.GetValue(format)!,
            parse.GetValue(treatment)!,
            parse.GetValue(outcome)!,
            parse.GetValue(unobserved),
            parse.GetValue(observed),
            CommonOptions.SplitList(parse.GetValue(controls)),
            parse.GetValue(json)));
        return command;
    }

    private static Command Discover(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "A numeric table: CSV with a header (two-valued text columns become 0/1; other text columns are left out).", Required = true };
        var method = Format("--method", "pc", "pc, ges, notears or lingam.");
        var test = Format("--test", "fisher-z", "PC's independence test: fisher-z (linear-Gaussian), g2 (discrete 0,1,2,… codes) or cmi (conditional mutual information on binned columns, for nonlinear relations).");
        var alpha = new Option<double>("--alpha") { Description = "Significance level of PC's tests and LiNGAM's edge pruning.", DefaultValueFactory = _ => 0.01 };
        var bins = new Option<int>("--bins") { Description = "Bins per continuous column for --test cmi.", DefaultValueFactory = _ => 4 };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to use (default: every usable column)." };
        var exclude = new Option<string?>("--exclude") { Description = "Comma-separated columns to leave out (e.g. ids)." };
        var tiers = new Option<string?>("--tiers") { Description = "Temporal tiers, earliest first: groups separated by ';', columns by ','. A later tier never causes an earlier one." };
        var studyOrder = new Option<string?>("--time-order") { Description = "TREATMENT,OUTCOME: tiers from a study's event order: every other column (measured before time zero), then the treatment, then the outcome." };
        var required = new Option<string?>("--required") { Description = "Comma-separated edges that must appear, e.g. 'a->b,c->d'." };
        var forbidden = new Option<string?>("--forbidden") { Description = "Comma-separated edges that must not appear, e.g. 'b->a'." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for edge confidences (0: none).", DefaultValueFactory = _ => 0 };
        var seed = CommonOptions.Seed();
        var output = new Option<string?>("--out") { Description = "Write the graph to this file (format from its extension: .dot/.gv, .mmd/.md, .yaml/.yml) instead of stdout." };
        var to = Format("--to", "dot", "Graph format on stdout: dot, mermaid or yaml.");
        var json = CommonOptions.Json();
        var command = new Command("discover", """
            Learns a causal graph from a table with PC-stable, GES, NOTEARS or DirectLiNGAM, using what you know
            (temporal tiers, required and forbidden edges), and writes it as DOT, Mermaid or YAML ready to edit and
            to feed back to 'graph identify' or a study's graph: key. With --bootstrap B, every edge carries the share
            of B resampled tables in which it was found. Edges whose direction the data cannot tell are written
            undirected ('a -- b'): 'graph check' then points at each until you orient it.

            Examples:
              causalcart graph discover --data units.csv --method pc --time-order coupon,bought --bootstrap 50 --out found.dot
              causalcart graph discover --data units.csv --method lingam --tiers "age;visits,carts;bought" --to yaml
              causalcart graph discover --data units.csv --method pc --test cmi --exclude user --json
            """)
        {
            data, method, test, alpha, bins, columns, exclude, tiers, studyOrder, required, forbidden, bootstrap, seed, output, to, json,
        };
        command.SetAction(parse => GraphHandlers.Discover(console, new GraphHandlers.DiscoverRequest(
            parse.GetValue(data)!,
            parse.GetValue(method)!,
            parse.GetValue(test)!,
            parse.GetValue(alpha),
            parse.GetValue(bins),
            parse.GetValue(columns),
            parse.GetValue(exclude),
            parse.GetValue(tiers),
            parse.GetValue(studyOrder),
            parse.GetValue(required),
            parse.GetValue(forbidden),
            parse.GetValue(bootstrap),
            parse.GetValue(seed),
            parse.GetValue(output),
            parse.GetValue(to)!,
            parse.GetValue(json))));
        return command;
    }

    private static Command Render(CliConsole console)
    {
        var file = GraphFile();
        var format = Format("--format", "auto", "Input format: auto (detect), dot, mermaid or yaml.");
        var to = Format("--to", "svg", "Output: svg (self-contained, no scripts), dot, mermaid or yaml.");
        var highlight = new Option<string?>("--highlight") { Description = "Comma-separated nodes drawn in bold (e.g. treatment and outcome)." };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout." };
        var command = new Command("render", """
            Draws a graph as SVG (causes above effects, unmeasured common causes as dashed arcs), or converts it between
            DOT, Mermaid and YAML. Graphviz is not needed.

            Examples:
              causalcart graph render causes.dot --out causes.svg --highlight coupon,bought
              causalcart graph render causes.mmd --to dot > causes.dot
            """)
        {
            file, format, to, highlight, output,
        };
        command.SetAction(parse => GraphHandlers.Render(console, parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(to)!,
            CommonOptions.SplitList(parse.GetValue(highlight)), parse.GetValue(output)));
        return command;
    }
}
