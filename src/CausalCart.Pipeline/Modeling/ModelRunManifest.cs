using CausalCart.Core.Results;
using TrainerManifest = CausalCart.Sequence.RunManifest;

namespace CausalCart.Pipeline.Modeling;

/// <summary>
/// What a behaviour-model training run needs to be reproduced: tool version, seed, the input and the
/// hash of the data read from it, the time cut, and the trainer's own manifest (model and training options,
/// vocabulary hash, epochs, steps, throughput, why it stopped). Written beside the checkpoint as
/// <c>&lt;checkpoint&gt;.manifest.json</c>.
/// </summary>
/// <param name="SchemaVersion">Version of this record's JSON shape (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Tool">The tool's name and version.</param>
/// <param name="CreatedAt">When the run finished (UTC).</param>
/// <param name="Seed">The training seed.</param>
/// <param name="Source"><c>store</c> or <c>sequences</c>.</param>
/// <param name="Input">The input path and the SHA-256 of its data (see <see cref="ModelData.Input"/>).</param>
/// <param name="Cut">The time cut (store sources), or null.</param>
/// <param name="Training">The trainer's manifest.</param>
public sealed record ModelRunManifest(
    string SchemaVersion, string Tool, DateTimeOffset CreatedAt, ulong Seed, string Source, InputFile Input, DateTimeOffset? Cut, TrainerManifest Training)
{
    /// <summary>Current schema version.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>The manifest file of a checkpoint.</summary>
    public static string PathFor(string checkpoint) => checkpoint + ".manifest.json";
}
