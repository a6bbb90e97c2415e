using CausalCart.Causal;
using CausalCart.Causal.Dml;
using CausalCart.Causal.Heterogeneity;
using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Analysis;

/// <summary>
/// The "who responds" section: runs <see cref="HeterogeneityAnalysis"/> (cross-fitted AIPW scores, segment effects, the
/// best linear projection and learned response groups) and turns it into the result record the reports show.
/// </summary>
internal static class WhoResponds
{
    public static EffectHeterogeneity Analyze(EffectData data, EffectOptions effectOptions, EffectAnalysisOptions options, IReadOnlyList<string>? segments)
    {
        var learners = options.Learners ?? NuisanceLearners.Linear;
        var analysis = new HeterogeneityAnalysis(
            effectOptions with { Estimands = [Estimand.Ate] },
            new DmlOptions { Learners = learners },
            new HeterogeneityOptions(options.WhoRespondsGroups));
        HeterogeneityResult result;
        try
        {
            // The scores of the AIPW estimate itself (same folds and nuisance models), so the section's overall effect is the
            // AIPW ATE the report shows and every group effect is a mean of the same scores.
            double[] scores = new AipwEstimator(effectOptions with { Estimands = [Estimand.Ate] }, options.Learners).AteScores(data);
            result = analysis.Analyze(data, segments, scores);
        }
        catch (ArgumentException e)
        {
            throw new Core.Errors.CausalCartException(Core.Errors.ErrorKind.Usage, "The who-responds analysis cannot run on these data: " + Core.Errors.UserMessage.Of(e), e);
        }

        string basis = $"The doubly robust (AIPW) estimate's own per-unit scores ({effectOptions.Folds}-fold cross-fitted " +
            (options.Learners is null ? "GLM" : "flexible") +
            " propensity and outcome models), averaged within each group; response groups rank units by an out-of-fold " +
            "prediction of their effect, so the group effects are not chosen by the same data they report.";
        return new EffectHeterogeneity(
            basis,
            effectOptions.ConfidenceLevel,
            null,
            result.Segments is null ? [] : [.. result.Segments.OrderByDescending(s => s.Units).ThenBy(s => s.Segment, StringComparer.Ordinal).Select(Group)],
            [.. result.LearnedSegments.Select(Group)],
            Term(result.TopMinusBottom),
            result.HeterogeneityDetected,
            [.. result.Projection.Terms.Select(Term)],
            result.WhoResponds);
    }

    private static GroupEffect Group(SegmentEffect s) => new(s.Segment, s.Units, s.Estimate, s.StdError, s.CiLower, s.CiUpper);

    private static ProjectionTerm Term(CoefficientEstimate c) => new(c.Term, c.Estimate, c.StdError, c.CiLower, c.CiUpper, c.PValue);
}
