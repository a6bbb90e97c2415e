using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>
/// One cross-fitting split: the fold of every unit and, per fold, its held-out rows and their covariates. Every model
/// is fitted on the other folds (held-out rows get weight 0, which every <see cref="IRegressor"/> ignores) and
/// predicts only its fold, so each unit's nuisance values come from models that never saw it.
/// </summary>
internal sealed class CrossFit
{
    private readonly Matrix _x;          // (n, p) nuisance features
    private readonly int[][] _heldOut;   // (K)(n_k) rows of each fold
    private readonly Matrix[] _heldOutX; // (K)(n_k, p)

    private CrossFit(Matrix x, int[] fold, int k)
    {
        _x = x;
        Fold = fold;
        Folds = k;
        var lists = new List<int>[k];
        for (int f = 0; f < k; f++)
        {
            lists[f] = [];
        }

        for (int i = 0; i < fold.Length; i++)
        {
            lists[fold[i]].Add(i);
        }

        _heldOut = lists.Select(l => l.ToArray()).ToArray();
        _heldOutX = _heldOut.Select(r => x.SelectRows(r)).ToArray();
    }

    /// <summary>Fold (0..K−1) of each unit.</summary>
    public int[] Fold { get; }

    /// <summary>K.</summary>
    public int Folds { get; }

    /// <summary>Seed of split <paramref name="repetition"/>: the user's seed for split 0 (so one split matches
    /// <see cref="AipwEstimator"/>), a derived stream after.</summary>
    public static ulong SplitSeed(int seed, int repetition)
    {
        ulong s = unchecked((ulong)(long)seed);
        return repetition == 0 ? s : SeededRandom.DeriveSeed(s, (ulong)repetition);
    }

    /// <summary>
    /// Assigns folds (grouped by <paramref name="groups"/>) and checks that every held-out fold has at least
    /// <paramref name="minUnits"/> units and, when <paramref name="binaryTreatment"/> is given, that every training set
    /// has that many units of each arm.
    /// </summary>
    public static CrossFit Create(Matrix x, int folds, int seed, int repetition, int[]? groups, int minUnits, double[]? binaryTreatment)
    {
        int n = x.Rows;
        if (n < folds * minUnits)
        {
            throw new ArgumentException(
                $"{n} units are too few for {folds} cross-fitting folds of at least {minUnits} units each; use fewer folds or more data.", "data");
        }

        int[] fold;
        try
        {
            fold = GroupedKFold.Assign(n, folds, SplitSeed(seed, repetition), groups);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Cross-fitting cannot split the units: {e.Message}", "data", e);
        }

        var size = new int[folds];
        var treated = new int[folds];
        int treatedTotal = 0;
        for (int i = 0; i < n; i++)
        {
            size[fold[i]]++;
            if (binaryTreatment is not null && binaryTreatment[i] == 1)
            {
                treated[fold[i]]++;
                treatedTotal++;
            }
        }

        for (int f = 0; f < folds; f++)
        {
            if (size[f] < minUnits)
            {
                throw new ArgumentException(
                    $"Cross-fitting fold {f} (split {repetition}) holds {size[f]} units, fewer than MinUnitsPerFold = {minUnits}; use fewer folds.", "data");
            }

            if (binaryTreatment is not null)
            {
                int trainTreated = treatedTotal - treated[f];
                int trainControl = n - size[f] - trainTreated;
                if (trainTreated < minUnits || trainControl < minUnits)
                {
                    throw new ArgumentException(
                        $"Cross-fitting fold {f} (split {repetition}): the other folds hold {trainTreated} treated and {trainControl} control units, " +
                        $"fewer than MinUnitsPerFold = {minUnits} in an arm; use fewer folds or more data.", "data");
                }
            }
        }

        return new CrossFit(x, fold, folds);
    }

    /// <summary>Training weights for fold <paramref name="f"/>: w_i off fold f where <paramref name="include"/> holds, else 0.</summary>
    public double[] TrainWeights(double[] w, int f, Func<int, bool>? include)
    {
        var tw = new double[w.Length];
        for (int i = 0; i < w.Length; i++)
        {
            tw[i] = Fold[i] != f && (include is null || include(i)) ? w[i] : 0;
        }

        return tw;
    }

    /// <summary>Out-of-fold predictions of a regression of <paramref name="y"/> (length n) on the features.</summary>
    public double[] Regress(Func<IRegressor> learner, double[] y, double[] w, Func<int, bool>? include = null)
    {
        var pred = new double[y.Length];
        for (int f = 0; f < Folds; f++)
        {
            IRegressionModel m = learner().Fit(_x, y, TrainWeights(w, f, include));
            var dest = new double[_heldOut[f].Length];
            m.Predict(_heldOutX[f], dest);
            Scatter(dest, _heldOut[f], pred, "regression");
        }

        return pred;
    }

    /// <summary>Like <see cref="Regress"/>, also returning the K fitted models (model f never saw fold f).</summary>
    public (double[] Predictions, IRegressionModel[] Models) RegressWithModels(Func<IRegressor> learner, double[] y, double[] w)
    {
        var pred = new double[y.Length];
        var models = new IRegressionModel[Folds];
        for (int f = 0; f < Folds; f++)
        {
            IRegressionModel m = models[f] = learner().Fit(_x, y, TrainWeights(w, f, null));
            var dest = new double[_heldOut[f].Length];
            m.Predict(_heldOutX[f], dest);
            Scatter(dest, _heldOut[f], pred, "regression");
        }

        return (pred, models);
    }

    /// <summary>Out-of-fold probabilities of a classifier of the 0/1 target <paramref name="t"/>.</summary>
    public double[] Classify(Func<IClassifier> learner, double[] t, double[] w, Func<int, bool>? include = null)
    {
        var pred = new double[t.Length];
        for (int f = 0; f < Folds; f++)
        {
            IClassificationModel m = learner().Fit(_x, t, TrainWeights(w, f, include));
            var dest = new double[_heldOut[f].Length];
            m.PredictProbability(_heldOutX[f], dest);
            Scatter(dest, _heldOut[f], pred, "classifier");
        }

        return pred;
    }

    private static void Scatter(double[] values, int[] rows, double[] into, string what)
    {
        for (int r = 0; r < rows.Length; r++)
        {
            double v = values[r];
            if (!double.IsFinite(v))
            {
                throw new InvalidOperationException($"A nuisance {what} predicted {v} for row {rows[r]}; the learner is unstable on this data.");
            }

            into[rows[r]] = v;
        }
    }
}
