namespace CausalCart.Causal.Sensitivity;

/// <summary>An observed covariate used to calibrate confounder strength, and how many times stronger the confounder is.</summary>
/// <param name="Covariate">The observed covariate X_j.</param>
/// <param name="R2TreatmentWithCovariate">R²_{D~Xj|X−j}: partial R² of the covariate in the treatment regression.</param>
/// <param name="R2OutcomeWithCovariate">R²_{Y~Xj|D,X−j}: partial R² of the covariate in the outcome regression.</param>
/// <param name="Kd">Multiple of the covariate's strength with the treatment.</param>
/// <param name="Ky">Multiple of the covariate's strength with the outcome.</param>
public sealed record Benchmark(string Covariate, double R2TreatmentWithCovariate, double R2OutcomeWithCovariate, double Kd, double Ky);
