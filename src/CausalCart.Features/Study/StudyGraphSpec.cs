namespace CausalCart.Features.Study;

/// <summary>
/// The causal graph of a study (<c>graph</c>): the analyst's assumptions about what causes what. When given, the
/// graph decides which covariates are adjusted for (a valid adjustment set among the unit table's columns) and
/// requested covariates it marks as mediators, colliders or descendants of the treatment are reported (or refused).
/// Graph nodes name unit-table columns; nodes with no column are treated as unmeasured. The graph text itself is
/// parsed and checked when the study runs (CausalCart.Causal's GraphParser), with errors pointing at its lines.
/// </summary>
/// <remarks>
/// YAML: <c>graph: causes.dot</c> (a file), <c>graph: |</c> followed by the graph text, or a mapping
/// <c>{ file | text, format, treatment, outcome, bad_controls }</c>.
/// </remarks>
public sealed record StudyGraphSpec
{
    /// <summary>(<c>file</c>) Path of the graph file (relative paths resolve against the spec's folder); null when <see cref="Text"/> is given.</summary>
    public string? File { get; init; }

    /// <summary>(<c>text</c>) The graph written inline; null when <see cref="File"/> is given.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// The 1-based spec line on which <see cref="Text"/> starts, so that graph errors point into the spec; null when
    /// the text was not read from YAML.
    /// </summary>
    public int? TextLine { get; init; }

    /// <summary>(<c>format</c>) <c>auto</c> (default), <c>dot</c>, <c>mermaid</c> or <c>yaml</c>.</summary>
    public StudyGraphFormat Format { get; init; } = StudyGraphFormat.Auto;

    /// <summary>(<c>treatment</c>) The graph node that stands for the study's treatment; <c>treatment</c> unless given.</summary>
    public string TreatmentNode { get; init; } = "treatment";

    /// <summary>(<c>outcome</c>) The graph node that stands for the study's outcome; <c>outcome</c> unless given.</summary>
    public string OutcomeNode { get; init; } = "outcome";

    /// <summary>(<c>bad_controls</c>) What to do when requested covariates include bad controls; <c>warn</c> unless given.</summary>
    public BadControlPolicy BadControls { get; init; } = BadControlPolicy.Warn;
}

/// <summary>The text format of a study's causal graph.</summary>
public enum StudyGraphFormat
{
    /// <summary>Detected from the text.</summary>
    Auto,

    /// <summary>A DOT subset (<c>digraph G { a -> b; }</c>).</summary>
    Dot,

    /// <summary>A Mermaid <c>graph</c>/<c>flowchart</c> subset.</summary>
    Mermaid,

    /// <summary>A YAML edge list.</summary>
    Yaml,
}

/// <summary>What a study does when its requested covariates include controls the causal graph marks as bad.</summary>
public enum BadControlPolicy
{
    /// <summary>Leave them out of the adjustment and warn (the result's warnings and identification section).</summary>
    Warn,

    /// <summary>Refuse to run the analysis (exit code 2), naming each bad control and why.</summary>
    Refuse,
}
