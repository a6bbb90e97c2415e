using CausalCart.Numerics;

namespace CausalCart.Causal.Iv;

/// <summary>
/// Wald estimator of the LATE with a binary instrument Z and a binary treatment D, without covariates (for covariates
/// use <see cref="TwoStageLeastSquares"/> with controls).
/// </summary>
/// <remarks>
/// Implementation note: with p = P(Z=1), μ_z = E[Y|Z=z], δ_z = E[D|Z=z], the influence function of the ratio is
/// ψ_i = [ (Z/p)(Y−μ₁) − ((1−Z)/(1−p))(Y−μ₀) − LATE·((Z/p)(D−δ₁) − ((1−Z)/(1−p))(D−δ₀)) ] / (δ₁−δ₀), and
/// SE = sqrt(Σψ²)/n. Deterministic.
/// </remarks>
public static class WaldLate
{
    /// <summary>Estimates the LATE.</summary>
    /// <param name="outcome">Outcome Y (finite).</param>
    /// <param name="treatment">Treatment received D, 0 or 1.</param>
    /// <param name="instrument">Instrument (assignment) Z, 0 or 1; both values must occur.</param>
    /// <param name="confidenceLevel">Level of the two-sided normal interval.</param>
    /// <param name="minimumFirstStageT">The estimator refuses when |ITT_D| / SE(ITT_D) is below this (default 2): the
    /// instrument then shows no evidence of moving the treatment and the ratio is not informative.</param>
    /// <exception cref="ArgumentException">Mismatched lengths, non-binary Z or D (row named), one instrument arm empty,
    /// or a first stage that is (statistically) zero.</exception>
    public static WaldLateResult Estimate(
        ReadOnlySpan<double> outcome, ReadOnlySpan<double> treatment, ReadOnlySpan<double> instrument,
        double confidenceLevel = 0.95, double minimumFirstStageT = 2.0)
    {
        int n = outcome.Length;
        if (treatment.Length != n || instrument.Length != n)
        {
            throw new ArgumentException($"Lengths differ: outcome {n}, treatment {treatment.Length}, instrument {instrument.Length}.");
        }

        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentException($"confidenceLevel must be in (0, 1); got {confidenceLevel}.", nameof(confidenceLevel));
        }

        double n1 = 0, y1 = 0, y0 = 0, d1 = 0, d0 = 0;
        bool equal = true;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(outcome[i]))
            {
                throw new ArgumentException($"Outcome is not finite ({outcome[i]}) at row {i}.", nameof(outcome));
            }

            if (treatment[i] is not (0 or 1))
            {
                throw new ArgumentException($"Treatment must be 0 or 1; row {i} has {treatment[i]}.", nameof(treatment));
            }

            if (instrument[i] is not (0 or 1))
            {
                throw new ArgumentException($"Instrument must be 0 or 1; row {i} has {instrument[i]}.", nameof(instrument));
            }

            equal &= treatment[i] == instrument[i];
            if (instrument[i] == 1)
            {
                n1++;
                y1 += outcome[i];
                d1 += treatment[i];
            }
            else
            {
                y0 += outcome[i];
                d0 += treatment[i];
            }
        }

        double n0 = n - n1;
        if (n1 < 2 || n0 < 2)
        {
            throw new ArgumentException($"Both instrument arms need at least 2 rows; Z=1 has {n1}, Z=0 has {n0}.", nameof(instrument));
        }

        y1 /= n1;
        y0 /= n0;
        d1 /= n1;
        d0 /= n0;
        double p = n1 / n;
        double vy1 = 0, vy0 = 0, vd1 = 0, vd0 = 0;
        for (int i = 0; i < n; i++)
        {
            if (instrument[i] == 1)
            {
                vy1 += (outcome[i] - y1) * (outcome[i] - y1);
                vd1 += (treatment[i] - d1) * (treatment[i] - d1);
            }
            else
            {
                vy0 += (outcome[i] - y0) * (outcome[i] - y0);
                vd0 += (treatment[i] - d0) * (treatment[i] - d0);
            }
        }

        double ittY = y1 - y0, ittD = d1 - d0;
        double seY = Math.Sqrt((vy1 / (n1 - 1) / n1) + (vy0 / (n0 - 1) / n0));
        double seD = Math.Sqrt((vd1 / (n1 - 1) / n1) + (vd0 / (n0 - 1) / n0));
        var notes = new List<string>();
        if (equal)
        {
            // Full compliance: ITT_D = 1 exactly and SE(ITT_D) = 0, so the t-rule below does not apply.
            notes.Add("The instrument equals the treatment on every row (full compliance): the LATE is the intention-to-treat effect, i.e. the difference in mean outcome between Z=1 and Z=0; no non-compliance is present, so nothing beyond that difference is identified.");
        }
        else if (Math.Abs(ittD) < 1e-12 || Math.Abs(ittD) < minimumFirstStageT * seD)
        {
            throw new ArgumentException(
                $"The instrument does not move the treatment: first stage P(D=1|Z=1) − P(D=1|Z=0) = {ittD:G4} (SE {seD:G3}), |t| below {minimumFirstStageT}. The LATE is not identified from these data.",
                nameof(instrument));
        }

        double late = ittY / ittD;
        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            double psi = instrument[i] == 1
                ? ((outcome[i] - y1) - (late * (treatment[i] - d1))) / p
                : -((outcome[i] - y0) - (late * (treatment[i] - d0))) / (1 - p);
            psi /= ittD;
            ss += psi * psi;
        }

        double se = Math.Sqrt(ss) / n;
        double z = StandardNormal.TwoSidedCritical(confidenceLevel);
        return new WaldLateResult(late, se, late - (z * se), late + (z * se), ittY, seY, ittD, seD, n, equal, notes);
    }
}
