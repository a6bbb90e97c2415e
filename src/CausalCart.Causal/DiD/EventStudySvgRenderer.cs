using System.Globalization;
using System.Security;
using System.Text;

namespace CausalCart.Causal.DiD;

/// <summary>
/// Draws an <see cref="EventStudyPlot"/> as a self-contained SVG string (no scripts, no external references) for the
/// HTML report: event time on the x axis, effect on the y axis, a dashed zero line, a dotted vertical line just before
/// event time 0 (treatment onset, shifted left by the anticipation periods), the uniform band as a light bar, the
/// pointwise interval as a dark whisker, the estimate as a dot (hollow at the reference period), and known true
/// effects, when given, as crosses. Deterministic: the same plot gives the same bytes.
/// </summary>
public static class EventStudySvgRenderer
{
    private const double Width = 640, Height = 360, Left = 64, Right = 16, Top = 36, Bottom = 48;

    /// <summary>Renders <paramref name="plot"/>; an empty plot gives a frame with a "no event times" note.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="plot"/> is null.</exception>
    /// <exception cref="ArgumentException">A point or truth value is NaN or infinite (names the event time).</exception>
    public static string Render(EventStudyPlot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        foreach (EventStudyPlotPoint p in plot.Points)
        {
            if (!double.IsFinite(p.Estimate) || !double.IsFinite(p.CiLower) || !double.IsFinite(p.CiUpper) || !double.IsFinite(p.BandLower) || !double.IsFinite(p.BandUpper))
            {
                throw new ArgumentException($"Event time {p.EventTime}: estimate, interval or band is NaN or infinite; the plot cannot be drawn.", nameof(plot));
            }
        }

        foreach (var (e, v) in plot.Truth)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"Event time {e}: the true effect is NaN or infinite.", nameof(plot));
            }
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">{SecurityElement.Escape(plot.Title)}</text>");
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#888\"/>");
        if (plot.Points.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no event times</text></svg>");
            return sb.ToString();
        }

        int eMin = plot.Points.Min(p => p.EventTime), eMax = plot.Points.Max(p => p.EventTime);
        IEnumerable<double> values = plot.Points.SelectMany(p => new[] { p.BandLower, p.BandUpper, p.CiLower, p.CiUpper, p.Estimate })
            .Concat(plot.Truth.Where(kv => kv.Key >= eMin && kv.Key <= eMax).Select(kv => kv.Value)).Append(0.0);
        double yMin = values.Min(), yMax = values.Max();
        double pad = (yMax - yMin) * 0.08;
        if (pad == 0)
        {
            pad = 1;
        }

        yMin -= pad;
        yMax += pad;
        double slot = plotW / (eMax - eMin + 1);
        double X(double e) => Left + ((e - eMin + 0.5) * slot);
        double Y(double v) => Top + ((yMax - v) / (yMax - yMin) * plotH);
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        // Y ticks: five evenly spaced labelled values.
        for (int k = 0; k <= 4; k++)
        {
            double v = yMin + ((yMax - yMin) * k / 4);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Left - 4)}\" y1=\"{F(Y(v))}\" x2=\"{F(Left)}\" y2=\"{F(Y(v))}\" stroke=\"#888\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left - 6)}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{v.ToString("G3", CultureInfo.InvariantCulture)}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Left)}\" y1=\"{F(Y(0))}\" x2=\"{F(Left + plotW)}\" y2=\"{F(Y(0))}\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>");
        double onset = -plot.Anticipation - 0.5;
        if (onset > eMin - 0.5 && onset < eMax + 0.5)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(onset))}\" y1=\"{F(Top)}\" x2=\"{F(X(onset))}\" y2=\"{F(Top + plotH)}\" stroke=\"#444\" stroke-dasharray=\"1 3\"/>");
        }

        double half = Math.Min(10, slot * 0.3);
        foreach (EventStudyPlotPoint p in plot.Points)
        {
            double x = X(p.EventTime);
            string colour = p.EventTime < -plot.Anticipation ? "#b2182b" : "#2166ac";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(Top + plotH + 16)}\" text-anchor=\"middle\">{p.EventTime}</text>");
            if (!p.IsReference)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x - half)}\" y=\"{F(Y(p.BandUpper))}\" width=\"{F(2 * half)}\" height=\"{F(Y(p.BandLower) - Y(p.BandUpper))}\" fill=\"{colour}\" fill-opacity=\"0.18\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{F(Y(p.CiUpper))}\" x2=\"{F(x)}\" y2=\"{F(Y(p.CiLower))}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(x)}\" cy=\"{F(Y(p.Estimate))}\" r=\"4\" fill=\"{colour}\"><title>e = {p.EventTime}: {p.Estimate.ToString("G4", CultureInfo.InvariantCulture)}</title></circle>");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(x)}\" cy=\"{F(Y(p.Estimate))}\" r=\"4\" fill=\"white\" stroke=\"#444\"><title>e = {p.EventTime}: reference period (normalised to 0)</title></circle>");
            }

            if (plot.Truth.TryGetValue(p.EventTime, out double truth))
            {
                double ty = Y(truth);
                sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{F(x - 5)} {F(ty - 5)}L{F(x + 5)} {F(ty + 5)}M{F(x - 5)} {F(ty + 5)}L{F(x + 5)} {F(ty - 5)}\" stroke=\"#1b7837\" stroke-width=\"2\"><title>e = {p.EventTime}: true effect {truth.ToString("G4", CultureInfo.InvariantCulture)}</title></path>");
            }
        }

        string level = (plot.ConfidenceLevel * 100).ToString("0.#", CultureInfo.InvariantCulture);
        string legend = $"dot: estimate; dark line: {level}% pointwise interval; light bar: {level}% uniform band; hollow: reference" + (plot.Truth.Count > 0 ? "; cross: true effect" : string.Empty);
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + (plotW / 2))}\" y=\"{F(Height - 10)}\" text-anchor=\"middle\" font-size=\"11\">event time (periods since first treatment) — {SecurityElement.Escape(legend)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
