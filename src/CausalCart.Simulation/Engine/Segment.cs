namespace CausalCart.Simulation.Engine;

/// <summary>Observed user segment; the names are the ones written to files.</summary>
internal enum Segment
{
    New = 0,
    Regular = 1,
    Loyal = 2,
}

/// <summary>Names and UTF-8 of <see cref="Segment"/>.</summary>
internal static class Segments
{
    public static readonly string[] Names = ["new", "regular", "loyal"];

    public static readonly byte[][] Utf8 = ["new"u8.ToArray(), "regular"u8.ToArray(), "loyal"u8.ToArray()];

    public const int Count = 3;
}
