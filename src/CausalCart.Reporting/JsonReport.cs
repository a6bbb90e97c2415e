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
    /// <remarks>Results of an earlier minor version of the same major version (e.g. 1.0 for 1.1) are read: minor
    /// versions only add optional properties, which are then null.</remarks>
    /// <exception cref="JsonException">The text is not a result, or its <c>schemaVersion</c> has another major version
    /// than <see cref="SchemaVersions.Analysis"/> or a later minor one (the message names both versions).</exception>
    public static AnalysisResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        AnalysisResult result = CausalCartJson.Deserialize<AnalysisResult>(json);
        if (!IsReadable(result.SchemaVersion))
        {
            throw new JsonException(
                $"The result has schemaVersion '{result.SchemaVersion}'; this version of CausalCart reads '{SchemaVersions.Analysis}'.");
        }

        return result;
    }

    private static bool IsReadable(string? version)
    {
        static (int Major, int Minor)? Split(string? v)
        {
            var parts = v?.Split('.');
            return parts is { Length: 2 } && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out int major)
                && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out int minor)
                ? (major, minor)
                : null;
        }

        return Split(version) is { } have && Split(SchemaVersions.Analysis) is { } want && have.Major == want.Major && have.Minor <= want.Minor;
    }

    /// <summary>Writes <see cref="Render"/>'s text to <paramref name="path"/> as UTF-8 (no BOM), replacing any file there.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(AnalysisResult result, string path) => ReportFile.Write(path, Render(result));
}
