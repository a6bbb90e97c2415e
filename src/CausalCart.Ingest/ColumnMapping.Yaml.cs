using System.Globalization;
using CausalCart.Core.Events;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CausalCart.Ingest;

public sealed partial record ColumnMapping
{
    private static readonly string[] YamlKeys = ["columns", "actions", "fixed_action", "timestamp", "delimiter", "header", "column_count"];
    private static readonly string[] TimestampNames = ["auto", "s", "ms", "iso"];

    /// <summary>
    /// Reads a mapping from YAML text:
    /// <code>
    /// columns: { user_id: visitor, item_id: sku, action: event, timestamp: ts }
    /// actions: { pageview: view, add: cart }
    /// timestamp: ms          # auto | s | ms | iso
    /// delimiter: ','         # one character; 'tab' or "\t" for a tab
    /// header: true
    /// fixed_action: buy      # instead of an action column
    /// column_count: 5        # without a header
    /// </code>
    /// </summary>
    /// <exception cref="FormatException">The YAML is malformed, or has an unknown key, role, action or value; the message names it and lists the valid ones.</exception>
    /// <exception cref="ArgumentException">The mapping is incomplete (see <see cref="Validate"/>).</exception>
    public static ColumnMapping FromYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"The column mapping is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException($"A column mapping must be a YAML mapping with keys {string.Join(", ", YamlKeys)}.");
        }

        IReadOnlyDictionary<EventColumn, string>? columns = null;
        var actions = new Dictionary<string, CanonicalAction>(StringComparer.Ordinal);
        CanonicalAction? fixedAction = null;
        var timestamp = TimestampFormat.Auto;
        var delimiter = ',';
        var header = true;
        int? columnCount = null;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = Scalar(keyNode, "a key");
            switch (key)
            {
                case "columns":
                    columns = ReadColumns(valueNode);
                    break;
                case "actions":
                    foreach (var (valueKey, actionNode) in Mapping(valueNode, "actions"))
                    {
                        var source = Scalar(valueKey, "an action value");
                        var target = Scalar(actionNode, $"the action of '{source}'");
                        if (!CanonicalActions.TryParse(target, out var action))
                        {
                            throw new FormatException($"Action value '{source}' maps to '{target}', which is not a canonical action. Valid actions: {ValidActions()}.");
                        }

                        if (!actions.TryAdd(source, action))
                        {
                            throw new FormatException($"Action value '{source}' appears twice under 'actions'.");
                        }
                    }

                    break;
                case "fixed_action":
                    var fixedName = Scalar(valueNode, "fixed_action");
                    fixedAction = CanonicalActions.TryParse(fixedName, out var fixedValue)
                        ? fixedValue
                        : throw new FormatException($"fixed_action '{fixedName}' is not a canonical action. Valid actions: {ValidActions()}.");
                    break;
                case "timestamp":
                    timestamp = ParseTimestampFormat(Scalar(valueNode, "timestamp"));
                    break;
                case "delimiter":
                    var text = Scalar(valueNode, "delimiter");
                    delimiter = text switch
                    {
                        "tab" or "\\t" => '\t',
                        _ when text.Length == 1 => text[0],
                        _ => throw new FormatException($"delimiter '{text}' must be exactly one character (or 'tab')."),
                    };
                    break;
                case "header":
                    var headerText = Scalar(valueNode, "header");
                    header = bool.TryParse(headerText, out var h) ? h : throw new FormatException($"header '{headerText}' must be true or false.");
                    break;
                case "column_count":
                    var countText = Scalar(valueNode, "column_count");
                    columnCount = int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0
                        ? c
                        : throw new FormatException($"column_count '{countText}' must be a positive integer.");
                    break;
                default:
                    throw new FormatException($"Unknown key '{key}' in the column mapping. Valid keys: {string.Join(", ", YamlKeys)}.");
            }
        }

        if (columns is null)
        {
            throw new FormatException($"The column mapping has no 'columns' key. Valid roles under it: {string.Join(", ", EventColumns.Names)}.");
        }

        var mapping = new ColumnMapping
        {
            Columns = columns,
            Actions = actions,
            FixedAction = fixedAction,
            Timestamp = timestamp,
            Delimiter = delimiter,
            HasHeader = header,
            ColumnCount = columnCount,
        };
        mapping.Validate();
        return mapping;
    }

    /// <summary>Reads a mapping from a YAML file (see <see cref="FromYaml"/>).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist; the message names the path.</exception>
    /// <exception cref="FormatException">The file's content is not a valid mapping; the message names the file.</exception>
    public static ColumnMapping LoadYaml(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Column mapping file '{path}' does not exist.", path);
        }

        try
        {
            return FromYaml(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses a timestamp format name: <c>auto</c>, <c>s</c>, <c>ms</c> or <c>iso</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">Any other name; the message lists the valid ones.</exception>
    public static TimestampFormat ParseTimestampFormat(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "auto" => TimestampFormat.Auto,
            "s" => TimestampFormat.UnixSeconds,
            "ms" => TimestampFormat.UnixMilliseconds,
            "iso" => TimestampFormat.Iso8601,
            _ => throw new FormatException($"Unknown timestamp format '{name}'. Valid formats: {string.Join(", ", TimestampNames)}."),
        };
    }

    private static Dictionary<EventColumn, string> ReadColumns(YamlNode node)
    {
        var columns = new Dictionary<EventColumn, string>();
        foreach (var (roleNode, sourceNode) in Mapping(node, "columns"))
        {
            var roleName = Scalar(roleNode, "a column role");
            if (!EventColumns.TryParse(roleName, out var role))
            {
                throw new FormatException($"Unknown column role '{roleName}' under 'columns'. Valid roles: {string.Join(", ", EventColumns.Names)}.");
            }

            if (!columns.TryAdd(role, Scalar(sourceNode, $"the column of '{roleName}'")))
            {
                throw new FormatException($"Column role '{roleName}' appears twice under 'columns'.");
            }
        }

        return columns;
    }

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Mapping(YamlNode node, string key)
    {
        return node is YamlMappingNode mapping
            ? mapping.Children
            : throw new FormatException($"'{key}' must be a mapping like {{ name: value, … }} (line {node.Start.Line}).");
    }

    private static string Scalar(YamlNode node, string what)
    {
        return node is YamlScalarNode { Value: { } value }
            ? value
            : throw new FormatException($"Expected a single value for {what} (line {node.Start.Line}).");
    }

    private static string ValidActions() => string.Join(", ", CanonicalActions.All.Select(CanonicalActions.Name));
}
