using System.Text;
using CausalCart.Core.Errors;
using CausalCart.Core.Serialization;
using CausalCart.Pipeline.Analysis;
using CausalCart.Sequence;

namespace CausalCart.Pipeline.Modeling;

/// <summary>
/// Trains the behaviour model from a store (histories cut at a time) or a sequence file, writes the checkpoint
/// atomically with the source's item ids inside, and writes the run manifest beside it.
/// </summary>
public static class ModelTrainingService
{
    /// <summary>
    /// Runs a training request. Deterministic given the seed and thread count (see <see cref="SequenceTrainer"/>).
    /// </summary>
    /// <exception cref="CausalCartException">Invalid options or data source, too little data.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a gradient became NaN or infinite.</exception>
    public static ModelTrainResult Run(ModelTrainRequest request, IProgress<TrainingProgress>? progress = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CheckpointPath);
        request.Model.Validate();
        request.Training.Validate();
        request.Data.Validate();
        var data = ModelDataLoader.Load(request.Data, request.Model.PurchaseHorizon, cancellationToken);
        var result = SequenceTrainer.Train(data.Training, request.Model, request.Training, progress, cancellationToken);
        var model = result.Model.WithItemKeys(data.ItemKeysInRowOrder());
        var folder = Path.GetDirectoryName(Path.GetFullPath(request.CheckpointPath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        model.Save(request.CheckpointPath);
        var manifest = new ModelRunManifest(
            ModelRunManifest.CurrentSchemaVersion, Manifests.Tool, (clock ?? TimeProvider.System).GetUtcNow(), request.Training.Seed,
            data.Source, data.Input, data.Cut, result.Manifest);
        WriteAtomically(ModelRunManifest.PathFor(request.CheckpointPath), CausalCartJson.Serialize(manifest) + "\n");
        return new ModelTrainResult(
            ModelTrainResult.CurrentSchemaVersion, request.CheckpointPath, ModelDataSummary.From(data), result.Validation, result.Test, result.History, manifest);
    }

    /// <summary>Reads the manifest written beside a checkpoint, or null when there is none.</summary>
    /// <exception cref="CausalCartException">The manifest exists but is not one.</exception>
    public static ModelRunManifest? ReadManifest(string checkpoint)
    {
        var path = ModelRunManifest.PathFor(checkpoint);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return CausalCartJson.Deserialize<ModelRunManifest>(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CausalCartException($"Manifest '{path}' could not be read: {e.Message}", e);
        }
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
