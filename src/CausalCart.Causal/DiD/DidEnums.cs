namespace CausalCart.Causal.DiD;

/// <summary>What <see cref="DidPanel"/> does when some units are not observed in every period.</summary>
public enum UnbalancedPanelHandling
{
    /// <summary>Refuse the panel: <see cref="DidPanel.Create"/> throws, naming the first incomplete unit and a missing period.</summary>
    Reject,

    /// <summary>Drop every unit that misses a period (a balanced sub-panel); <see cref="DidPanel.DroppedUnits"/> counts them.</summary>
    DropIncompleteUnits,
}

/// <summary>Which units serve as controls for a group-time average treatment effect.</summary>
public enum DidControlGroup
{
    /// <summary>Only never-treated units (first-treated period 0). The default, as in the R <c>did</c> package.</summary>
    NeverTreated,

    /// <summary>
    /// Never-treated units and units not yet treated by the later of the current and base periods (plus the
    /// anticipation periods), other than the group itself.
    /// </summary>
    NotYetTreated,
}

/// <summary>How each 2×2 comparison is adjusted for covariates (Sant'Anna &amp; Zhao 2020; the <c>did</c> package's <c>est_method</c>).</summary>
public enum DidEstimation
{
    /// <summary>Doubly robust: logistic propensity plus a linear model of the control units' outcome change (<c>"dr"</c>). The default.</summary>
    DoublyRobust,

    /// <summary>Outcome regression: a linear model of the control units' outcome change (Heckman, Ichimura &amp; Todd 1997; <c>"reg"</c>).</summary>
    OutcomeRegression,

    /// <summary>Normalised inverse probability weighting with a logistic propensity (Abadie 2005; <c>"ipw"</c>).</summary>
    Ipw,
}

/// <summary>The base period of each group-time effect.</summary>
public enum DidBasePeriod
{
    /// <summary>
    /// Post-treatment cells compare with the last period before treatment (g − 1 − anticipation); pre-treatment
    /// cells compare period t with t − 1, so pre-period estimates are placebo "short differences". The default, as in <c>did</c>.
    /// </summary>
    Varying,

    /// <summary>Every cell compares with the last period before treatment; that reference cell is reported as exactly 0 with no error.</summary>
    Universal,
}

/// <summary>How group-time effects are summarised (Callaway &amp; Sant'Anna 2021, section 3; <c>did::aggte</c>).</summary>
public enum DidAggregation
{
    /// <summary>A weighted average of all post-treatment ATT(g, t), weights proportional to group size.</summary>
    Simple,

    /// <summary>By event time e = t − g (event study), weights proportional to group size among groups observed at e; overall = mean over e ≥ 0.</summary>
    Dynamic,

    /// <summary>By group: the mean of a group's post-treatment ATT(g, t); overall = group-size-weighted mean.</summary>
    Group,

    /// <summary>By calendar period: the group-size-weighted mean of the groups treated by t; overall = mean over periods.</summary>
    Calendar,
}
