namespace CausalCart.Pipeline.Tables;

/// <summary>
/// A unit table turned into what estimators take: an outcome vector, a 0/1 treatment vector and a
/// dense covariate matrix, with the encoding that produced it.
/// </summary>
/// <param name="Outcome">Outcome per kept row (n).</param>
/// <param name="Treatment">1 for treated, 0 for control, per kept row (n).</param>
/// <param name="Covariates">Covariates, row-major (n × p).</param>
/// <param name="CovariateNames">Names of the p covariate columns (one-hot columns are named <c>column=level</c>).</param>
/// <param name="Groups">Group id per kept row (e.g. the user of a user_item unit) for grouped cross-fitting; null when units are independent.</param>
/// <param name="RowsDropped">Rows dropped because the outcome or the treatment was missing.</param>
/// <param name="Notes">What the encoding did, in sentences (imputed columns, dropped constant columns, the reference level of each categorical).</param>
public sealed record DesignMatrix(
    double[] Outcome,
    double[] Treatment,
    double[] Covariates,
    IReadOnlyList<string> CovariateNames,
    int[]? Groups,
    int RowsDropped,
    IReadOnlyList<string> Notes)
{
    /// <summary>Rows (units) kept.</summary>
    public int RowCount => Outcome.Length;

    /// <summary>Covariate columns.</summary>
    public int ColumnCount => CovariateNames.Count;

    /// <summary>
    /// The source table's row index of each kept row (length n, ascending), so that other columns of the table (e.g. a
    /// segment for the "who responds" section) can be aligned with the design; null when the builder did not record them.
    /// </summary>
    public int[]? KeptRows { get; init; }
}
