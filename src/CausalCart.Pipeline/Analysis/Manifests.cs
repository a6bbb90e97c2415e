using System.Reflection;
using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Analysis;

/// <summary>Builds run manifests.</summary>
public static class Manifests
{
    /// <summary>The tool's name and informational version.</summary>
    public static string Tool { get; } = "causalcart " +
        (typeof(Manifests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    /// <summary>A manifest stamped now (UTC).</summary>
    public static RunManifest Create(int seed, IReadOnlyList<InputFile> inputs, TimeProvider? clock = null) =>
        new(Tool, (clock ?? TimeProvider.System).GetUtcNow(), seed, inputs);
}
