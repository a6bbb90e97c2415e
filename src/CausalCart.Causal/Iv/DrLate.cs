using System.Globalization;
using CausalCart.Causal.Dml;

namespace CausalCart.Causal.Iv;

/// <summary>
/// Doubly robust local average treatment effect with a binary instrument Z and a binary treatment D given covariates X
/// (the interactive IV model, IV-IRM: Frölich 2007, J. Econometrics 139:35; Chernozhukov et al. 2018, Econometrics
/// Journal 21:C1, §5.2). Under instrument unconfoundedness given X, exclusion and monotonicity it estimates
/// E[Y(1) − Y(0) | complier].
/// </summary>
/// <remarks>
/// <para>Nuisances, cross-fitted on the same folds with the learners of <see cref="DmlOptions.Learners"/>: the instrument
/// propensity p(X) = P(Z = 1 | X) (<see cref="NuisanceLearners.Propensity"/>, clipped to [ε, 1 − ε] with
/// ε = <see cref="EffectOptions.PropensityClip"/>), μ_z(X) = E[Y | Z = z, X] (<see cref="NuisanceLearners.Outcome"/>
/// fitted on the Z = z rows) and m_z(X) = E[D | Z = z, X] (<see cref="NuisanceLearners.Propensity"/> on the Z = z
/// rows; set to 0 for z = 0 when no unit with Z = 0 is treated, and to 1 for z = 1 when every unit with Z = 1 is).</para>
/// <para>Scores: ψ_a = μ̂₁ − μ̂₀ + Z(Y − μ̂₁)/p̂ − (1 − Z)(Y − μ̂₀)/(1 − p̂) (reduced form) and
/// ψ_b = m̂₁ − m̂₀ + Z(D − m̂₁)/p̂ − (1 − Z)(D − m̂₀)/(1 − p̂) (first stage). LATE = Σ wψ_a / Σ wψ_b (the DML2 root of
/// Σ w(ψ_a − θψ_b) = 0); by the delta method its influence contributions are c_i = w_i(ψ_a,i − θψ_b,i) / Σ wψ_b and
/// SE² = Σ c_i² (cluster-robust with <see cref="IvData.Groups"/>). The complier share Σ wψ_b / Σ w and the
/// intention-to-treat effect Σ wψ_a / Σ w are reported with their own SEs. Repeated splits are aggregated by the median
/// with the variance adjustment of Chernozhukov et al. §3.4.</para>
/// <para><see cref="EffectOptions.Estimands"/> is ignored. Deterministic for a seed, whatever the thread count.</para>
/// </remarks>
public sealed class DrLate(EffectOptions? options = null, DmlOptions? dml = null)
{
    /// <summary>First-stage F below which the weak-instrument warning is raised (Staiger &amp; Stock 1997 rule of thumb).</summary>
    public const double WeakInstrumentF = 10.0;

    /// <summary>Folds, seed, confidence level and propensity clipping.</summary>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>Learners, repetitions, minimum units per fold.</summary>
    public DmlOptions Dml { get; } = dml ?? new DmlOptions();

