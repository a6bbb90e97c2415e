using System.CommandLine;
using CausalCart.Features.Study;
using CausalCart.Pipeline.Analysis;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart analyze</c>: runs a study spec.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        var specPath = new Argument<string>("spec") { Description = "The study spec (YAML)." };
        var json = CommonOptions.Json();
        var report = CommonOptions.Report();
        var allowPoorOverlap = CommonOptions.AllowPoorOverlap();
        var failOnRefutation = CommonOptions.FailOnRefutation();
        var simulations = CommonOptions.Simulations();
        var graph = new Option<string?>("--graph") { Description = "Causal graph file (DOT or YAML) for the study: sets the spec's graph file, or replaces it, keeping the spec's graph node names and bad-control policy." };
        var command = new Command("analyze", """
            Runs a study written as a target trial (unit, eligibility, time zero, treatment, outcome window,
            covariates strictly before time zero): builds the unit table from the store, estimates the effect
            with each requested method beside the raw association, checks overlap and balance, and refutes.

            Examples:
              causalcart analyze study.yaml
              causalcart analyze study.yaml --json --report report.html
              causalcart analyze study.yaml --graph causes.dot
              causalcart analyze rollout.yaml --report did.html     (a spec with a did: block)
            """)
        {
            specPath, json, report, allowPoorOverlap, failOnRefutation, simulations, graph,
        };
        command.SetAction(parse =>
        {
            var spec = StudySpec.Load(parse.GetValue(specPath)!);
            if (spec.Did is not null)
            {
                if (parse.GetValue(graph) is not null)
                {
                    throw new Core.Errors.CausalCartException(Core.Errors.ErrorKind.Usage, "--graph does not go with a difference-in-differences study (a spec with 'did'): its comparison rests on parallel trends, not on an adjustment set.");
                }

                // A difference-in-differences study: its own panel, estimator and result record (DidAnalysisResult).
                var did = StudyAnalysis.RunDid(spec, console.Progress());
                console.EndProgress();
                return DidCommand.Write(console, did, parse.GetValue(json), parse.GetValue(report));
            }

            if (parse.GetValue(graph) is { } graphFile)
            {
                spec = spec with { Graph = (spec.Graph ?? new StudyGraphSpec()) with { File = Path.GetFullPath(graphFile), Text = null, TextLine = null, Format = StudyGraphFormat.Auto } };
            }

            var options = new StudyRunOptions
            {
                AllowPoorOverlap = parse.GetValue(allowPoorOverlap),
                RefutationSimulations = parse.GetValue(simulations),
            };
            var result = StudyAnalysis.Run(spec, options, console.Progress());
            console.EndProgress();
            return ResultOutput.Write(console, result, parse.GetValue(json), parse.GetValue(report), parse.GetValue(failOnRefutation));
        });
        return command;
    }
}
