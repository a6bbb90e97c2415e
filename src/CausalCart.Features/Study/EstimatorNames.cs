using CausalCart.Core.Results;

namespace CausalCart.Features.Study;

/// <summary>
/// The estimator names shared by study specs (<c>estimators:</c>) and <c>causalcart estimate --methods</c>, so that both
/// accept the same words. The instrumental-variable methods (<see cref="IvMethod"/>) have names of their own, accepted in the
/// same places when an instrument is given.
/// </summary>
public static class EstimatorNames
{
    /// <summary>Every valid name, comma-separated, in the order messages list them.</summary>
    public static string Valid => StudyNames.Estimators.Valid;

    /// <summary>The method a name stands for (case-insensitive).</summary>
    public static bool TryParse(string name, out EffectMethod method) => StudyNames.Estimators.TryParse(name, out method);

    /// <summary>The name of a method, as specs and the CLI write it.</summary>
    public static string Name(EffectMethod method) => StudyNames.Estimators.Name(method);

    /// <summary>Whether a spec can name <paramref name="method"/> in <c>estimators:</c> (not every <see cref="EffectMethod"/>
    /// is a study estimator: the DiD and multi-arm methods have their own entry points).</summary>
    public static bool IsEstimator(EffectMethod method) => StudyNames.Estimators.IsDefined(method);

    /// <summary>Every valid instrumental-variable method name (<c>2sls, wald, pliv, dr_late</c>), comma-separated.</summary>
    public static string ValidIv => StudyNames.IvEstimators.Valid;

    /// <summary>The instrumental-variable method a name stands for (case-insensitive).</summary>
    public static bool TryParseIv(string name, out IvMethod method) => StudyNames.IvEstimators.TryParse(name, out method);

    /// <summary>The name of an instrumental-variable method, as specs, the CLI and <see cref="IvEstimate.Method"/> write it.</summary>
    public static string Name(IvMethod method) => StudyNames.IvEstimators.Name(method);
}
