using CausalCart.Sequence;

namespace CausalCart.Pipeline.Modeling;

/// <summary>The outcome of <c>causalcart model train</c>. Serialised as its <c>--json</c> output.</summary>
/// <param name="SchemaVersion">Version of this record's JSON shape (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Checkpoint">The checkpoint written.</param>
/// <param name="Data">What was read and what was trained on.</param>
/// <param name="Validation">Leave-one-out validation metrics (second-to-last training event) of the kept parameters.</param>
/// <param name="Test">Leave-one-out test metrics (last training event, i.e. the last before the cut) of the kept parameters.</param>
/// <param name="History">One record per validation.</param>
/// <param name="Manifest">The run manifest (also written beside the checkpoint).</param>
public sealed record ModelTrainResult(
    string SchemaVersion, string Checkpoint, ModelDataSummary Data, SequenceEvaluation Validation, SequenceEvaluation Test, IReadOnlyList<EpochRecord> History, ModelRunManifest Manifest)
{
    /// <summary>Current schema version.</summary>
    public const string CurrentSchemaVersion = "1.0";
}

/// <summary>Counts of the data a model was trained or evaluated on.</summary>
/// <param name="Source"><c>store</c> or <c>sequences</c>.</param>
/// <param name="Path">The store or sequence file.</param>
/// <param name="DataSha256">SHA-256 of the data read (see <see cref="ModelData.Input"/>).</param>
/// <param name="Cut">The time cut, or null.</param>
/// <param name="Users">Users with at least one event with an item.</param>
/// <param name="Items">Vocabulary size V (items occurring in any event, before or after the cut).</param>
/// <param name="Events">Events with an item.</param>
/// <param name="EventsWithoutItem">Store events without an item (searches), left out of the sequences.</param>
/// <param name="TrainingUsers">Users with an event before the cut.</param>
/// <param name="TrainingEvents">Events before the cut.</param>
/// <param name="VocabularyHash">The vocabulary hash (hex) a checkpoint must match.</param>
public sealed record ModelDataSummary(
    string Source, string Path, string DataSha256, DateTimeOffset? Cut, int Users, int Items, long Events, long EventsWithoutItem, int TrainingUsers, long TrainingEvents, string VocabularyHash)
{
    internal static ModelDataSummary From(ModelData data) => new(
        data.Source, data.Input.Path, data.Input.Sha256, data.Cut, data.All.UserCount, data.All.ItemCount, data.All.EventCount, data.EventsWithoutItem,
        data.Training.UserCount, data.Training.EventCount, data.All.VocabularyHash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
}
