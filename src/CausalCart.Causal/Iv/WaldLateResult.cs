namespace CausalCart.Causal.Iv;

/// <summary>Local average treatment effect from a binary instrument and a binary treatment (Wald estimator).</summary>
/// <param name="Estimate">LATE = ITT_Y / ITT_D: the effect among compliers (Imbens &amp; Angrist 1994).</param>
/// <param name="StdError">Influence-function (delta-method) standard error.</param>
/// <param name="CiLower">Lower end of the two-sided normal interval.</param>
/// <param name="CiUpper">Upper end of the interval.</param>
/// <param name="IntentToTreat">ITT_Y = E[Y | Z=1] − E[Y | Z=0].</param>
/// <param name="IntentToTreatStdError">Unpooled two-sample standard error of <paramref name="IntentToTreat"/>.</param>
/// <param name="ComplierShare">First stage ITT_D = P(D=1 | Z=1) − P(D=1 | Z=0): the complier share under monotonicity.</param>
/// <param name="ComplierShareStdError">Unpooled two-sample standard error of <paramref name="ComplierShare"/>.</param>
/// <param name="Count">Number of rows.</param>
/// <param name="InstrumentEqualsTreatment">Whether Z = D on every row (full compliance): then LATE = ITT = the difference in means.</param>
/// <param name="Notes">Warnings and remarks.</param>
public sealed record WaldLateResult(
    double Estimate,
    double StdError,
    double CiLower,
    double CiUpper,
    double IntentToTreat,
    double IntentToTreatStdError,
    double ComplierShare,
    double ComplierShareStdError,
    int Count,
    bool InstrumentEqualsTreatment,
    IReadOnlyList<string> Notes);
