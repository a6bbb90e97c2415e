using System.Diagnostics.CodeAnalysis;
using CausalCart.Core.Results;

namespace CausalCart.Features.Study;

/// <summary>
/// A study written down as a target trial (Hernán &amp; Robins 2016): the unit, who is eligible, when follow-up
/// starts (time zero), what counts as treatment and outcome and over which windows, which history becomes
/// covariates, and how effects are estimated. Built in code or read from YAML (<see cref="Parse"/>,
/// <see cref="Load"/>); YAML keys are given in brackets on each member.
/// </summary>
/// <remarks>
/// Implementation note: the record itself holds anything its types allow; validity is a property of the
/// whole spec, checked by <see cref="Validate"/> (and always by <see cref="Parse"/>), which reports every
/// problem at once. Sequence-valued members compare by reference under record equality.
/// </remarks>
public sealed record StudySpec
{
    /// <summary>(<c>study</c>) Name of the study: ASCII letters, digits, '-', '_', '.'.</summary>
    public required string Name { get; init; }

    /// <summary>(<c>data</c>) Where the data lives.</summary>
    public required DataSource Data { get; init; }

    /// <summary>(<c>unit</c>) What one row stands for.</summary>
    public required StudyUnit Unit { get; init; }

    /// <summary>(<c>time_zero</c>) When follow-up starts.</summary>
    public required TimeZeroSpec TimeZero { get; init; }

    /// <summary>(<c>eligibility</c>) Who enters; every candidate unless given.</summary>
    public EligibilitySpec Eligibility { get; init; } = EligibilitySpec.Everyone;

    /// <summary>(<c>treatment</c>) What makes a unit treated.</summary>
    public required TreatmentSpec Treatment { get; init; }

    /// <summary>(<c>instrument</c>) An instrument for the treatment, measured like it over [t0, t0 + within): a campaign exposure
    /// (a randomised encouragement such as an e-mail wave, <see cref="CampaignTreatment"/>) or an in-log action
    /// (<see cref="ActionTreatment"/>). It becomes the unit table's <c>instrument</c> column and lets the instrumental-variable
    /// methods of <see cref="IvEstimators"/> run; null (the default) for none.</summary>
    public TreatmentSpec? Instrument { get; init; }

    /// <summary>(<c>outcome</c>) What is measured after time zero.</summary>
    public required OutcomeSpec Outcome { get; init; }

    /// <summary>(<c>covariates</c>) Which history becomes covariates; <see cref="CovariateSpec.Default"/> unless given.</summary>
    public CovariateSpec Covariates { get; init; } = CovariateSpec.Default;

    /// <summary>(<c>estimators</c>) Estimators to run, by the names of <see cref="EstimatorNames"/> (<c>naive</c>, <c>regression</c>,
    /// <c>ipw</c>, <c>aipw</c>, <c>dml_plr</c>, <c>dml_irm</c>, <c>causal_forest</c>, <c>matching</c>, <c>subclassification</c>,
    /// <c>linear_dml</c>, <c>dr_learner</c>, <c>s_learner</c>, <c>t_learner</c>, <c>x_learner</c>, <c>r_learner</c>); naive and AIPW unless given.</summary>
    public IReadOnlyList<EffectMethod> Estimators { get; init; } = [EffectMethod.Naive, EffectMethod.Aipw];

    /// <summary>(<c>estimators</c>, the names <c>2sls</c>, <c>wald</c>, <c>pliv</c>, <c>dr_late</c>) Instrumental-variable methods to run;
    /// they need <see cref="Instrument"/>. Empty (the default) with an instrument runs every one that applies (<c>wald</c> and
    /// <c>dr_late</c> need a 0/1 instrument and treatment).</summary>
    public IReadOnlyList<IvMethod> IvEstimators { get; init; } = [];

    /// <summary>(<c>nuisance</c>) Learner family for nuisance models: <c>logistic</c> (default) or <c>linear</c>.</summary>
    public NuisanceLearner Nuisance { get; init; } = NuisanceLearner.Logistic;

