using System.Collections.Immutable;
using CausalCart.Numerics;

namespace CausalCart.Learners.Stacking;

/// <summary>
/// A cross-validated model-selection / stacking regressor (super learner; van der Laan, Polley &amp; Hubbard 2007,
/// <i>Statistical Applications in Genetics and Molecular Biology</i> 6(1):25). The rows of positive weight are split
/// into K folds; every candidate is fitted K times, each time without one fold, and predicts that fold, which gives
/// each candidate's out-of-fold (OOF) prediction of every row. The combination — non-negative least squares of the
/// target on the OOF predictions (weights normalised to sum 1), or the single candidate with the smallest CV risk —
/// is chosen from these OOF predictions only; the chosen candidates are then refitted on all rows and the fitted
/// model predicts their weighted sum. Deterministic for the same inputs and options whatever the thread count (when
/// every candidate is); thread-safe.
/// </summary>
/// <remarks>
/// Implementation note: folds are masked through the sample weights (held-out rows get weight 0), the contract every
/// learner of this project honours, so no training matrix is copied; each fold's held-out rows are copied once to
/// predict them. Rows of weight 0 get no fold and no prediction, so they change nothing. Cost: K + 1 fits per selected
/// candidate, K fits per other candidate.
/// </remarks>
public sealed class StackedRegressor : IRegressor
{
    /// <summary>Creates the learner.</summary>
    /// <exception cref="ArgumentException">The options are invalid (named in the message).</exception>
    public StackedRegressor(StackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options (never modified by fitting).</summary>
    public StackingOptions Options { get; }

    /// <inheritdoc cref="IRegressor.Fit"/>
    /// <exception cref="ArgumentException">Also when fewer rows have positive weight than there are folds, or a candidate
    /// rejects the data (its message is kept as the inner exception and the candidate named).</exception>
    public StackedRegressionModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: false);
        int n = features.Rows, k = Options.Candidates.Length, folds = Options.Folds;
        int[] positive = Enumerable.Range(0, n).Where(i => w[i] > 0).ToArray();
        if (positive.Length < folds)
        {
            throw new ArgumentException($"Only {positive.Length} rows have positive weight; {folds}-fold stacking needs at least {folds}.", nameof(sampleWeights));
        }

        int[] foldOfPositive = GroupedKFold.Assign(positive.Length, folds, unchecked((ulong)Options.Seed));
        double[] y = target.ToArray();
        var oof = new double[k][]; // (k, n): candidate c's out-of-fold prediction of row i (rows of weight 0 stay 0)
        for (int c = 0; c < k; c++)
        {
            oof[c] = new double[n];
        }

        var trainWeights = new double[n];
        for (int f = 0; f < folds; f++)
        {
            int[] heldOut = positive.Where((_, r) => foldOfPositive[r] == f).ToArray();
            Array.Copy(w, trainWeights, n);
            foreach (int i in heldOut)
            {
                trainWeights[i] = 0;
            }

            Matrix heldOutFeatures = features.SelectRows(heldOut);
            var prediction = new double[heldOut.Length];
            for (int c = 0; c < k; c++)
            {
                FitCandidate(c, features, y, trainWeights).Predict(heldOutFeatures, prediction);
                for (int r = 0; r < heldOut.Length; r++)
                {
                    oof[c][heldOut[r]] = prediction[r];
                }
            }
        }

        // CV risks and the NNLS normal equations over the positive-weight rows, in row order.
        double total = 0;
        var risks = new double[k];
        var gram = new double[k * k]; // (k, k) Σ w o_c o_d
        var rhs = new double[k];      // (k)    Σ w o_c y
        foreach (int i in positive)
        {
            total += w[i];
            for (int c = 0; c < k; c++)
            {
                double oc = oof[c][i];
                risks[c] += w[i] * (y[i] - oc) * (y[i] - oc);
                rhs[c] += w[i] * oc * y[i];
                for (int d = 0; d <= c; d++)
                {
                    gram[(c * k) + d] += w[i] * oc * oof[d][i];
                }
            }
        }

        for (int c = 0; c < k; c++)
        {
            risks[c] /= total;
            for (int d = 0; d < c; d++)
            {
                gram[(d * k) + c] = gram[(c * k) + d];
            }
        }

        int best = 0;
        for (int c = 1; c < k; c++)
        {
            best = risks[c] < risks[best] ? c : best;
        }

        var weights = new double[k];
        double sum = 0;
        if (Options.Combination == StackingCombination.NonNegativeLeastSquares)
        {
            double[] alpha = NonNegativeLeastSquares.Solve(gram, rhs, k);
            sum = alpha.Sum();
            for (int c = 0; c < k; c++)
            {
                weights[c] = sum > 0 ? alpha[c] / sum : 0;
            }
        }

        if (!(sum > 0))
        {
            weights[best] = 1; // BestCandidate, or NNLS with every weight 0 (all OOF predictions ≤ 0 against y > 0 …).
        }

        double stackRisk = 0;
        foreach (int i in positive)
        {
            double p = 0;
            for (int c = 0; c < k; c++)
            {
                p += weights[c] * oof[c][i];
            }

            stackRisk += w[i] * (y[i] - p) * (y[i] - p);
        }

        var models = new IRegressionModel?[k];
        for (int c = 0; c < k; c++)
        {
            if (weights[c] > 0)
            {
                models[c] = FitCandidate(c, features, y, w);
            }
        }

        return new StackedRegressionModel(
            features.Cols,
            [.. Options.Candidates.Select(c => c.Name)],
            [.. weights],
            [.. risks],
            stackRisk / total,
            best,
            models);
    }

    IRegressionModel IRegressor.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) =>
        Fit(features, target, sampleWeights);

    private IRegressionModel FitCandidate(int c, Matrix features, double[] y, double[] weights)
    {
        StackingCandidate candidate = Options.Candidates[c];
        try
        {
            return candidate.Learner.Fit(features, y, weights);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Stacking candidate '{candidate.Name}' could not be fitted: {e.Message}", nameof(features), e);
        }
    }
}
