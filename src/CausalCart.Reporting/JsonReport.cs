using System.Text.Json;
using CausalCart.Core.Results;
using CausalCart.Core.Serialization;

namespace CausalCart.Reporting;

/// <summary>
/// The machine-readable report: the <see cref="AnalysisResult"/> record itself, written with the one
/// JSON convention of <see cref="CausalCartJson"/> (camelCase, snake_case enums, schema version included).
/// </summary>
public static class JsonReport
{
    /// <summary>Serialises <paramref name="result"/>; the text parses back to an equal record with <see cref="Parse"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string Render(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CausalCartJson.Serialize(result);
    }

    /// <summary>
    /// Reads a result written by <see cref="Render"/> (or the CLI's <c>--json</c>).
    /// </summary>
    /// <exception cref="JsonException">The text is not a result, or its <c>schemaVersion</c> is not
    /// <see cref="SchemaVersions.Analysis"/> (the message names both versions).</exception>
    public static AnalysisResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        AnalysisResult result = CausalCartJson.Deserialize<AnalysisResult>(json);
        if (result.SchemaVersion != SchemaVersions.Analysis)
        {
            throw new JsonException(
                $"The result has schemaVersion '{result.SchemaVersion}'; this version of CausalCart reads '{SchemaVersions.Analysis}'.");
        }

        return result;
    }

    /// <summary>Writes <see cref="Render"/>'s text to <paramref name="path"/> as UTF-8 (no BOM), replacing any file there.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(AnalysisResult result, string path) => ReportFile.Write(path, Render(result));
}
