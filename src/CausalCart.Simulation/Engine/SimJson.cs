using System.Text.Json;
using CausalCart.Core.Serialization;

namespace CausalCart.Simulation.Engine;

/// <summary>
/// ShopSim's JSON files, written and read with the project convention (<see cref="CausalCartJson"/>).
/// </summary>
internal static class SimJson
{
    public static JsonSerializerOptions Options => CausalCartJson.Options;

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
}