    /// <summary>Estimates the LATE.</summary>
    /// <exception cref="ArgumentException">Invalid options; Z or D not 0/1 (the row is named); too few units of an
    /// instrument arm per fold; or a doubly robust first stage of exactly 0 (the LATE is not identified).</exception>
    /// <exception cref="InvalidOperationException">A learner predicted a non-finite value, or the estimate is not finite.</exception>
    public DrLateResult Estimate(IvData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Dml.Validate();
        RequireBinary(data.Instrument, "Instrument", "instrument", "use PartiallyLinearIv for a continuous instrument");
        RequireBinary(data.Treatment, "Treatment", "treatment", "use PartiallyLinearIv for a continuous treatment");
        double[] y = data.Outcome, d = data.Treatment, z = data.Instrument, w = data.W;
        int n = data.Count;
        bool noAlwaysTakers = true, noNeverTakers = true;
        for (int i = 0; i < n; i++)
        {
            noAlwaysTakers &= !(z[i] == 0 && d[i] == 1);
            noNeverTakers &= !(z[i] == 1 && d[i] == 0);
        }

        int s = Dml.Repetitions;
        var late = new double[s];
        var lateVar = new double[s];
        var share = new double[s];
        var shareVar = new double[s];
        var itt = new double[s];
        var ittVar = new double[s];
        int maxClipped = 0;
        double[] ones = Enumerable.Repeat(1.0, n).ToArray();
        for (int r = 0; r < s; r++)
        {
            CrossFit cf = CrossFit.Create(data.Covariates, Options.Folds, Options.Seed, r, data.Groups, Dml.MinUnitsPerFold, z);
            double[] raw = cf.Classify(Dml.Learners.Propensity, z, w);                                  // (n) p̂(X), unclipped
            var p = new double[n];                                                                     // (n) p̂ clipped
            maxClipped = Math.Max(maxClipped, Nuisance.Clip(raw, Options.PropensityClip, p));
            double[] mu1 = cf.Regress(Dml.Learners.Outcome, y, w, i => z[i] == 1);                      // (n) μ̂₁(X)
            double[] mu0 = cf.Regress(Dml.Learners.Outcome, y, w, i => z[i] == 0);                      // (n) μ̂₀(X)
            double[] m1 = noNeverTakers ? ones : cf.Classify(Dml.Learners.Propensity, d, w, i => z[i] == 1); // (n) m̂₁(X)
            double[] m0 = noAlwaysTakers ? new double[n] : cf.Classify(Dml.Learners.Propensity, d, w, i => z[i] == 0); // (n) m̂₀(X)
            var psiA = new double[n]; // (n) reduced-form score
            var psiB = new double[n]; // (n) first-stage score
            for (int i = 0; i < n; i++)
            {
                double zi = z[i], pi = p[i];
                psiA[i] = mu1[i] - mu0[i] + (zi * (y[i] - mu1[i]) / pi) - ((1 - zi) * (y[i] - mu0[i]) / (1 - pi));
                psiB[i] = m1[i] - m0[i] + (zi * (d[i] - m1[i]) / pi) - ((1 - zi) * (d[i] - m0[i]) / (1 - pi));
            }

            (late[r], lateVar[r]) = ScoreInference.MomentRatio(ones, psiA, psiB, w, data.Groups,
                "The doubly robust first stage is exactly 0: the instrument does not move the treatment and the LATE is not identified.");
            (share[r], shareVar[r]) = ScoreInference.MomentRatio(ones, psiB, ones, w, data.Groups, "Weights sum to 0.");
            (itt[r], ittVar[r]) = ScoreInference.MomentRatio(ones, psiA, ones, w, data.Groups, "Weights sum to 0.");
        }

        (double theta, double variance) = ScoreInference.Aggregate(late, lateVar);
        (double pi1, double shareVariance) = ScoreInference.Aggregate(share, shareVar);
        (double ittY, double ittVariance) = ScoreInference.Aggregate(itt, ittVar);
        double se = ScoreInference.StdError("DR-LATE", theta, variance);
        double shareSe = ScoreInference.StdError("complier share", pi1, shareVariance);
        double ittSe = ScoreInference.StdError("intention-to-treat", ittY, ittVariance);
        double f = shareSe > 0 ? (pi1 / shareSe) * (pi1 / shareSe) : double.PositiveInfinity;
        bool weak = f < WeakInstrumentF;
        var warnings = new List<string>();
        if (weak)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Weak instrument: complier share {pi1:G4} (SE {shareSe:G3}), first-stage F = {f:G4} < {WeakInstrumentF:G3} (Staiger–Stock rule of thumb, not a formal test); the LATE may be far off and its interval unreliable."));
        }

        if (pi1 < 0)
        {
            warnings.Add("The estimated complier share is negative: the instrument lowers take-up. Monotonicity is assumed in the other direction; check the coding of Z.");
        }

        if (maxClipped > 0)
        {
            warnings.Add(Nuisance.ClipWarning(maxClipped, n, Options.PropensityClip).Replace("a propensity", "an instrument propensity", StringComparison.Ordinal));
        }

        double level = Options.ConfidenceLevel;
        return new DrLateResult(
            ScoreInference.Coefficient("LATE", theta, se, level),
            ScoreInference.Coefficient("complier share", pi1, shareSe, level),
            ScoreInference.Coefficient("intention to treat", ittY, ittSe, level),
            f, weak, n, s, late.Min(), late.Max(), (double)maxClipped / n, noAlwaysTakers, noNeverTakers, warnings);
    }

    private static void RequireBinary(double[] v, string label, string parameter, string alternative)
    {
        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] is not (0 or 1))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{label} must be 0 or 1 for the DR-LATE; row {i} has {v[i]} ({alternative})."), parameter);
            }
        }
    }
}
