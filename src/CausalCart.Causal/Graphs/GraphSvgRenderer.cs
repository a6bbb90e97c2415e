using System.Globalization;
using System.Security;
using System.Text;

namespace CausalCart.Causal.Graphs;

/// <summary>
/// Draws a causal graph as a self-contained SVG string (no scripts, no external references) for the HTML
/// report: causes above effects, directed edges as arrows, latent confounders as dashed curved arcs with
/// arrowheads at both ends, edge confidences (when present) as small labels. Deterministic.
/// </summary>
/// <remarks>
/// Implementation note: a small Sugiyama-style layout. Layers by longest path from the sources (every
/// directed edge points downwards); within layers, nodes are ordered by four down/up sweeps of the
/// barycentre heuristic (Sugiyama, Tagawa &amp; Toda 1981), which removes most crossings in analyst-sized
/// graphs; layers are centred horizontally.
/// </remarks>
public static class GraphSvgRenderer
{
    private const double NodeW = 120, NodeH = 36, GapX = 40, GapY = 80, Margin = 20;

    /// <summary>Renders <paramref name="graph"/>; <paramref name="highlight"/> nodes (e.g. treatment and outcome) are drawn in bold.</summary>
    public static string Render(CausalGraph graph, IEnumerable<string>? highlight = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var bold = highlight is null ? new bool[graph.Count] : graph.Mask(highlight);
        int n = graph.Count;

        // Longest-path layering.
        var layer = new int[n];
        foreach (int v in graph.Topo)
        {
            foreach (int c in graph.Ch[v])
            {
                layer[c] = Math.Max(layer[c], layer[v] + 1);
            }
        }

        int layers = n == 0 ? 0 : layer.Max() + 1;
        var rows = new List<int>[layers];
        for (int l = 0; l < layers; l++)
        {
            rows[l] = [.. graph.Topo.Where(v => layer[v] == l)];
        }

        var pos = new double[n];
        void Number()
        {
            foreach (var r in rows)
            {
                for (int i = 0; i < r.Count; i++)
                {
                    pos[r[i]] = i;
                }
            }
        }

        Number();
        for (int sweep = 0; sweep < 4; sweep++)
        {
            bool down = sweep % 2 == 0;
            for (int k = 1; k < layers; k++)
            {
                var r = rows[down ? k : layers - 1 - k];
                var bary = new Dictionary<int, double>();
                foreach (int v in r)
                {
                    var nb = down ? graph.Pa[v] : graph.Ch[v];
                    bary[v] = nb.Length == 0 ? pos[v] : nb.Average(u => pos[u]);
                }

                var sorted = r.OrderBy(v => bary[v]).ThenBy(v => pos[v]).ToList();
                r.Clear();
                r.AddRange(sorted);
                Number();
            }
        }

        int widest = layers == 0 ? 1 : rows.Max(r => r.Count);
        double width = (2 * Margin) + (widest * NodeW) + ((widest - 1) * GapX);
        double height = (2 * Margin) + (layers * NodeH) + (Math.Max(0, layers - 1) * GapY);
        var cx = new double[n];
        var cy = new double[n];
        for (int l = 0; l < layers; l++)
        {
            double rowW = (rows[l].Count * NodeW) + ((rows[l].Count - 1) * GapX);
            double x0 = ((width - rowW) / 2) + (NodeW / 2);
            for (int i = 0; i < rows[l].Count; i++)
            {
                int v = rows[l][i];
                cx[v] = x0 + (i * (NodeW + GapX));
                cy[v] = Margin + (NodeH / 2) + (l * (NodeH + GapY));
            }
        }

        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"sans-serif\" font-size=\"13\" role=\"img\" aria-label=\"causal graph\">"));
        sb.Append("<defs><marker id=\"cc-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>");
        foreach (var e in graph.Edges)
        {
            int a = graph.IndexOf(e.From), b = graph.IndexOf(e.To);
            var (x1, y1) = Border(cx[a], cy[a], cx[b], cy[b]);
            var (x2, y2) = Border(cx[b], cy[b], cx[a], cy[a]);
            if (e.Kind == EdgeKind.Directed)
            {
                sb.Append(Inv($"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"#333\" stroke-width=\"1.5\" marker-end=\"url(#cc-arrow)\"/>"));
            }
            else
            {
                // A dashed arc bowing to the side so it is not mistaken for a causal arrow.
                double mx = ((x1 + x2) / 2) + ((y2 - y1) * 0.3), my = ((y1 + y2) / 2) - ((x2 - x1) * 0.3) - (y1 == y2 ? 30 : 0);
                sb.Append(Inv($"<path d=\"M{x1:0.#},{y1:0.#} Q{mx:0.#},{my:0.#} {x2:0.#},{y2:0.#}\" fill=\"none\" stroke=\"#b03a2e\" stroke-width=\"1.5\" stroke-dasharray=\"6,4\" marker-start=\"url(#cc-arrow)\" marker-end=\"url(#cc-arrow)\"/>"));
            }

            if (e.Confidence is double conf)
            {
                sb.Append(Inv($"<text x=\"{(x1 + x2) / 2 + 4:0.#}\" y=\"{(y1 + y2) / 2:0.#}\" font-size=\"11\" fill=\"#555\">{conf:0.00}</text>"));
            }
        }

        for (int v = 0; v < n; v++)
        {
            string weight = bold[v] ? "bold" : "normal";
            sb.Append(Inv($"<g><rect x=\"{cx[v] - (NodeW / 2):0.#}\" y=\"{cy[v] - (NodeH / 2):0.#}\" width=\"{NodeW:0}\" height=\"{NodeH:0}\" rx=\"8\" fill=\"#f4f6f8\" stroke=\"#333\" stroke-width=\"{(bold[v] ? 2.5 : 1):0.#}\"/>"));
            sb.Append(Inv($"<text x=\"{cx[v]:0.#}\" y=\"{cy[v] + 4:0.#}\" text-anchor=\"middle\" font-weight=\"{weight}\">{SecurityElement.Escape(graph.Nodes[v])}</text></g>"));
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where the segment from a node's centre towards (tx, ty) leaves the node's box.</summary>
    private static (double X, double Y) Border(double x, double y, double tx, double ty)
    {
        double dx = tx - x, dy = ty - y;
        if (dx == 0 && dy == 0)
        {
            return (x, y);
        }

        double sx = dx == 0 ? double.PositiveInfinity : (NodeW / 2) / Math.Abs(dx);
        double sy = dy == 0 ? double.PositiveInfinity : (NodeH / 2) / Math.Abs(dy);
        double s = Math.Min(sx, sy);
        return (x + (dx * s), y + (dy * s));
    }
}
