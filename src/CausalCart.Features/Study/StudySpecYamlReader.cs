using System.Globalization;
using System.Numerics;
using CausalCart.Core.Events;
using CausalCart.Core.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CausalCart.Features.Study;

/// <summary>
/// Reads the YAML form of a study spec into a <see cref="StudySpec"/>, recording structural problems
/// (syntax, unknown or missing keys, values of the wrong shape) with their positions. Entries that cannot be
/// read are left at a neutral value; the problem list then stops the spec from being used.
/// </summary>
internal sealed class StudySpecYamlReader
{
    private static readonly string[] RootKeys =
        ["study", "data", "unit", "time_zero", "eligibility", "treatment", "outcome", "covariates", "estimators", "nuisance", "refuters", "seed", "graph", "who_responds", "instrument", "did"];

    private static readonly string[] DataKeys = ["store", "events", "format", "exposures", "items", "users"];
    private static readonly string[] TimeZeroKeys = ["at", "campaign", "first", "period"];
    private static readonly string[] PeriodKeys = ["from", "to"];
    private static readonly string[] EligibilityKeys = ["active_within"];
    private static readonly string[] TreatmentKeys = ["campaign", "arm", "action", "within"];
    private static readonly string[] OutcomeKeys = ["action", "within", "value", "after_grace", "start"];
    private static readonly string[] GraphKeys = ["file", "text", "format", "treatment", "outcome", "bad_controls"];
    private static readonly string[] WhoRespondsKeys = ["groups", "segment"];
    private static readonly string[] DidKeys = ["rollout", "arm", "start", "period", "periods", "outcome", "control", "base_period", "anticipation", "covariates", "estimation"];
    private static readonly string[] DidCovariateKeys = ["actions", "lookback"];
    private static readonly string[] DidOutcomeKeys = ["action", "value"];

    // The target-trial keys a difference-in-differences study replaces.
    private static readonly string[] NotWithDid =
        ["time_zero", "eligibility", "treatment", "instrument", "outcome", "covariates", "estimators", "nuisance", "refuters", "graph", "who_responds"];

    private static readonly string[] CovariateKeys = ["lookbacks", "families", "gap", "recency_cap"];

    private readonly ProblemList _p;

    public StudySpecYamlReader(ProblemList problems)
    {
        _p = problems;
    }

