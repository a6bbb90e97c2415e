using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CausalCart.Simulation.Engine;

/// <summary>
/// ShopSim's JSON settings: the project convention (camelCase, snake_case enums, indented, named
/// NaN/∞ literals, nulls omitted) with <c>\n</c> line ends so files are identical on every OS.
/// </summary>
internal static class SimJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Write<T>(string path, T value)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        JsonSerializer.Serialize(stream, value, Options);
        stream.WriteByte((byte)'\n');
    }

    public static T Load<T>(string path, string defaultFileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = Directory.Exists(path) ? Path.Combine(path, defaultFileName) : path;
        using var stream = File.OpenRead(file);
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw new JsonException($"{file} holds JSON null, not a {typeof(T).Name}.");
    }

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
