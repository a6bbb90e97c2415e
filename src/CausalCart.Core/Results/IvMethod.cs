namespace CausalCart.Core.Results;

/// <summary>
/// An instrumental-variable estimation method. Specs (<c>estimators:</c>) and the CLI (<c>--methods</c>) write them
/// <c>2sls</c>, <c>wald</c>, <c>pliv</c> and <c>dr_late</c>, the names <see cref="IvEstimate.Method"/> carries.
/// New methods are appended.
/// </summary>
public enum IvMethod
{
    /// <summary>Two-stage least squares with HC1 standard errors and the robust first-stage F (<c>2sls</c>).</summary>
    TwoStageLeastSquares,

    /// <summary>The Wald ratio: the local average treatment effect of a 0/1 instrument on a 0/1 treatment, without controls (<c>wald</c>).</summary>
    Wald,

    /// <summary>Double ML, partially linear IV model (<c>pliv</c>).</summary>
    PartiallyLinearIv,

    /// <summary>The doubly robust local average treatment effect, 0/1 instrument and treatment (<c>dr_late</c>).</summary>
    DrLate,
}
