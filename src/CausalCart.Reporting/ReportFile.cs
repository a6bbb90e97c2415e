using System.Text;

namespace CausalCart.Reporting;

/// <summary>Writes report text to disk atomically enough for a report: a temporary file beside the target, then a move.</summary>
internal static class ReportFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // A reader (a browser reloading the report) never sees a half-written file.
        string temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, text, Utf8NoBom);
        File.Move(temporary, full, overwrite: true);
    }
}
