namespace CausalCart.Core.Results;

/// <summary>
/// Everything one analysis produced: the design it ran, the association, the causal estimates, the
/// diagnostics and the refutations. The CLI's <c>--json</c>, the API and the reports all carry this record.
/// </summary>
/// <param name="SchemaVersion">Always <see cref="SchemaVersions.Analysis"/> when produced by this version.</param>
/// <param name="Study">The study's name.</param>
/// <param name="Design">The design in words.</param>
/// <param name="Association">Unadjusted comparison of the arms.</param>
/// <param name="Estimates">Causal estimates, in the order requested.</param>
/// <param name="Overlap">Propensity overlap, when a propensity model was fitted.</param>
/// <param name="Balance">Covariate balance, when a propensity model was fitted.</param>
/// <param name="Refutations">Refutation tests run.</param>
/// <param name="Truth">The true effects where the data come from a simulator (demo, validation); null otherwise.</param>
/// <param name="Warnings">Sentences a user should read first.</param>
/// <param name="Manifest">What ran on what: inputs, seed, version.</param>
/// <param name="Identification">The causal-graph identification section (schema 1.1), when the study gave a graph; null otherwise.</param>
/// <param name="Heterogeneity">Who responds (schema 1.2): effects by segment and by learned response group, when requested; null otherwise.</param>
/// <param name="InstrumentalVariables">The instrumental-variable estimates (schema 1.3), when the study or table gave an instrument; null otherwise.
/// Its own schema version is <see cref="SchemaVersions.Iv"/>.</param>
public sealed record AnalysisResult(
    string SchemaVersion,
    string Study,
    StudyDescription Design,
    Association Association,
    IReadOnlyList<EffectEstimate> Estimates,
    OverlapDiagnostics? Overlap,
    BalanceDiagnostics? Balance,
    IReadOnlyList<Refutation> Refutations,
    TrueEffects? Truth,
    IReadOnlyList<string> Warnings,
    RunManifest Manifest,
    GraphIdentification? Identification = null,
    EffectHeterogeneity? Heterogeneity = null,
    IvAnalysisResult? InstrumentalVariables = null);

/// <summary>A study's design in words and numbers, as the report shows it.</summary>
/// <param name="Unit">The unit of analysis (<c>user</c>, <c>user_item</c>, or <c>row</c> for a given unit table).</param>
/// <param name="TimeZero">When follow-up starts, in words.</param>
/// <param name="Eligibility">Who is eligible, in words.</param>
/// <param name="Treatment">What counts as treated, in words.</param>
/// <param name="Outcome">The outcome and its window, in words.</param>
/// <param name="Covariates">Names of the covariates adjusted for (all measured strictly before time zero).</param>
/// <param name="Nuisance">The learner family used for propensity and outcome models.</param>
/// <param name="Units">Eligible units analysed.</param>
/// <param name="Treated">Treated units.</param>
/// <param name="Control">Control units.</param>
public sealed record StudyDescription(
    string Unit,
    string TimeZero,
    string Eligibility,
    string Treatment,
    string Outcome,
    IReadOnlyList<string> Covariates,
    string Nuisance,
    long Units,
    long Treated,
    long Control);

/// <summary>Known true effects (from a simulator's potential outcomes, or a benchmark's published truth).</summary>
/// <param name="Ate">True average treatment effect over the analysed units.</param>
/// <param name="Att">True average effect on the treated.</param>
/// <param name="Source">Where the truth comes from, in words.</param>
public sealed record TrueEffects(double Ate, double Att, string Source);

/// <summary>The provenance of a result: enough to reproduce it.</summary>
/// <param name="Tool">Tool name and version.</param>
/// <param name="CreatedAt">When the result was produced (UTC).</param>
/// <param name="Seed">The seed every stochastic step derived its randomness from.</param>
/// <param name="Inputs">Input files with their SHA-256.</param>
public sealed record RunManifest(string Tool, DateTimeOffset CreatedAt, int Seed, IReadOnlyList<InputFile> Inputs);

/// <summary>An input file and its content hash.</summary>
/// <param name="Path">Path as given.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
public sealed record InputFile(string Path, string Sha256);
