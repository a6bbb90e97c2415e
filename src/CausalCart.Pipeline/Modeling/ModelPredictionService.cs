using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Core.Events;
using CausalCart.Sequence;
using CausalCart.Sequence.Data;
using CausalCart.Store;

namespace CausalCart.Pipeline.Modeling;

/// <summary>Predicts the next items, the next action and the purchase probability after a user's history.</summary>
public static class ModelPredictionService
{
    /// <summary>Runs a prediction request. Deterministic.</summary>
    /// <exception cref="CausalCartException">
    /// A missing or unreadable checkpoint or history, not exactly one history source, an empty history, an unknown
    /// store user, or a history none of whose items the model knows (the message says how many were ignored).
    /// </exception>
    public static ModelPredictionResult Run(ModelPredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TopK < 1)
        {
            throw new CausalCartException($"--top must be at least 1 (got {request.TopK}).");
        }

        var sources = (request.Items is not null ? 1 : 0) + (request.EventsPath is not null ? 1 : 0) + (request.StorePath is not null || request.User is not null ? 1 : 0);
        if (sources != 1)
        {
            throw new CausalCartException("Give the history in exactly one way: --items <id,id,…>, --events <file.csv|file.json>, or --store <file.duckdb> with --user <id>.");
        }

        if ((request.StorePath is null) != (request.User is null))
        {
            throw new CausalCartException("--user and --store go together: the user's history is read from the store.");
        }

        var model = SequenceModel.Load(request.CheckpointPath).WithThreads(1);
        var defaultAction = request.DefaultAction ?? (model.ActionHead ? CanonicalAction.View : CanonicalAction.Buy);
        var (description, history) = ReadHistory(request, defaultAction);
        if (history.Count == 0)
        {
            throw new CausalCartException($"The history ({description}) is empty; give at least one event.");
        }

        var timed = history.Count(e => e.Timestamp is not null);
        if (timed != 0 && timed != history.Count)
        {
            throw new CausalCartException($"The history ({description}) has timestamps on {timed} of {history.Count} events; give them for all events or for none.");
        }

        var keys = model.ItemKeys ?? [.. model.Vocabulary.Select(id => id.ToString(CultureInfo.InvariantCulture))];
        var keyById = new Dictionary<long, string>(model.ItemCount);
        for (var r = 0; r < model.ItemCount; r++)
        {
            keyById[model.Vocabulary[r]] = keys[r];
        }

        var known = new List<SequenceEvent>(history.Count);
        var unknown = new List<string>();
        foreach (var e in history)
        {
            var id = ItemKeys.IdOf(e.Item);
            if (keyById.TryGetValue(id, out var k) && string.Equals(k, e.Item, StringComparison.Ordinal))
            {
                known.Add(new SequenceEvent(id, e.Action, e.Timestamp));
            }
            else
            {
                unknown.Add(e.Item);
            }
        }

        if (known.Count == 0)
        {
            throw new CausalCartException($"None of the {history.Count} events of the history ({description}) has an item the model knows (e.g. '{unknown[0]}'); all {unknown.Count} were ignored. Was the checkpoint trained on this shop's data?");
        }

        var warnings = new List<string>();
        if (unknown.Count > 0)
        {
            warnings.Add($"{unknown.Count} of {history.Count} events ignored: their items are not in the model's vocabulary.");
        }

        if (timed == 0 && model.PurchaseHead)
        {
            warnings.Add("The history has no timestamps, so time gaps are unknown; the model was trained with them, so its predictions may be less accurate.");
        }

        var prediction = model.Predict(known, request.TopK);
        var items = prediction.Items.Select((s, i) => new PredictedItem(i + 1, keyById[s.Item], s.Score)).ToList();
        var actions = model.ActionHead
            ? CanonicalActions.All.ToDictionary(CanonicalActions.Name, a => prediction.NextAction[(int)a])
            : null;
        return new ModelPredictionResult(
            ModelPredictionResult.CurrentSchemaVersion, request.CheckpointPath, description, history.Count, known.Count, unknown.Count, [.. unknown.Distinct().Take(10)],
            items, actions, model.PurchaseHead ? prediction.PurchaseProbability : null, model.Options.PurchaseHorizon, warnings);
    }

    private static (string Description, IReadOnlyList<HistoryEvent> History) ReadHistory(ModelPredictRequest request, CanonicalAction defaultAction)
    {
        if (request.Items is { } ids)
        {
            return ("items", [.. ids.Select(i => new HistoryEvent(i, defaultAction, null))]);
        }

        if (request.EventsPath is { } path)
        {
            return (path, HistoryFile.Read(path, defaultAction));
        }

        if (!File.Exists(request.StorePath))
        {
            throw new CausalCartException($"Store '{request.StorePath}' does not exist.");
        }

        using var store = EventStore.Open(request.StorePath!);
        var events = StoreSequenceReader.ReadUser(store, request.User!, request.Before);
        return ($"store user {request.User}", [.. events.Select(e => new HistoryEvent(e.ItemKey, e.Action, e.Time))]);
    }
}
