using System.Globalization;
using CausalCart.Core.Events;
using CausalCart.Features.Study;
using CausalCart.Store.DuckDb;

namespace CausalCart.Pipeline.Analysis;

/// <summary>
/// The caveats a study's design implies for the data it ran on, in words a merchant can read: history cut off by
/// the start of the log, outcome windows cut off by its end, a log too short for slow effects, and a treatment that
/// is the shopper's own action rather than something the shop did. Each is stated only when the data show it.
/// </summary>
public static class StudyCaveats
{
    /// <summary>A log shorter than this cannot show habits or delayed purchases.</summary>
    private static readonly TimeSpan ShortLog = TimeSpan.FromDays(2);

    /// <summary>Finds the caveats.</summary>
    /// <param name="spec">The study.</param>
    /// <param name="timeZeroMicros">Each unit's time zero (Unix microseconds).</param>
    /// <param name="firstEvent">The log's first event time (UTC), or null for an empty log.</param>
    /// <param name="lastEvent">The log's last event time (UTC), or null.</param>
    /// <returns>Sentences, most important first; empty when nothing applies.</returns>
    public static IReadOnlyList<string> Find(StudySpec spec, ReadOnlySpan<double> timeZeroMicros, DateTime? firstEvent, DateTime? lastEvent)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var caveats = new List<string>();
        int n = timeZeroMicros.Length;
        if (n == 0 || firstEvent is not { } first || lastEvent is not { } last)
        {
            return caveats;
        }

        long firstUs = DuckDbTime.ToMicros(first), lastUs = DuckDbTime.ToMicros(last);
        TimeSpan span = last - first;
        TimeSpan lookBack = LongestLookBack(spec);
        long lookBackUs = lookBack.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
        long outcomeEndUs = (spec.Outcome.StartOffset(spec.Treatment) + spec.Outcome.Within).Ticks / (TimeSpan.TicksPerMillisecond / 1000);
        int truncated = 0, censored = 0;
        double latestT0 = double.NegativeInfinity;
        foreach (double t0 in timeZeroMicros)
        {
            latestT0 = Math.Max(latestT0, t0);
            truncated += lookBack > TimeSpan.Zero && t0 - lookBackUs < firstUs - (lookBackUs / 20) ? 1 : 0; // missing under 5% of a look-back is immaterial
            censored += t0 + outcomeEndUs > lastUs + 1 ? 1 : 0; // the last event's own microsecond still lies inside the log
        }

        if (truncated > 0)
        {
            caveats.Add(
                $"For {Share(truncated, n)} the longest look-back ({StudyWords.Words(lookBack)}) reaches before the log's first event " +
                $"({Time(first)}): their history is cut off, so what they did before the log began cannot be adjusted for.");
        }

        TimeSpan historyBefore = TimeSpan.FromTicks((long)((latestT0 - firstUs) * (TimeSpan.TicksPerMillisecond / 1000)));
        if (historyBefore < ShortLog)
        {
            caveats.Add(
                $"The log holds at most {StudyWords.Words(Round(historyBefore))} of history before time zero, so long-term habits (how often a shopper " +
                "usually buys, loyalty to a brand) are invisible; if they drive both the treatment and the outcome, the adjusted estimate is still biased by them.");
        }

        if (censored > 0)
        {
            caveats.Add(
                $"For {Share(censored, n)} the outcome window ends after the log's last event ({Time(last)}): their outcome is cut off " +
                "and counts only what the log holds.");
        }

        if (span < ShortLog)
        {
            caveats.Add(
                $"The whole log spans only {StudyWords.Words(Round(span))} ({Time(first)} to {Time(last)}): effects slower than the " +
                $"{StudyWords.Words(spec.Outcome.Within)} outcome window (a purchase the next day) are not counted, and the result may not hold on other days or hours.");
        }

        if (spec.Treatment is ActionTreatment action)
        {
            caveats.Add(
                $"The treatment is the shopper's own action ({CanonicalActions.Name(action.Action)}), not something the shop did: the estimate answers " +
                $"\"what if this shopper had or had not done it\", which no campaign sets directly, and an intent formed before time zero that the log does not show would bias it.");
        }

        return caveats;
    }

    private static TimeSpan LongestLookBack(StudySpec spec)
    {
        TimeSpan longest = spec.Eligibility.ActiveWithin ?? TimeSpan.Zero;
        foreach (var l in spec.Covariates.Lookbacks)
        {
            longest = l + spec.Covariates.Gap > longest ? l + spec.Covariates.Gap : longest;
        }

        return longest;
    }

    private static TimeSpan Round(TimeSpan t) => t >= TimeSpan.FromHours(1)
        ? TimeSpan.FromMinutes(Math.Round(t.TotalMinutes / 10) * 10)
        : TimeSpan.FromMinutes(Math.Max(1, Math.Round(t.TotalMinutes)));

    private static string Share(int count, int n) => count == n
        ? "all units"
        : string.Create(CultureInfo.InvariantCulture, $"{count:N0} of {n:N0} units ({100.0 * count / n:F1}%)");

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
