using System.Globalization;

namespace CausalCart.Simulation;

/// <summary>
/// The per-user table of <c>mediation_users.csv</c> (written with <see cref="ShopSimOptions.Mediator"/>), one array per
/// column, rows in user order: the targeting features x = (B30, V7, R), the treatment T, the mediator M = M(T), the
/// observed any-buy outcome Y, and the truths M(0), M(1), Y(0, M(0)), Y(1, M(0)), Y(1, M(1)).
/// </summary>
/// <param name="UserIds">User ids.</param>
/// <param name="BuysLookBack">B30: buys in [T0 − EligibilityDays, T0).</param>
/// <param name="Views7">V7: views in [T0 − 7 d, T0).</param>
/// <param name="RecencyDays">R: days from the last event before T0 to T0.</param>
/// <param name="Treated">T (0/1).</param>
/// <param name="Mediator">M = M(T) (0/1).</param>
/// <param name="Outcome">Y = Y(T, M(T)): any buy in the outcome window (0/1).</param>
/// <param name="M0">M(0).</param>
/// <param name="M1">M(1).</param>
/// <param name="Y00">Y(0, M(0)).</param>
/// <param name="Y10">Y(1, M(0)).</param>
/// <param name="Y11">Y(1, M(1)).</param>
public sealed record MediationUserTable(
    long[] UserIds,
    double[] BuysLookBack,
    double[] Views7,
    double[] RecencyDays,
    double[] Treated,
    double[] Mediator,
    double[] Outcome,
    double[] M0,
    double[] M1,
    double[] Y00,
    double[] Y10,
    double[] Y11)
{
    /// <summary>Rows.</summary>
    public int Count => UserIds.Length;

    /// <summary>Reads <c>mediation_users.csv</c> (a file path, or a ShopSim output directory holding one).</summary>
    /// <exception cref="FileNotFoundException">No such file (the world was simulated without a mediator?).</exception>
    /// <exception cref="FormatException">The header is not <see cref="ShopSimFiles.MediationUsersHeader"/> or a row is malformed (the message names the line).</exception>
    public static MediationUserTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = Directory.Exists(path) ? Path.Combine(path, ShopSimFiles.MediationUsers) : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file} does not exist; simulate with a mediator (ShopSimOptions.Mediator, `causalcart simulate --mediator cart`) to write it.", file);
        }

        using var reader = new StreamReader(file);
        var header = reader.ReadLine();
        if (header != ShopSimFiles.MediationUsersHeader)
        {
            throw new FormatException($"{file}: header '{header}' is not '{ShopSimFiles.MediationUsersHeader}'.");
        }

        const int columns = 12;
        var ids = new List<long>();
        var values = new List<double>[columns - 1];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = [];
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var fields = line.Split(',');
            if (fields.Length != columns || !long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                throw new FormatException($"{file}, line {lineNumber}: expected {columns} fields starting with a user id, got '{line}'.");
            }

            ids.Add(id);
            for (var c = 1; c < columns; c++)
            {
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    throw new FormatException($"{file}, line {lineNumber}: field {c + 1} '{fields[c]}' is not a number.");
                }

                values[c - 1].Add(v);
            }
        }

        // File order: buys_lookback, views_7d, recency_days, treated, m0, m1, mediator, y_any, y00_any, y10_any, y11_any.
        double[] Col(int c) => [.. values[c]];
        return new MediationUserTable([.. ids], Col(0), Col(1), Col(2), Col(3), Col(6), Col(7), Col(4), Col(5), Col(8), Col(9), Col(10));
    }
}
