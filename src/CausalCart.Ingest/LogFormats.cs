namespace CausalCart.Ingest;

/// <summary>Names of <see cref="LogFormat"/> values as used in files and on the command line.</summary>
public static class LogFormats
{
    private static readonly (string Name, LogFormat Format)[] Table =
    [
        ("generic", LogFormat.Generic),
        ("taobao", LogFormat.Taobao),
        ("retailrocket", LogFormat.RetailRocket),
        ("rees46", LogFormat.Rees46),
        ("yoochoose", LogFormat.Yoochoose),
        ("custom", LogFormat.Custom),
    ];

    /// <summary>The valid names, in the order of <see cref="LogFormat"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Table, t => t.Name);

    /// <summary>The lower-case name of a format (<c>taobao</c>, <c>retailrocket</c>, …).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static string Name(LogFormat format)
    {
        foreach (var (name, f) in Table)
        {
            if (f == format)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown log format.");
    }

    /// <summary>Parses a format name, ignoring case and surrounding white space. Returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out LogFormat format)
    {
        name = name.Trim();
        foreach (var (n, f) in Table)
        {
            if (name.Equals(n, StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }

        format = default;
        return false;
    }

    /// <summary>Parses a format name or throws an <see cref="ArgumentException"/> listing the valid names.</summary>
    public static LogFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out var format)
            ? format
            : throw new ArgumentException($"Unknown log format '{name}'. Valid formats: {string.Join(", ", Names)}.", nameof(name));
    }
}