    /// <summary>(<c>who_responds</c>) The "who responds" section: effects in groups of units ranked by their predicted effect,
    /// the best linear projection on the covariates, and per segment of one column; null (the default) leaves it out.</summary>
    public WhoRespondsSpec? WhoResponds { get; init; }

    /// <summary>(<c>refuters</c>) Refutation tests: <c>placebo</c>, <c>random_common_cause</c>, <c>subset</c>, <c>dummy_outcome</c>, <c>bootstrap</c>, <c>unobserved_common_cause</c> (a confounder correlated 0.1 with the treatment moving the outcome by 0.1 SD).
    /// Null when the key is absent: the analysis then runs placebo, random_common_cause and subset; an empty list (<c>refuters: []</c>) runs none.</summary>
    public IReadOnlyList<Refuter>? Refuters { get; init; }

    /// <summary>(<c>graph</c>) The study's causal graph, which then chooses the adjustment set; none unless given.</summary>
    public StudyGraphSpec? Graph { get; init; }

    /// <summary>(<c>did</c>) A difference-in-differences design over a staggered rollout, in place of the target-trial keys
    /// (<see cref="TimeZero"/>, <see cref="Treatment"/> and <see cref="Outcome"/> are then null and unused); null (the default) for none.</summary>
    public DidStudySpec? Did { get; init; }

    /// <summary>(<c>seed</c>) Seed for every stochastic step, 0 to <see cref="int.MaxValue"/>; 0 unless given.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Reads and validates a spec from YAML text.
    /// </summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">Name of the text's origin (a file path) for messages, or null.</param>
    /// <returns>The valid spec. Relative paths in <see cref="Data"/> are kept as written.</returns>
    /// <exception cref="StudySpecException">The text is not a valid spec; every problem is listed, with YAML lines.</exception>
    public static StudySpec Parse(string yaml, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return TryParse(yaml, out var spec, out var problems)
            ? spec
            : throw new StudySpecException(problems, sourceName);
    }

    /// <summary>Reads and validates a spec from YAML text without throwing.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="spec">The valid spec, or null.</param>
    /// <param name="problems">Every problem found (empty when the spec is valid).</param>
    /// <returns>Whether the spec is valid.</returns>
    public static bool TryParse(string yaml, [NotNullWhen(true)] out StudySpec? spec, out IReadOnlyList<StudySpecProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var list = new ProblemList();
        var read = new StudySpecYamlReader(list).Read(yaml);
        if (read is not null)
        {
            StudySpecValidator.Validate(read, list);
        }

        problems = list.ToProblems();
        spec = problems.Count == 0 ? read : null;
        return spec is not null;
    }

    /// <summary>
    /// Reads and validates a spec file. Relative paths in <see cref="Data"/> and <see cref="Graph"/> are resolved against the file's folder.
    /// </summary>
    /// <param name="path">Path of the YAML file.</param>
    /// <exception cref="StudySpecException">The file is not a valid spec; the message names the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static StudySpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var spec = Parse(File.ReadAllText(path), path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? string.Empty;
        string? Resolve(string? p) => p is null ? null : Path.GetFullPath(p, folder);
        return spec with
        {
            Data = spec.Data with
            {
                Store = Resolve(spec.Data.Store),
                Events = Resolve(spec.Data.Events),
                Exposures = Resolve(spec.Data.Exposures),
                Items = Resolve(spec.Data.Items),
                Users = Resolve(spec.Data.Users),
            },
            Graph = spec.Graph is { File: { } graphFile } graph ? graph with { File = Resolve(graphFile) } : spec.Graph,
        };
    }

    /// <summary>Every problem with this spec (empty when it is valid), without throwing.</summary>
    public IReadOnlyList<StudySpecProblem> FindProblems()
    {
        var list = new ProblemList();
        StudySpecValidator.Validate(this, list);
        return list.ToProblems();
    }

    /// <summary>Checks the whole spec and returns it unchanged when valid.</summary>
    /// <exception cref="StudySpecException">The spec is invalid; every problem is listed by key path.</exception>
    public StudySpec Validate()
    {
        var problems = FindProblems();
        return problems.Count == 0 ? this : throw new StudySpecException(problems, Name);
    }
}
