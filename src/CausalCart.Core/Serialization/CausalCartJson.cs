using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CausalCart.Core.Serialization;

/// <summary>
/// The one JSON convention of CausalCart's result records, shared by the CLI's <c>--json</c>, the API
/// and the reports: camelCase properties, enums as snake_case strings, indented with <c>\n</c> line ends (identical files on every OS), NaN/∞ written as
/// named literals (never silently dropped).
/// </summary>
public static class CausalCartJson
{
    /// <summary>Options for writing and reading result records.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serialises a record with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserialises a record with <see cref="Options"/>; throws <see cref="JsonException"/> on malformed input.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"JSON for {typeof(T).Name} was null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            NewLine = "\n",
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
