using System.Globalization;
using CausalCart.Causal.Dml;

namespace CausalCart.Causal.Iv;

/// <summary>
/// Double ML for the partially linear IV model (PLIV; Chernozhukov et al. 2018, Econometrics Journal 21:C1, §4.2):
/// Y = θD + g(X) + ε with E[ε | Z, X] = 0, Z = m(X) + v. The nuisances ℓ(X) = E[Y | X], r(X) = E[D | X] and
/// m(X) = E[Z | X] are cross-fitted with the learners of <see cref="DmlOptions.Learners"/> and θ solves the pooled (DML2)
/// partialling-out score Σ w (Ỹ − θD̃)Z̃ = 0 with Ỹ = Y − ℓ̂(X), D̃ = D − r̂(X), Z̃ = Z − m̂(X).
/// </summary>
/// <remarks>
/// <para>θ̂ = Σ w Z̃Ỹ / Σ w Z̃D̃; influence contributions c_i = w_i Z̃_i(Ỹ_i − θ̂D̃_i) / Σ w Z̃D̃, SE² = Σ c_i² (cluster-robust
/// by <see cref="IvData.Groups"/>); repeated splits aggregated by the median with the variance adjustment of §3.4 (the
/// machinery of <see cref="DmlPlrEstimator"/>). A binary D or Z is modelled by the <see cref="NuisanceLearners.Propensity"/>
/// classifier, a continuous one by the <see cref="NuisanceLearners.Treatment"/> regressor; ℓ by
/// <see cref="NuisanceLearners.Outcome"/>. With linear nuisances and one instrument this is 2SLS with the covariates as
/// controls, up to cross-fitting.</para>
/// <para>Under a constant effect θ is that effect. With heterogeneous effects and a binary instrument, θ is a weighted
/// average of the covariate-specific LATEs with weights ∝ Var(Z | X)·P(complier | X); it equals the LATE when Z is
/// randomised independently of X (use <see cref="DrLate"/> for the LATE otherwise).</para>
/// <para><see cref="EffectOptions.Estimands"/> is ignored. Deterministic for a seed, whatever the thread count.</para>
/// </remarks>
public sealed class PartiallyLinearIv(EffectOptions? options = null, DmlOptions? dml = null)
{
    /// <summary>First-stage F below which the weak-instrument warning is raised (Staiger &amp; Stock 1997 rule of thumb).</summary>
    public const double WeakInstrumentF = 10.0;

    /// <summary>Folds, seed and confidence level.</summary>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>Learners, repetitions, minimum units per fold.</summary>
    public DmlOptions Dml { get; } = dml ?? new DmlOptions();

    /// <summary>Estimates θ.</summary>
    /// <exception cref="ArgumentException">Invalid options, too few units per fold, or an instrument with no residual
    /// covariation with the treatment after partialling out the covariates (θ not identified).</exception>
    /// <exception cref="InvalidOperationException">A learner predicted a non-finite value.</exception>
    public PartiallyLinearIvResult Estimate(IvData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Dml.Validate();
        int s = Dml.Repetitions;
        double[] w = data.W;
        var thetas = new double[s];
        var vars = new double[s];
        var slopes = new double[s];
        var slopeVars = new double[s];
        for (int r = 0; r < s; r++)
        {
            CrossFit cf = CrossFit.Create(
                data.Covariates, Options.Folds, Options.Seed, r, data.Groups, Dml.MinUnitsPerFold, data.InstrumentIsBinary ? data.Instrument : null);
            double[] yr = Residual(data.Outcome, cf.Regress(Dml.Learners.Outcome, data.Outcome, w));   // (n) Ỹ
            double[] dr = Residual(data.Treatment, Mean(cf, data.Treatment, data.TreatmentIsBinary, w)); // (n) D̃
            double[] zr = Residual(data.Instrument, Mean(cf, data.Instrument, data.InstrumentIsBinary, w)); // (n) Z̃
            (thetas[r], vars[r]) = ScoreInference.MomentRatio(zr, yr, dr, w, data.Groups, "The instrument has no covariation with the treatment after partialling out the covariates (Σ Z̃D̃ = 0); θ is not identified.");
            (slopes[r], slopeVars[r]) = ScoreInference.MomentRatio(zr, dr, zr, w, data.Groups, "The instrument is fully explained by the covariates (no residual variation after partialling out); θ is not identified.");
        }

        (double theta, double variance) = ScoreInference.Aggregate(thetas, vars);
        (double slope, double slopeVariance) = ScoreInference.Aggregate(slopes, slopeVars);
        double se = ScoreInference.StdError("partially linear IV", theta, variance);
        double slopeSe = ScoreInference.StdError("partialled first-stage", slope, slopeVariance);
        double f = slopeSe > 0 ? (slope / slopeSe) * (slope / slopeSe) : double.PositiveInfinity;
        bool weak = f < WeakInstrumentF;
        var warnings = new List<string>();
        if (weak)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Weak instrument: partialled first-stage F = {f:G4} < {WeakInstrumentF:G3} (Staiger–Stock rule of thumb, not a formal test); θ may be biased and its interval unreliable."));
        }

        return new PartiallyLinearIvResult(
            ScoreInference.Coefficient("treatment", theta, se, Options.ConfidenceLevel),
            ScoreInference.Coefficient("instrument", slope, slopeSe, Options.ConfidenceLevel),
            f, weak, data.Count, s, thetas.Min(), thetas.Max(), warnings);
    }

    private double[] Mean(CrossFit cf, double[] v, bool binary, double[] w) =>
        binary ? cf.Classify(Dml.Learners.Propensity, v, w) : cf.Regress(Dml.Learners.Treatment, v, w);

    private static double[] Residual(double[] v, double[] fitted)
    {
        var r = new double[v.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = v[i] - fitted[i];
        }

        return r;
    }
}
