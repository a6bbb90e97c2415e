using System.CommandLine;
using CausalCart.Pipeline.Modeling;
using CausalCart.Sequence.Evaluation;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart model evaluate</c>.</summary>
internal static partial class ModelCommand
{
    private static Command Evaluate(CliConsole console)
    {
        var checkpoint = Checkpoint("The checkpoint to evaluate.");
        var store = OptionalStore();
        var sequences = Sequences();
        var cut = Cut();
        var ks = new Option<string>("--k") { Description = "Cut-offs K of HR@K and NDCG@K.", DefaultValueFactory = _ => "5,10,20" };
        var threads = new Option<int>("--threads") { Description = "Kernel threads for scoring.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = CommonOptions.Json();
        var command = new Command("evaluate", """
            Evaluates a checkpoint on the data it was trained on, beside the baselines, with the same protocols:
              leave-one-out  each user's last event before the cut, predicted from the events before it: full-ranking
                             HR@K / NDCG@K (never sampled negatives; the user's earlier items excluded) and next-action
                             accuracy / macro-F1; baselines popularity, first-order Markov, previous action.
              time split     (store only) each user's first event after the cut, same metrics; and purchase within the
                             horizon after the cut (AUC, log-loss) beside logistic regression on per-user aggregates.
            Without --cut, the cut of the checkpoint's manifest is used (else one horizon before the last event).

            Examples:
              causalcart model evaluate --checkpoint shop.ccseq --store shop.duckdb
              causalcart model evaluate --checkpoint beauty.ccseq --sequences Beauty.txt --k 10,20 --json
            """)
        {
            checkpoint, store, sequences, cut, ks, threads, json,
        };
        command.SetAction((parse, ct) =>
        {
            var request = new ModelEvaluateRequest
            {
                CheckpointPath = parse.GetValue(checkpoint)!,
                Data = Source(parse.GetValue(store), parse.GetValue(sequences), parse.GetValue(cut)),
                CutOffs = ParseCutOffs(parse.GetValue(ks)!),
                Threads = parse.GetValue(threads),
            };
            return Task.FromResult(RunEvaluate(console, request, parse.GetValue(json), ct));
        });
        return command;
    }

    private static int RunEvaluate(CliConsole console, ModelEvaluateRequest request, bool json, CancellationToken ct)
    {
        console.Info($"model evaluate: {request.CheckpointPath} on {request.Data.StorePath ?? request.Data.SequencesPath}");
        var result = ModelEvaluationService.Run(request, ct);
        if (json)
        {
            console.WriteJson(result);
            return ExitCodes.Ok;
        }

        var d = result.Data;
        console.Line($"{d.Source} {d.Path}: {d.Users:N0} users, {d.Items:N0} items, {d.Events:N0} events{(d.Cut is { } c ? $"; cut {c.ToString("u", Inv)} ({result.CutFrom})" : string.Empty)}");
        console.Line();
        console.Line($"Leave-one-out: each user's last event{(d.Cut is null ? string.Empty : " before the cut")}");
        WriteNextEvent(console, result.LeaveOneOut);
        if (result.TimeSplit is { } t)
        {
            console.Line();
            console.Line("Time split: each user's first event after the cut");
            WriteNextEvent(console, t.NextEvent);
            console.Line();
            var lr = t.Purchase.LogisticRegression;
            console.Line(string.Create(Inv, $"Purchase within {result.PurchaseHorizon.TotalHours:G4} h after the cut: {lr.Users:N0} users active within one horizon before it, {lr.Positives:N0} bought"));
            console.Line("model                  AUC      log-loss");
            if (t.Purchase.Model is { } pm)
            {
                console.Line(string.Create(Inv, $"{"transformer",-20} {pm.Auc,7:F4}   {pm.LogLoss,8:F4}"));
            }
            else
            {
                console.Line("transformer          (no purchase head: trained without timestamps or with --purchase-weight 0)");
            }

            console.Line(string.Create(Inv, $"{"logistic regression",-20} {lr.Auc,7:F4}   {lr.LogLoss,8:F4}"));
        }

        return ExitCodes.Ok;
    }

    private static void WriteNextEvent(CliConsole console, NextEventEvaluation e)
    {
        console.Line($"  {e.Users:N0} users");
        var header = "  next item      " + string.Join(" ", e.Model.AtK.Select(m => $"{"HR@" + m.K,8} {"NDCG@" + m.K,8}")) + "      MRR";
        console.Line(header);
        Row("transformer", e.Model);
        Row("popularity", e.Popularity);
        Row("markov", e.Markov);
        if (e.ModelActions is not null || e.PreviousAction is not null)
        {
            console.Line("  next action     accuracy  macro-F1");
            if (e.ModelActions is { } a)
            {
                console.Line(string.Create(Inv, $"  {"transformer",-14} {a.Accuracy,8:F4}  {a.MacroF1,8:F4}"));
            }

            if (e.PreviousAction is { } p)
            {
                console.Line(string.Create(Inv, $"  {"previous action",-14} {p.Accuracy,8:F4}  {p.MacroF1,8:F4}"));
            }
        }

        void Row(string name, RankingMetrics m) =>
            console.Line(string.Create(Inv, $"  {name,-14} {string.Join(" ", m.AtK.Select(x => $"{x.HitRate,8:F4} {x.Ndcg,8:F4}"))} {m.MeanReciprocalRank,8:F4}"));
    }
}
