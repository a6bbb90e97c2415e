namespace CausalCart.Causal;

/// <summary>The strength of a simulated unobserved confounder U for <see cref="Refuters.UnobservedCommonCause"/>.</summary>
/// <param name="TreatmentCorrelation">Correlation of U with the treatment, in [0, 1).</param>
/// <param name="OutcomeEffect">Change of the outcome, in outcome standard deviations, per standard deviation of U (≥ 0).</param>
public sealed record UnobservedConfounder(double TreatmentCorrelation = 0.1, double OutcomeEffect = 0.1);
