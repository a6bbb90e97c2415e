using System.CommandLine;
using CausalCart.Core.Errors;
using CausalCart.Core.Events;
using CausalCart.Pipeline.Modeling;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart model predict</c>.</summary>
internal static partial class ModelCommand
{
    private static Command Predict(CliConsole console)
    {
        var checkpoint = Checkpoint("The checkpoint to predict with.");
        var items = new Option<string?>("--items") { Description = "The history as item ids (the source's own), oldest first, comma-separated." };
        var events = new Option<string?>("--events") { Description = "The history as a CSV (header item,action,timestamp; action and timestamp optional) or JSON file (array of {item, action, timestamp}), oldest first." };
        var store = OptionalStore();
        var user = new Option<string?>("--user") { Description = "With --store: the user (the source's id) whose events are the history." };
        var before = new Option<string?>("--before") { Description = "With --user: only events strictly before this time (ISO 8601), to predict as of a past moment." };
        var action = new Option<string?>("--action") { Description = "Action of --items events and of file events without one (default: view, or buy for a model trained on a sequence file)." };
        var top = new Option<int>("--top") { Description = "How many next items.", DefaultValueFactory = _ => 10 };
        var json = CommonOptions.Json();
        var command = new Command("predict", """
            Predicts the top-K next items (the history's items excluded), the next action and the probability of a
            purchase within the model's horizon after a user's recent history. Items the model does not know are
            ignored (and counted); the newest events up to the model's maximum length are read.

            Examples:
              causalcart model predict --checkpoint shop.ccseq --items 17,4,17,230 --top 5
              causalcart model predict --checkpoint shop.ccseq --events history.csv --json
              causalcart model predict --checkpoint shop.ccseq --store shop.duckdb --user 42 --before 2024-03-20
            """)
        {
            checkpoint, items, events, store, user, before, action, top, json,
        };
        command.SetAction(parse =>
        {
            var actionName = parse.GetValue(action);
            CanonicalAction? defaultAction = null;
            if (actionName is not null)
            {
                defaultAction = CanonicalActions.TryParse(actionName, out var a)
                    ? a
                    : throw new CausalCartException(ErrorKind.Usage, $"Unknown --action '{actionName}'. Valid actions: {string.Join(", ", CanonicalActions.All.Select(CanonicalActions.Name))}.");
            }

            var beforeText = parse.GetValue(before);
            var request = new ModelPredictRequest
            {
                CheckpointPath = parse.GetValue(checkpoint)!,
                Items = parse.GetValue(items) is { } list ? CommonOptions.SplitList(list) : null,
                EventsPath = parse.GetValue(events),
                StorePath = parse.GetValue(store),
                User = parse.GetValue(user),
                Before = beforeText is null ? null : ModelDataLoader.ParseCut(beforeText),
                DefaultAction = defaultAction,
                TopK = parse.GetValue(top),
            };
            return RunPredict(console, request, parse.GetValue(json));
        });
        return command;
    }

    private static int RunPredict(CliConsole console, ModelPredictRequest request, bool json)
    {
        var result = ModelPredictionService.Run(request);
        foreach (var w in result.Warnings)
        {
            console.Warn(w);
        }

        if (json)
        {
            console.WriteJson(result);
            return ExitCodes.Ok;
        }

        console.Line($"history: {result.History}, {result.HistoryEvents:N0} events, {result.UsedEvents:N0} used, {result.IgnoredUnknownItems:N0} ignored (unknown items)");
        console.Line("rank  item                  score");
        foreach (var i in result.Items)
        {
            console.Line(string.Create(Inv, $"{i.Rank,4}  {i.Item,-20} {i.Score,8:F3}"));
        }

        if (result.NextAction is { } actions)
        {
            console.Line("next action: " + string.Join(", ", actions.OrderByDescending(kv => kv.Value).Where(kv => kv.Value >= 0.005).Select(kv => string.Create(Inv, $"{kv.Key} {kv.Value:P1}"))));
        }

        if (result.PurchaseProbability is { } p)
        {
            console.Line(string.Create(Inv, $"purchase within {result.PurchaseHorizon.TotalHours:G4} h: {p:P1}"));
        }

        return ExitCodes.Ok;
    }
}
