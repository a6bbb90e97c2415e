namespace CausalCart.Causal.DiD;

/// <summary>
/// A long-format panel as columns, one entry per unit-period row, for <see cref="DidPanel.Create"/>. All columns have one
/// length; rows may come in any order.
/// </summary>
/// <param name="Unit">Unit id of each row (e.g. county, user, region).</param>
/// <param name="Period">Period of each row (e.g. a year or a week number); any increasing integer scale.</param>
/// <param name="Outcome">Outcome Y of each row; must be finite.</param>
/// <param name="FirstTreated">
/// First-treated period g of the row's unit (the same on every row of a unit): the first period in which the unit is
/// treated, 0 for a unit never treated. Treatment is absorbing (once treated, always treated); build the column from a 0/1
/// treatment indicator with <see cref="DidPanel.FirstTreatedFromIndicator"/>, which rejects treatment reversals.
/// </param>
/// <param name="Covariates">Optional covariates, each a named column of finite values. The estimators use a unit's values in the base period of each comparison.</param>
/// <param name="Cluster">Optional cluster id of each row (e.g. state), constant within a unit, for standard errors clustered coarser than the unit.</param>
public sealed record DidPanelColumns(
    IReadOnlyList<long> Unit,
    IReadOnlyList<int> Period,
    IReadOnlyList<double> Outcome,
    IReadOnlyList<int> FirstTreated,
    IReadOnlyList<DidCovariate>? Covariates = null,
    IReadOnlyList<long>? Cluster = null);

/// <summary>One named covariate column of a <see cref="DidPanelColumns"/>.</summary>
/// <param name="Name">Name used in messages and results.</param>
/// <param name="Values">One finite value per row.</param>
public sealed record DidCovariate(string Name, IReadOnlyList<double> Values);
