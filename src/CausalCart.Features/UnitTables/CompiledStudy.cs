using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CausalCart.Features.UnitTables;

/// <summary>
/// A study compiled to one DuckDB query that returns the unit table: the columns of <see cref="Columns"/> in
/// order, one row per eligible unit, ordered by the key columns. Keys are INTEGER, <c>t0</c> is TIMESTAMP, every
/// other column is DOUBLE and never NULL.
/// </summary>
/// <param name="Sql">The query, with <c>$name</c> parameters.</param>
/// <param name="Parameters">The parameter values, by name.</param>
/// <param name="Columns">The result columns with their roles, in result order.</param>
public sealed partial record CompiledStudy(string Sql, IReadOnlyList<StudySqlParameter> Parameters, IReadOnlyList<StudyColumn> Columns)
{
    /// <summary>
    /// The query with each parameter replaced by a literal (strings quoted, quotes doubled), for reports and
    /// for running where parameters cannot be bound.
    /// </summary>
    /// <exception cref="InvalidOperationException">The query names a parameter that <see cref="Parameters"/> lacks.</exception>
    public string InlineSql()
    {
        var values = Parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        return ParameterPattern().Replace(Sql, m =>
        {
            var name = m.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"The query uses ${name} but no such parameter was compiled.");
            }

            return Literal(value);
        });
    }

    /// <summary>
    /// The query with <c>$name</c> parameters renumbered <c>$1</c>, <c>$2</c>, … in the order of
    /// <see cref="Parameters"/>, for bindings that bind by position.
    /// </summary>
    /// <exception cref="InvalidOperationException">The query names a parameter that <see cref="Parameters"/> lacks.</exception>
    public string PositionalSql()
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Parameters.Count; i++)
        {
            positions.Add(Parameters[i].Name, i + 1);
        }

        return ParameterPattern().Replace(Sql, m => positions.TryGetValue(m.Groups[1].Value, out var position)
            ? "$" + position.ToString(CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The query uses {m.Value} but no such parameter was compiled."));
    }

    /// <summary>A SQL literal for a parameter value: a decimal for integers, a single-quoted string otherwise.</summary>
    internal static string Literal(object value) => value switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => new StringBuilder(s.Length + 2).Append('\'').Append(s.Replace("'", "''", StringComparison.Ordinal)).Append('\'').ToString(),
        _ => throw new InvalidOperationException($"Unsupported parameter value type {value.GetType().Name}."),
    };

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterPattern();
}
