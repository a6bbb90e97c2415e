using System.Globalization;
using CausalCart.Sequence;

namespace CausalCart.Cli.Commands;

/// <summary>
/// Training progress on stderr: one line per validation, and a line at most every 10 s between them (redrawn in
/// place on a terminal), each with the loss, tokens/s and an ETA. The ETA is an upper bound: the epoch limit or the
/// time budget, whichever comes first; early stopping may end sooner.
/// </summary>
internal sealed class TrainingProgressLines(CliConsole console, TimeSpan? budget, TimeProvider clock) : IProgress<TrainingProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private long _last = clock.GetTimestamp();

    public void Report(TrainingProgress value)
    {
        var inv = CultureInfo.InvariantCulture;
        if (value.Validation is { } v)
        {
            console.EndProgress();
            console.Info(string.Create(inv, $"epoch {value.Epoch}/{value.MaxEpochs}: loss {v.TrainLoss:F4}, validation NDCG@10 {v.ValidationNdcg10:F4} HR@10 {v.ValidationHitRate10:F4}, {value.TokensPerSecond:N0} tokens/s, elapsed {Format(value.Elapsed)}, ETA ≤ {Format(Eta(value))}"));
            _last = clock.GetTimestamp();
            return;
        }

        if (clock.GetElapsedTime(_last) < Interval)
        {
            return;
        }

        _last = clock.GetTimestamp();
        var text = string.Create(inv, $"epoch {value.Epoch}/{value.MaxEpochs} {(double)value.UsersDone / Math.Max(1, value.UsersTotal):P0}: loss {value.EpochLoss:F4}, {value.TokensPerSecond:N0} tokens/s, step {value.Step:N0}, elapsed {Format(value.Elapsed)}, ETA ≤ {Format(Eta(value))}");
        if (console.Interactive)
        {
            console.Error.Write("\r\u001b[2K" + text);
        }
        else
        {
            console.Info(text);
        }
    }

    private TimeSpan Eta(TrainingProgress p)
    {
        var done = (p.Epoch - 1 + ((double)p.UsersDone / Math.Max(1, p.UsersTotal))) / p.MaxEpochs;
        var seconds = done > 0 ? p.Elapsed.TotalSeconds * (1 - done) / done : double.PositiveInfinity;
        var eta = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(999).TotalSeconds));
        if (budget is { } b)
        {
            var left = b - p.Elapsed;
            eta = left < eta ? left : eta;
        }

        return eta < TimeSpan.Zero ? TimeSpan.Zero : eta;
    }

    private static string Format(TimeSpan t) =>
        t >= TimeSpan.FromDays(1) ? t.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
