using System.Text;

namespace CausalCart.Ingest.Parsing;

/// <summary>Turns raw row bytes into the text of a <see cref="RejectRecord"/> and field values into short quotes for details.</summary>
internal static class RejectText
{
    private const int MaxQuotedChars = 80;
    private const string Marker = "…[truncated]";

    /// <summary>Decodes (lossily) and cuts to <see cref="RejectRecord.MaxRawTextChars"/> characters, marker included.</summary>
    public static string Raw(ReadOnlySpan<byte> bytes, bool alreadyTruncated)
    {
        var take = Math.Min(bytes.Length, 4 * RejectRecord.MaxRawTextChars);
        var text = Encoding.UTF8.GetString(bytes[..take]);
        var truncated = alreadyTruncated || take < bytes.Length || text.Length > RejectRecord.MaxRawTextChars;
        return truncated ? Cut(text, RejectRecord.MaxRawTextChars - Marker.Length) + Marker : text;
    }

    /// <summary>A field value for a detail message: decoded lossily and cut to a readable length.</summary>
    public static string Value(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 4 * MaxQuotedChars)]);
        return text.Length > MaxQuotedChars || bytes.Length > 4 * MaxQuotedChars ? Cut(text, MaxQuotedChars) + "…" : text;
    }

    private static string Cut(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        // Never split a surrogate pair.
        var length = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text[..length];
    }
}
