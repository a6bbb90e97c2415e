namespace CausalCart.Causal.Dml;

/// <summary>Cross-fitted nuisance values of one split for binary-treatment data.</summary>
internal sealed class AipwNuisances
{
    public required double[] RawPropensity { get; init; }   // (n) cross-fitted ê, unclipped
    public required double[] Propensity { get; init; }      // (n) ê clipped to [ε, 1 − ε]
    public required double[] Treated { get; init; }         // (n) m̂₁(x) = E[Y | T = 1, x]
    public required double[] Control { get; init; }         // (n) m̂₀(x)
    public required int Clipped { get; init; }

    /// <summary>Cross-fits ê, m̂₁, m̂₀ for split <paramref name="repetition"/>.</summary>
    public static AipwNuisances Fit(EffectData data, EffectOptions options, DmlOptions dml, int repetition)
    {
        CrossFit cf = CrossFit.Create(data.Covariates, options.Folds, options.Seed, repetition, data.Groups, dml.MinUnitsPerFold, data.Treatment);
        double[] t = data.Treatment;
        double[] raw = cf.Classify(dml.Learners.Propensity, t, data.W);
        double[] m1 = cf.Regress(dml.Learners.Outcome, data.Outcome, data.W, i => t[i] == 1);
        double[] m0 = cf.Regress(dml.Learners.Outcome, data.Outcome, data.W, i => t[i] == 0);
        var e = new double[raw.Length];
        int clipped = Nuisance.Clip(raw, options.PropensityClip, e);
        return new AipwNuisances { RawPropensity = raw, Propensity = e, Treated = m1, Control = m0, Clipped = clipped };
    }

    /// <summary>ATE score (pseudo-outcome) ψ_i = m̂₁ − m̂₀ + T(y − m̂₁)/ê − (1 − T)(y − m̂₀)/(1 − ê).</summary>
    public double[] AteScores(EffectData data)
    {
        var psi = new double[data.Count];
        for (int i = 0; i < psi.Length; i++)
        {
            double e = Propensity[i], t = data.Treatment[i], y = data.Outcome[i];
            psi[i] = Treated[i] - Control[i] + (t * (y - Treated[i]) / e) - ((1 - t) * (y - Control[i]) / (1 - e));
        }

        return psi;
    }

    /// <summary>
    /// θ̂ and its variance for an estimand. ATE: θ = Σwψ/Σw. ATT: ψ = T(y − m̂₀) − (1 − T)ê(y − m̂₀)/(1 − ê),
    /// θ = Σwψ/ΣwT (Chernozhukov et al. 2018, §5.1).
    /// </summary>
    public (double Theta, double Variance) Estimate(EffectData data, Core.Results.Estimand estimand)
    {
        bool ate = estimand == Core.Results.Estimand.Ate;
        double[] w = data.W, t = data.Treatment, y = data.Outcome;
        double[] psi = ate ? AteScores(data) : new double[data.Count];
        double num = 0, den = 0;
        for (int i = 0; i < psi.Length; i++)
        {
            if (!ate)
            {
                double e = Propensity[i];
                psi[i] = (t[i] * (y[i] - Control[i])) - ((1 - t[i]) * e * (y[i] - Control[i]) / (1 - e));
            }

            num += w[i] * psi[i];
            den += ate ? w[i] : w[i] * t[i];
        }

        double theta = num / den;
        var c = new double[psi.Length];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = w[i] * (psi[i] - (ate ? theta : t[i] * theta)) / den;
        }

        return (theta, ScoreInference.SumSquares(c, data.Groups));
    }
}

/// <summary>Cross-fitted residuals Ỹ = Y − ℓ̂(X), T̃ = T − m̂(X) of one split (partialling out).</summary>
internal sealed class PlrResiduals
{
    public required double[] Outcome { get; init; }   // (n) Ỹ
    public required double[] Treatment { get; init; } // (n) T̃
    public required double[] TreatmentMean { get; init; } // (n) m̂(X)

    /// <summary>Binary T: m̂ from the propensity learner; otherwise from the treatment regressor.</summary>
    public static PlrResiduals Fit(
        double[] y, double[] t, CausalCart.Numerics.Matrix x, double[] w, int[]? groups, bool binary, EffectOptions options, DmlOptions dml, int repetition)
    {
        CrossFit cf = CrossFit.Create(x, options.Folds, options.Seed, repetition, groups, dml.MinUnitsPerFold, binary ? t : null);
        double[] l = cf.Regress(dml.Learners.Outcome, y, w);
        double[] m = binary ? cf.Classify(dml.Learners.Propensity, t, w) : cf.Regress(dml.Learners.Treatment, t, w);
        var yr = new double[y.Length];
        var tr = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            yr[i] = y[i] - l[i];
            tr[i] = t[i] - m[i];
        }

        return new PlrResiduals { Outcome = yr, Treatment = tr, TreatmentMean = m };
    }

    /// <summary>DML2 partialling-out: θ = Σ w T̃ Ỹ / Σ w T̃², contributions w T̃ (Ỹ − θT̃) / Σ w T̃².</summary>
    public (double Theta, double Variance) Estimate(double[] w, int[]? groups) =>
        ScoreInference.MomentRatio(Treatment, Outcome, Treatment, w, groups,
            "The treatment is fully explained by the covariates (no residual variation after partialling out); the effect is not identified.");
}
