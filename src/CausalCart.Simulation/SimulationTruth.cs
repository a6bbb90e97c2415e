using CausalCart.Simulation.Engine;

namespace CausalCart.Simulation;

/// <summary>
/// The true effects of the coupon in one simulated world, written to <c>truth.json</c>. These are
/// sample estimands over the eligible users of this world, exact because both potential outcomes of
/// every user were simulated from common random numbers.
/// </summary>
/// <param name="SchemaVersion">Version of this record's JSON shape.</param>
/// <param name="Campaign">The coupon campaign's name.</param>
/// <param name="TimeZero">T0, when the coupon was assigned (midnight UTC).</param>
/// <param name="TimeZeroUnixMs">T0 in Unix milliseconds.</param>
/// <param name="Population">Who the effects are averaged over, in words.</param>
/// <param name="EligibilityDays">Look-back of the eligibility rule, in days.</param>
/// <param name="EligibleUsers">Users averaged over.</param>
/// <param name="TreatedUsers">Eligible users who got the coupon.</param>
/// <param name="ControlUsers">Eligible users who did not.</param>
/// <param name="Treatment">What treated means, in words.</param>
/// <param name="Outcomes">One entry per outcome: <c>any_buy</c>, <c>buy_count</c>, <c>revenue</c>.</param>
/// <param name="Mediation">The natural direct and indirect effects through the mediator; null (and absent from the file) unless <see cref="ShopSimOptions.Mediator"/> was set.</param>
/// <param name="Rollout">The staggered rollout's exact dynamic effects; null (and absent from the file) unless <see cref="ShopSimOptions.Rollout"/> was set.</param>
public sealed record SimulationTruth(
    string SchemaVersion,
    string Campaign,
    DateTimeOffset TimeZero,
    long TimeZeroUnixMs,
    string Population,
    int EligibilityDays,
    long EligibleUsers,
    long TreatedUsers,
    long ControlUsers,
    string Treatment,
    IReadOnlyList<OutcomeTruth> Outcomes,
    MediationTruth? Mediation = null,
    RolloutTruth? Rollout = null)
{
    /// <summary>The schema version this build writes.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>The outcome with the given name (<c>any_buy</c>, <c>buy_count</c> or <c>revenue</c>).</summary>
    /// <exception cref="ArgumentException">No outcome of that name; the message lists the names.</exception>
    public OutcomeTruth Outcome(string name) =>
        Outcomes.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"No outcome '{name}'. Outcomes: {string.Join(", ", Outcomes.Select(o => o.Name))}.", nameof(name));

    /// <summary>Reads a <c>truth.json</c> (a file path, or a directory holding one).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="System.Text.Json.JsonException">The file is not a truth record.</exception>
    public static SimulationTruth Load(string path) => SimJson.Load<SimulationTruth>(path, ShopSimFiles.Truth);
}
