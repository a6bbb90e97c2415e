namespace CausalCart.Simulation.Tests;

/// <summary>Reads ShopSim's CSV files (no quoting is ever needed in them).</summary>
internal static class Csv
{
    public static (string[] Header, List<string[]> Rows) Read(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()!.Split(',');
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            rows.Add(line.Split(','));
        }

        return (header, rows);
    }

    public static long CountDataLines(string path)
    {
        long lines = 0;
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines - 1;
    }

    public static double D(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    public static long L(string s) => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a price with exactly two decimals into cents.</summary>
    public static long Cents(string s)
    {
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        Assert.True(dot > 0 && dot == s.Length - 3, $"price '{s}' must have exactly two decimals");
        return L(s.Remove(dot, 1));
    }
}
