namespace CausalCart.Causal.Graphs;

/// <summary>
/// The identification step of model → identify → estimate → refute: runs every criterion of
/// <see cref="Identification"/> and the <see cref="IdAlgorithm"/> for one treatment and outcome and picks a
/// strategy (adjustment, then front-door, then the general formula). Pure and deterministic.
/// </summary>
public static class CausalIdentifier
{
    /// <summary>Identifies the effect of <paramref name="treatment"/> on <paramref name="outcome"/> in <paramref name="graph"/>.</summary>
    /// <exception cref="Core.Errors.CausalCartException">A name is not in the graph, or treatment equals outcome.</exception>
    public static IdentificationReport Identify(CausalGraph graph, string treatment, string outcome)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var adj = Identification.MinimalAdjustmentSet(graph, [treatment], [outcome]);
        IReadOnlyList<string>? opt = adj is not null && !graph.HasLatentConfounders
            ? Identification.OptimalAdjustmentSet(graph, [treatment], [outcome])
            : null;
        var fd = adj is null ? Identification.FindFrontDoorSet(graph, treatment, outcome) : null;
        var iv = Identification.FindInstruments(graph, treatment, outcome);
        var id = IdAlgorithm.Identify(graph, [treatment], [outcome]);
        if (adj is not null)
        {
            var set = opt ?? adj;
            string f = Identification.AdjustmentFormula([treatment], [outcome], set);
            string what = set.Count == 0 ? "no adjustment is needed" : $"adjusting for {string.Join(", ", set)} removes confounding";
            return new(treatment, outcome, IdentificationStrategy.Adjustment, adj, opt, fd, iv, id, f,
                $"The effect of {treatment} on {outcome} can be estimated: {what}.");
        }

        if (fd is not null)
        {
            string f = Identification.FrontDoorFormula(treatment, outcome, fd);
            return new(treatment, outcome, IdentificationStrategy.FrontDoor, null, null, fd, iv, id, f,
                $"The effect of {treatment} on {outcome} can be estimated through {string.Join(", ", fd)}, which carries the whole effect and is not confounded with {treatment} (front-door).");
        }

        if (id.IsIdentifiable)
        {
            return new(treatment, outcome, IdentificationStrategy.GeneralId, null, null, null, iv, id, id.Estimand, id.Verdict);
        }

        string ivNote = iv.Count > 0 ? $" An instrument ({string.Join(", ", iv.Select(i => i.Name))}) can still give an estimate under extra (e.g. linear or monotone) assumptions." : "";
        return new(treatment, outcome, IdentificationStrategy.NotIdentifiable, null, null, null, iv, id, null, id.Verdict + ivNote);
    }
}
