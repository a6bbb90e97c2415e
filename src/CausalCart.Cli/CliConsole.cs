using CausalCart.Core.Progress;
using CausalCart.Core.Serialization;

namespace CausalCart.Cli;

/// <summary>
/// Where the CLI writes: data to stdout (text or JSON), progress and messages to stderr. Progress is
/// drawn only when stderr is an interactive terminal; colour is off when <c>NO_COLOR</c> is set.
/// </summary>
public sealed class CliConsole
{
    /// <summary>Creates a console over the given writers.</summary>
    public CliConsole(TextWriter output, TextWriter error, bool interactive)
    {
        Output = output;
        Error = error;
        Interactive = interactive;
        Color = interactive && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
    }

    /// <summary>Standard output: the command's data.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: progress, warnings, errors.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether stderr is a terminal (progress bars are drawn).</summary>
    public bool Interactive { get; }

    /// <summary>Whether colour escapes may be written.</summary>
    public bool Color { get; }

    /// <summary>The console of this process.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);

    /// <summary>Writes a record as JSON to stdout.</summary>
    public void WriteJson<T>(T value) => Output.WriteLine(CausalCartJson.Serialize(value));

    /// <summary>Writes a line to stdout.</summary>
    public void Line(string text = "") => Output.WriteLine(text);

    /// <summary>Writes a message to stderr.</summary>
    public void Info(string text) => Error.WriteLine(text);

    /// <summary>Writes a warning to stderr.</summary>
    public void Warn(string text) => Error.WriteLine(Color ? $"\u001b[33mwarning:\u001b[0m {text}" : $"warning: {text}");

    /// <summary>A progress sink: a redrawn one-line bar on a terminal, nothing otherwise.</summary>
    public IProgress<ProgressUpdate> Progress() => Interactive ? new TerminalProgress(Error) : new NullProgress();

    /// <summary>Ends a progress line so the next output starts on a fresh line.</summary>
    public void EndProgress()
    {
        if (Interactive)
        {
            Error.Write("\r\u001b[2K");
        }
    }

    private sealed class NullProgress : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
        }
    }

    private sealed class TerminalProgress(TextWriter error) : IProgress<ProgressUpdate>
    {
        private long _lastTicks;

        public void Report(ProgressUpdate value)
        {
            var now = Environment.TickCount64;
            if (now - _lastTicks < 100 && value.Done != value.Total)
            {
                return; // redraw at most ten times a second
            }

            _lastTicks = now;
            string text;
            if (value.Total is > 0 and var total)
            {
                var fraction = Math.Clamp((double)value.Done / total, 0, 1);
                var filled = (int)(fraction * 30);
                text = $"{value.Stage} [{new string('#', filled)}{new string('.', 30 - filled)}] {fraction:P0} {value.Done:N0}/{total:N0} {value.Unit}";
            }
            else
            {
                text = $"{value.Stage} {value.Done:N0} {value.Unit}";
            }

            lock (error)
            {
                error.Write("\r\u001b[2K" + text);
            }
        }
    }
}