    /// <summary>Reads the spec; null when the text is not YAML or not a mapping at all.</summary>
    public StudySpec? Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            const string path = "(yaml)";
            _p.SetPosition(path, ToInt(e.Start.Line), ToInt(e.Start.Column));
            _p.Add(path, $"is not valid YAML: {Innermost(e).Message}");
            return null;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some unterminated flow collections.
            _p.Add("(yaml)", $"is not valid YAML (an unclosed '{{' or '[' perhaps): {e.Message}");
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            _p.Add("(spec)", stream.Documents.Count > 1
                ? "holds more than one YAML document: a spec is one mapping."
                : $"is not a mapping of keys ({string.Join(", ", RootKeys)}).");
            return null;
        }

        var root = Entries(rootNode, string.Empty, RootKeys);
        if (root.TryGetValue("did", out var didNode))
        {
            return ReadDidStudy(root, didNode);
        }

        var spec = new StudySpec
        {
            Name = RequiredScalar(root, "study", string.Empty) ?? string.Empty,
            Data = ReadData(root),
            Unit = RequiredEnum(root, "unit", string.Empty, StudyNames.Units, "unit") ?? StudyUnit.User,
            TimeZero = ReadTimeZero(root),
            Treatment = ReadTreatment(root, "treatment")!,
            Outcome = ReadOutcome(root),
        };

        if (root.TryGetValue("eligibility", out var eligibility))
        {
            var map = Entries(eligibility, "eligibility", EligibilityKeys);
            spec = spec with { Eligibility = new EligibilitySpec { ActiveWithin = OptionalDuration(map, "active_within", "eligibility") } };
        }

        if (root.TryGetValue("covariates", out var covariates))
        {
            spec = spec with { Covariates = ReadCovariates(covariates) };
        }

        if (root.ContainsKey("instrument"))
        {
            spec = spec with { Instrument = ReadTreatment(root, "instrument") };
        }

        if (root.TryGetValue("estimators", out var estimators))
        {
            var (effects, iv) = ReadEstimators(estimators, root.ContainsKey("instrument"));
            spec = spec with { Estimators = effects, IvEstimators = iv };
        }

        if (root.TryGetValue("nuisance", out var nuisance))
        {
            spec = spec with { Nuisance = Enum(nuisance, "nuisance", StudyNames.Nuisances, "nuisance learner") ?? NuisanceLearner.Logistic };
        }

        if (root.TryGetValue("refuters", out var refuters))
        {
            spec = spec with { Refuters = EnumList(refuters, "refuters", StudyNames.Refuters, "refuter") };
        }

        if (root.TryGetValue("graph", out var graph))
        {
            spec = spec with { Graph = ReadGraph(graph) };
        }

        if (root.TryGetValue("who_responds", out var whoResponds))
        {
            spec = spec with { WhoResponds = ReadWhoResponds(whoResponds) };
        }

        if (root.TryGetValue("seed", out var seed))
        {
            spec = spec with { Seed = Seed(seed) };
        }

        return spec;
    }

    // study, data, unit, did, seed: a difference-in-differences study; the target-trial keys are refused.
    private StudySpec ReadDidStudy(Dictionary<string, YamlNode> root, YamlNode node)
    {
        foreach (var key in NotWithDid.Where(root.ContainsKey))
        {
            _p.Add(key, "does not go with 'did': a difference-in-differences study builds its own user × period panel from did.rollout, did.period and did.outcome. "
                + "Leave it out, or drop 'did' for a target-trial study.");
        }

        const string path = "did";
        var map = Entries(node, path, DidKeys);
        var rollout = RequiredScalar(map, "rollout", path);
        var arm = OptionalScalar(map, "arm", path);
        DateTime? start = map.TryGetValue("start", out var s) ? Timestamp(s, "did.start") : null;
        if (s is null)
        {
            _p.Add("did.start", "is required: the start of period 1, e.g. 2024-01-01T00:00:00Z.");
        }

        var period = RequiredDuration(map, "period", path, "the length of one period, e.g. 7d");
        int? periods = null;
        if (RequiredScalar(map, "periods", path) is { } text)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                periods = n;
            }
            else
            {
                _p.Add("did.periods", $"'{text}' is not a whole number: the number of periods is 2 to {DidStudySpec.MaxPeriods}.");
            }
        }

        int anticipation = 0;
        if (OptionalScalar(map, "anticipation", path) is { } anticipationText)
        {
            if (int.TryParse(anticipationText, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            {
                anticipation = k;
            }
            else
            {
                _p.Add("did.anticipation", $"'{anticipationText}' is not a whole number of periods (0 or more).");
            }
        }

        CanonicalAction? action = null;
        OutcomeValue value = OutcomeValue.Any;
        if (!map.TryGetValue("outcome", out var outcomeNode))
        {
            _p.Add("did.outcome", "is required: { action: <action>, value: any | count | revenue }.");
        }
        else
        {
            var outcome = Entries(outcomeNode, "did.outcome", DidOutcomeKeys);
            action = RequiredEnum(outcome, "action", "did.outcome", StudyNames.Actions, "action");
            value = outcome.TryGetValue("value", out var v) ? Enum(v, "did.outcome.value", StudyNames.OutcomeValues, "outcome value") ?? OutcomeValue.Any : OutcomeValue.Any;
        }

        // covariates: { actions: [view, buy], lookback: 28d }
        List<CanonicalAction> covariateActions = [];
        TimeSpan covariateLookback = TimeSpan.Zero;
        if (map.TryGetValue("covariates", out var covariatesNode))
        {
            var covariates = Entries(covariatesNode, "did.covariates", DidCovariateKeys);
            if (covariates.TryGetValue("actions", out var actionsNode))
            {
                covariateActions = EnumList(actionsNode, "did.covariates.actions", StudyNames.Actions, "action");
                if (covariateActions.Count == 0 && actionsNode is YamlSequenceNode { Children.Count: 0 })
                {
                    _p.Add("did.covariates.actions", "is empty: list the actions to count per user before the start, e.g. [view, buy], or leave 'covariates' out.");
                }
            }
            else
            {
                _p.Add("did.covariates.actions", "is required: the actions to count per user before the start, e.g. [view, buy].");
            }

            covariateLookback = RequiredDuration(covariates, "lookback", "did.covariates", "how far before the start to count them (e.g. 28d)") ?? TimeSpan.Zero;
        }

        return new StudySpec
        {
            Name = RequiredScalar(root, "study", string.Empty) ?? string.Empty,
            Data = ReadData(root),
            Unit = RequiredEnum(root, "unit", string.Empty, StudyNames.Units, "unit") ?? StudyUnit.User,
            TimeZero = null!,
            Treatment = null!,
            Outcome = null!,
            Did = new DidStudySpec
            {
                Rollout = rollout ?? string.Empty,
                Arm = arm,
                Start = start ?? default,
                Period = period ?? TimeSpan.Zero,
                Periods = periods ?? 0,
                OutcomeAction = action ?? CanonicalAction.Buy,
                OutcomeValue = value,
                Control = map.TryGetValue("control", out var control) ? Enum(control, "did.control", StudyNames.DidControls, "comparison group") ?? DidControl.NeverTreated : DidControl.NeverTreated,
                BasePeriod = map.TryGetValue("base_period", out var basePeriod) ? Enum(basePeriod, "did.base_period", StudyNames.DidBases, "base period") ?? DidBase.Varying : DidBase.Varying,
                Anticipation = anticipation,
                CovariateActions = covariateActions,
                CovariateLookback = covariateLookback,
                Estimation = map.TryGetValue("estimation", out var estimation)
                    ? Enum(estimation, "did.estimation", StudyNames.DidEstimations, "estimation method") ?? DidEstimationMethod.DoublyRobust
                    : DidEstimationMethod.DoublyRobust,
            },
            Seed = root.TryGetValue("seed", out var seed) ? Seed(seed) : 0,
        };
    }

    // who_responds: true | false | { groups: 2–10, segment: <column> }
    private WhoRespondsSpec? ReadWhoResponds(YamlNode node)
    {
        const string path = "who_responds";
        if (node is YamlScalarNode)
        {
            return Boolean(node, path) == true ? new WhoRespondsSpec() : null;
        }

        var map = Entries(node, path, WhoRespondsKeys);
        var spec = new WhoRespondsSpec { Segment = OptionalScalar(map, "segment", path) };
        if (OptionalScalar(map, "groups", path) is { } groups)
        {
            if (int.TryParse(groups, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            {
                spec = spec with { Groups = k };
            }
            else
            {
                _p.Add("who_responds.groups", $"'{groups}' is not a whole number: the number of response groups is 2 to 10.");
            }
        }

        return spec;
    }

    private DataSource ReadData(Dictionary<string, YamlNode> root)
    {
        if (!root.TryGetValue("data", out var node))
        {
            _p.Add("data", "is required: either { store: <file.duckdb> } or { events: <file>, format: <format> }.");
            return null!;
        }

        var map = Entries(node, "data", DataKeys);
        var source = new DataSource
        {
            Store = OptionalScalar(map, "store", "data"),
            Events = OptionalScalar(map, "events", "data"),
            Exposures = OptionalScalar(map, "exposures", "data"),
            Items = OptionalScalar(map, "items", "data"),
            Users = OptionalScalar(map, "users", "data"),
        };
        if (map.TryGetValue("format", out var format))
        {
            if (source.Events is null && source.Store is not null)
            {
                _p.Add("data.format", "only goes with 'events': it names the layout of the event log to ingest.");
            }

            source = source with { Format = Enum(format, "data.format", StudyNames.Formats, "format") ?? EventLogFormat.Generic };
        }

        return source;
    }

    private TimeZeroSpec ReadTimeZero(Dictionary<string, YamlNode> root)
    {
        const string path = "time_zero";
        if (!root.TryGetValue(path, out var node))
        {
            _p.Add(path, "is required: one of { at: <timestamp> }, { campaign: <name> }, { first: <action> }.");
            return null!;
        }

        var map = Entries(node, path, TimeZeroKeys);
        var kind = ExactlyOne(map, path, ["at", "campaign", "first"]);
        if (map.TryGetValue("period", out var periodNode) && kind is not "first")
        {
            _p.Add("time_zero.period", "only goes with 'first': it restricts when a unit's first action may fall.");
        }

        switch (kind)
        {
            case "at":
                return Timestamp(map["at"], "time_zero.at") is { } at ? new FixedTimeZero(at) : null!;
            case "campaign":
                return Scalar(map["campaign"], "time_zero.campaign") is { } campaign ? new CampaignTimeZero(campaign) : null!;
            case "first":
                var action = Enum(map["first"], "time_zero.first", StudyNames.Actions, "action");
                StudyPeriod? period = null;
                if (periodNode is not null)
                {
                    var periodMap = Entries(periodNode, "time_zero.period", PeriodKeys);
                    var from = periodMap.TryGetValue("from", out var f) ? Timestamp(f, "time_zero.period.from") : null;
                    var to = periodMap.TryGetValue("to", out var t) ? Timestamp(t, "time_zero.period.to") : null;
                    if (periodMap.Count == 0)
                    {
                        _p.Add("time_zero.period", "is empty: give 'from', 'to' or both.");
                    }

                    period = new StudyPeriod(from, to);
                }

                return action is { } a ? new FirstActionTimeZero(a, period) : null!;
            default:
                return null!;
        }
    }

    // treatment: and instrument: share one shape: { campaign:, arm:, within: } or { action:, within: }.
    private TreatmentSpec? ReadTreatment(Dictionary<string, YamlNode> root, string path)
    {
        var required = path == "treatment";
        if (!root.TryGetValue(path, out var node))
        {
            if (required)
            {
                _p.Add(path, "is required: { campaign: <name> } or { action: <action>, within: <duration> }.");
            }

            return null;
        }

        var map = Entries(node, path, TreatmentKeys);
        var kind = ExactlyOne(map, path, ["campaign", "action"]);
        if (map.ContainsKey("arm") && kind is not "campaign")
        {
            _p.Add($"{path}.arm", $"only goes with 'campaign': it names the campaign arm that counts as {(required ? "treated" : "encouraged (instrument 1)")}.");
        }

        switch (kind)
        {
            case "campaign":
                var campaign = Scalar(map["campaign"], $"{path}.campaign");
                var arm = OptionalScalar(map, "arm", path);
                var within = OptionalDuration(map, "within", path);
                return campaign is null ? null : new CampaignTreatment(campaign, arm, within);
            case "action":
                var action = Enum(map["action"], $"{path}.action", StudyNames.Actions, "action");
                var grace = RequiredDuration(map, "within", path, $"the window after time zero in which the action counts{(required ? string.Empty : " as the instrument")}, e.g. 10m");
                return action is { } a && grace is { } g ? new ActionTreatment(a, g) : null;
            default:
                return null;
        }
    }

    // estimators: one list holding both the adjustment estimators and the instrumental-variable ones.
    private (List<EffectMethod> Effects, List<IvMethod> Iv) ReadEstimators(YamlNode node, bool hasInstrument)
    {
        const string path = "estimators";
        List<EffectMethod> effects = [];
        List<IvMethod> iv = [];
        if (Sequence(node, path) is not { } items)
        {
            return (effects, iv);
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (Scalar(items[i], itemPath) is not { } text)
            {
                continue;
            }

            string? duplicate = null;
            if (StudyNames.Estimators.TryParse(text, out var method))
            {
                duplicate = effects.Contains(method) ? StudyNames.Estimators.Name(method) : null;
                if (duplicate is null)
                {
                    effects.Add(method);
                }
            }
            else if (StudyNames.IvEstimators.TryParse(text, out var ivMethod))
            {
                duplicate = iv.Contains(ivMethod) ? StudyNames.IvEstimators.Name(ivMethod) : null;
                if (!hasInstrument)
                {
                    _p.Add(itemPath, StudySpecValidator.NeedsInstrument(ivMethod));
                }

                if (duplicate is null)
                {
                    iv.Add(ivMethod);
                }
            }
            else
            {
                _p.Add(itemPath, $"'{text}' is not a known estimator. Valid: {StudyNames.Estimators.Valid}; with an instrument also {StudyNames.IvEstimators.Valid}.");
            }

            if (duplicate is not null)
            {
                _p.Add(itemPath, $"'{duplicate}' appears twice.");
            }
        }

        return (effects, iv);
    }

    private OutcomeSpec ReadOutcome(Dictionary<string, YamlNode> root)
    {
        const string path = "outcome";
        if (!root.TryGetValue(path, out var node))
        {
            _p.Add(path, "is required: { action: <action>, within: <duration> }.");
            return null!;
        }

        var map = Entries(node, path, OutcomeKeys);
        var action = RequiredEnum(map, "action", path, StudyNames.Actions, "action");
        var within = RequiredDuration(map, "within", path, "the length of the outcome window, e.g. 7d");
        var value = map.TryGetValue("value", out var v) ? Enum(v, "outcome.value", StudyNames.OutcomeValues, "outcome value") : null;
        var afterGrace = map.TryGetValue("after_grace", out var g) && (Boolean(g, "outcome.after_grace") ?? false);
        var start = OptionalDuration(map, "start", path);
        if (action is not { } a || within is not { } w)
        {
            return null!;
        }

        return new OutcomeSpec(a, w) { Value = value ?? OutcomeValue.Any, AfterGrace = afterGrace, Start = start };
    }

    private CovariateSpec ReadCovariates(YamlNode node)
    {
        const string path = "covariates";
        var map = Entries(node, path, CovariateKeys);
        var lookbacks = new List<TimeSpan>();
        if (map.TryGetValue("lookbacks", out var l) && Sequence(l, "covariates.lookbacks") is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (Duration(items[i], $"covariates.lookbacks[{i}]") is { } d)
                {
                    lookbacks.Add(d);
                }
            }
        }

        var families = map.TryGetValue("families", out var f)
            ? EnumList(f, "covariates.families", StudyNames.Families, "covariate family")
            : [];
        if (map.Count == 0)
        {
            _p.Add(path, "is empty: leave it out for the defaults or give { lookbacks: [...], families: [...] }.");
        }

        return new CovariateSpec
        {
            Lookbacks = lookbacks,
            Families = families,
            Gap = OptionalDuration(map, "gap", path) ?? TimeSpan.Zero,
            RecencyCap = OptionalDuration(map, "recency_cap", path) ?? CovariateSpec.DefaultRecencyCap,
        };
    }

    private StudyGraphSpec? ReadGraph(YamlNode node)
    {
        const string path = "graph";
        if (node is YamlScalarNode scalar)
        {
            if (Scalar(node, path) is not { } value)
            {
                return null;
            }

            // A value with a line break is the graph itself; a single line is a file path.
            return value.Contains('\n', StringComparison.Ordinal)
                ? new StudyGraphSpec { Text = value, TextLine = TextStart(scalar) }
                : new StudyGraphSpec { File = value };
        }

        var map = Entries(node, path, GraphKeys);
        if (ExactlyOne(map, path, ["file", "text"]) is null)
        {
            return null;
        }

        var spec = new StudyGraphSpec
        {
            File = OptionalScalar(map, "file", path),
            Text = OptionalScalar(map, "text", path),
            TextLine = map.TryGetValue("text", out var textNode) && textNode is YamlScalarNode textScalar ? TextStart(textScalar) : null,
        };
        if (map.TryGetValue("format", out var format))
        {
            spec = spec with { Format = Enum(format, "graph.format", StudyNames.GraphFormats, "graph format") ?? StudyGraphFormat.Auto };
        }

        if (OptionalScalar(map, "treatment", path) is { } treatment)
        {
            spec = spec with { TreatmentNode = treatment };
        }

        if (OptionalScalar(map, "outcome", path) is { } outcome)
        {
            spec = spec with { OutcomeNode = outcome };
        }

        if (map.TryGetValue("bad_controls", out var policy))
        {
            spec = spec with { BadControls = Enum(policy, "graph.bad_controls", StudyNames.BadControlPolicies, "bad-control policy") ?? BadControlPolicy.Warn };
        }

        return spec;
    }

    // Block scalars (| or >) start on the line after their indicator.
    private static int TextStart(YamlScalarNode node) =>
        ToInt(node.Start.Line) + (node.Style is ScalarStyle.Literal or ScalarStyle.Folded ? 1 : 0);

    private int Seed(YamlNode node)
    {
        if (Scalar(node, "seed") is not { } text)
        {
            return 0;
        }

        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _p.Add("seed", $"'{text}' is not a whole number: a seed is a whole number from 0 to {int.MaxValue}.");
            return 0;
        }

        if (value < 0 || value > int.MaxValue)
        {
            _p.Add("seed", $"{text} is out of range: a seed is a whole number from 0 to {int.MaxValue}.");
            return 0;
        }

        return (int)value;
    }

    /// <summary>The entries of a mapping, recording their positions and reporting unknown and repeated keys.</summary>
    private Dictionary<string, YamlNode> Entries(YamlNode node, string path, string[] allowed)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            Position(path, node);
            _p.Add(path.Length == 0 ? "(spec)" : path, $"must be a mapping with keys from: {string.Join(", ", allowed)}.");
            return result;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : keyNode.ToString();
            var child = path.Length == 0 ? key : $"{path}.{key}";
            Position(child, keyNode);
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                _p.Add(child, $"is not a known key. Valid keys{(path.Length == 0 ? string.Empty : $" in {path}")}: {string.Join(", ", allowed)}.");
            }
            else if (!result.TryAdd(key, value))
            {
                _p.Add(child, "appears twice.");
            }
        }

        return result;
    }

    /// <summary>Which one of mutually exclusive keys is present; reports none or several.</summary>
    private string? ExactlyOne(Dictionary<string, YamlNode> map, string path, string[] choices)
    {
        var present = choices.Where(map.ContainsKey).ToList();
        if (present.Count == 1)
        {
            return present[0];
        }

        _p.Add(path, present.Count == 0
            ? $"needs one of: {string.Join(", ", choices)}."
            : $"gives {string.Join(" and ", present.Select(k => $"'{k}'"))}: give exactly one of {string.Join(", ", choices)}.");
        return null;
    }

    private string? Scalar(YamlNode node, string path)
    {
        Position(path, node);
        if (node is not YamlScalarNode scalar)
        {
            _p.Add(path, "must be a single value, not a list or mapping.");
            return null;
        }

        var text = scalar.Value;
        if (string.IsNullOrWhiteSpace(text)
            || (scalar.Style == ScalarStyle.Plain && text is "~" or "null" or "Null" or "NULL"))
        {
            _p.Add(path, "has no value.");
            return null;
        }

        return text;
    }

    private string? OptionalScalar(Dictionary<string, YamlNode> map, string key, string path) =>
        map.TryGetValue(key, out var node) ? Scalar(node, Join(path, key)) : null;

    private string? RequiredScalar(Dictionary<string, YamlNode> map, string key, string path)
    {
        if (map.TryGetValue(key, out var node))
        {
            return Scalar(node, Join(path, key));
        }

        _p.Add(Join(path, key), "is required.");
        return null;
    }

    private T? Enum<T>(YamlNode node, string path, NameTable<T> names, string what)
        where T : struct, System.Enum
    {
        if (Scalar(node, path) is not { } text)
        {
            return null;
        }

        if (names.TryParse(text, out var value))
        {
            return value;
        }

        _p.Add(path, $"'{text}' is not a known {what}. Valid: {names.Valid}.");
        return null;
    }

    private T? RequiredEnum<T>(Dictionary<string, YamlNode> map, string key, string path, NameTable<T> names, string what)
        where T : struct, System.Enum
    {
        if (map.TryGetValue(key, out var node))
        {
            return Enum(node, Join(path, key), names, what);
        }

        _p.Add(Join(path, key), $"is required. Valid: {names.Valid}.");
        return null;
    }

    private List<T> EnumList<T>(YamlNode node, string path, NameTable<T> names, string what)
        where T : struct, System.Enum
    {
        var result = new List<T>();
        if (Sequence(node, path) is not { } items)
        {
            return result;
        }

        var seen = new HashSet<T>();
        for (var i = 0; i < items.Count; i++)
        {
            if (Enum(items[i], $"{path}[{i}]", names, what) is { } value)
            {
                if (seen.Add(value))
                {
                    result.Add(value);
                }
                else
                {
                    _p.Add($"{path}[{i}]", $"'{names.Name(value)}' appears twice.");
                }
            }
        }

        return result;
    }

    private List<YamlNode>? Sequence(YamlNode node, string path)
    {
        Position(path, node);
        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        _p.Add(path, "must be a list, e.g. [a, b].");
        return null;
    }

    private TimeSpan? Duration(YamlNode node, string path)
    {
        if (Scalar(node, path) is not { } text)
        {
            return null;
        }

        if (StudyDurations.TryParse(text, out var duration))
        {
            return duration;
        }

        _p.Add(path, $"'{text}' is not a duration: write a whole number and a unit (s, m, h, d, w), e.g. 30s, 10m, 1h, 7d, 2w.");
        return null;
    }

    private TimeSpan? OptionalDuration(Dictionary<string, YamlNode> map, string key, string path) =>
        map.TryGetValue(key, out var node) ? Duration(node, Join(path, key)) : null;

    private TimeSpan? RequiredDuration(Dictionary<string, YamlNode> map, string key, string path, string meaning)
    {
        if (map.TryGetValue(key, out var node))
        {
            return Duration(node, Join(path, key));
        }

        _p.Add(Join(path, key), $"is required: {meaning}.");
        return null;
    }

    private DateTime? Timestamp(YamlNode node, string path)
    {
        if (Scalar(node, path) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
        {
            return value.UtcDateTime;
        }

        _p.Add(path, $"'{text}' is not a timestamp: write ISO 8601, e.g. 2024-01-13T00:00:00Z (no offset means UTC).");
        return null;
    }

    private bool? Boolean(YamlNode node, string path)
    {
        if (Scalar(node, path) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        _p.Add(path, $"'{text}' is not true or false.");
        return null;
    }

    private void Position(string path, YamlNode node)
    {
        if (path.Length > 0)
        {
            _p.SetPosition(path, ToInt(node.Start.Line), ToInt(node.Start.Column));
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static int ToInt(long value) => (int)Math.Clamp(value, 0, int.MaxValue);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
