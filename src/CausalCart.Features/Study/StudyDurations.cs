using System.Globalization;

namespace CausalCart.Features.Study;

/// <summary>
/// Durations as written in study specs: a signed whole number followed by a unit, <c>s</c> (seconds),
/// <c>m</c> (minutes), <c>h</c> (hours), <c>d</c> (days) or <c>w</c> (weeks): <c>30s</c>, <c>10m</c>,
/// <c>1h</c>, <c>7d</c>, <c>2w</c>. A leading minus sign parses (so that validation can say why a
/// negative window is impossible) but no study window accepts it.
/// </summary>
public static class StudyDurations
{
    private const string Units = "s, m, h, d, w";

    /// <summary>
    /// Parses a duration such as <c>7d</c>. Returns false for anything else (empty text, no unit, an unknown
    /// unit, a fraction, or a value beyond ±100 years).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length < 2)
        {
            return false;
        }

        var unit = char.ToLowerInvariant(text[^1]);
        var seconds = unit switch
        {
            's' => 1L,
            'm' => 60L,
            'h' => 3_600L,
            'd' => 86_400L,
            'w' => 604_800L,
            _ => 0L,
        };
        if (seconds == 0)
        {
            return false;
        }

        var number = text[..^1];
        if (number.Length == 0 || number[^1] == ' '
            || !long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        const long maxSeconds = 100L * 366 * 86_400;
        if (Math.Abs(count) > maxSeconds / seconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(count * seconds);
        return true;
    }

    /// <summary>Parses a duration or throws a <see cref="FormatException"/> that lists the units.</summary>
    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"'{text}' is not a duration: write a whole number and a unit ({Units}), e.g. 30s, 10m, 1h, 7d, 2w.");
    }

    /// <summary>
    /// The canonical label of a duration, used in column names: the largest of <c>d</c>, <c>h</c>, <c>m</c>,
    /// <c>s</c> that divides it exactly (<c>2w</c> is <c>14d</c>, <c>90m</c> is <c>90m</c>, <c>120m</c> is
    /// <c>2h</c>). Fractions of a second are written in seconds with a decimal point.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        var sign = duration < TimeSpan.Zero ? "-" : string.Empty;
        var ticks = Math.Abs(duration.Ticks);
        if (ticks % TimeSpan.TicksPerSecond != 0)
        {
            return sign + (ticks / (double)TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture) + "s";
        }

        var totalSeconds = ticks / TimeSpan.TicksPerSecond;
        if (totalSeconds != 0 && totalSeconds % 86_400 == 0)
        {
            return sign + (totalSeconds / 86_400).ToString(CultureInfo.InvariantCulture) + "d";
        }

        if (totalSeconds != 0 && totalSeconds % 3_600 == 0)
        {
            return sign + (totalSeconds / 3_600).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (totalSeconds != 0 && totalSeconds % 60 == 0)
        {
            return sign + (totalSeconds / 60).ToString(CultureInfo.InvariantCulture) + "m";
        }

        return sign + totalSeconds.ToString(CultureInfo.InvariantCulture) + "s";
    }
}
