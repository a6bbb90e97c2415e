using CausalCart.Core.Results;

namespace CausalCart.Features.Study;

/// <summary>
/// The estimator names shared by study specs (<c>estimators:</c>) and <c>causalcart estimate --methods</c>, so that both
/// accept the same words.
/// </summary>
public static class EstimatorNames
{
    /// <summary>Every valid name, comma-separated, in the order messages list them.</summary>
    public static string Valid => StudyNames.Estimators.Valid;

    /// <summary>The method a name stands for (case-insensitive).</summary>
    public static bool TryParse(string name, out EffectMethod method) => StudyNames.Estimators.TryParse(name, out method);

    /// <summary>The name of a method, as specs and the CLI write it.</summary>
    public static string Name(EffectMethod method) => StudyNames.Estimators.Name(method);
}
