using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>
/// Elastic net with the penalty α chosen by K-fold cross-validation along a glmnet-style path: α_max from the data
/// (the smallest α with every slope 0), <see cref="ElasticNetCVOptions.PathLength"/> values log-spaced down to
/// α_max·PathRatio, each fold's path warm started from the previous α. Folds come from <see cref="GroupedKFold"/>,
/// so passing group ids keeps every group's rows in one fold; folds are assigned over the rows with positive weight only. Deterministic for the same data and seed.
/// </summary>
/// <remarks>
/// Each fold costs two Gram passes over the rows (training and held-out sufficient statistics), after which the
/// held-out weighted mean squared error of every α costs O(p²): (yᵀWy − 2βᵀZᵀWy + βᵀZᵀWZβ)/Σw over the held-out rows.
/// The curve is the plain mean of the K fold errors, its standard error their standard deviation / √K. The final
/// model is refitted on all rows along the path down to the chosen α.
/// </remarks>
public sealed class ElasticNetCV : IRegressor
{
    /// <summary>Creates the learner.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public ElasticNetCV(ElasticNetCVOptions? options = null)
    {
        Options = options ?? new ElasticNetCVOptions();
        ElasticNet.Validate(0, Options.L1Ratio, Options.Tolerance, Options.MaxSweeps);
        if (Options.Folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Folds, "Folds must be >= 2.");
        }

        if (Options.PathLength < 1 || !(Options.PathRatio > 0 && Options.PathRatio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "PathLength must be >= 1 and PathRatio in (0, 1).");
        }

        if (!Enum.IsDefined(Options.Rule))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Rule, "Rule must be Minimum or OneStandardError.");
        }
    }

    /// <summary>The options (never modified by fitting).</summary>
    public ElasticNetCVOptions Options { get; }

    /// <inheritdoc cref="IRegressor.Fit"/>
    public ElasticNetCVModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default) =>
        Fit(features, target, sampleWeights, default);

    /// <summary>As <see cref="Fit(Matrix, ReadOnlySpan{double}, ReadOnlySpan{double})"/>, with every row of a group kept in one fold.</summary>
    /// <param name="features">Shape (n, p).</param>
    /// <param name="target">Length n.</param>
    /// <param name="sampleWeights">Empty or length n.</param>
    /// <param name="groups">Empty, or one group id per row (at least <see cref="ElasticNetCVOptions.Folds"/> distinct).</param>
    /// <exception cref="ArgumentException">Invalid data, fewer rows or groups than folds, or a fold whose training rows all have weight 0.</exception>
    public ElasticNetCVModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<int> groups)
    {
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: false);
        double[] y = target.ToArray();
        int n = y.Length;
        var net = new ElasticNetOptions(0, Options.L1Ratio, Options.Standardize, Options.Tolerance, Options.MaxSweeps);
        var full = new PenalizedLeastSquares(features, y, w, Options.Standardize);
        double[] alphas = ElasticNet.DefaultAlphas(full.AlphaMax(Options.L1Ratio), Options.PathLength, Options.PathRatio);
        int[] fold = AssignFolds(w, groups);
        var errors = new double[Options.Folds * alphas.Length]; // (folds, alphas) held-out weighted MSE
        for (int k = 0; k < Options.Folds; k++)
        {
            var train = new double[n];
            var held = new double[n];
            for (int i = 0; i < n; i++)
            {
                (fold[i] == k ? held : train)[i] = w[i];
            }

            if (!(train.Sum() > 0) || !(held.Sum() > 0))
            {
                throw new ArgumentException($"Cross-validation fold {k} has no positive-weight rows on one side; use fewer folds.", nameof(sampleWeights));
            }

            var problem = new PenalizedLeastSquares(features, y, train, Options.Standardize);
            ElasticNetModel[] path = ElasticNet.SolvePath(problem, alphas, net);
            HeldOutError(problem.Design, y, held, path, errors.AsSpan(k * alphas.Length, alphas.Length));
        }

        var mean = new double[alphas.Length];
        var se = new double[alphas.Length];
        for (int a = 0; a < alphas.Length; a++)
        {
            double s = 0, ss = 0;
            for (int k = 0; k < Options.Folds; k++)
            {
                s += errors[(k * alphas.Length) + a];
            }

            mean[a] = s / Options.Folds;
            for (int k = 0; k < Options.Folds; k++)
            {
                double d = errors[(k * alphas.Length) + a] - mean[a];
                ss += d * d;
            }

            se[a] = Math.Sqrt(ss / (Options.Folds - 1) / Options.Folds);
        }

        int best = 0;
        for (int a = 1; a < alphas.Length; a++)
        {
            if (mean[a] < mean[best])
            {
                best = a;
            }
        }

        int oneSe = best;
        while (oneSe > 0 && mean[oneSe - 1] <= mean[best] + se[best])
        {
            oneSe--;
        }

        int chosen = Options.Rule == AlphaRule.Minimum ? best : oneSe;
        ElasticNetModel[] fullPath = ElasticNet.SolvePath(full, alphas[..(chosen + 1)], net);
        return new ElasticNetCVModel(fullPath[chosen], alphas, mean, se, alphas[best], alphas[oneSe]);
    }

    /// <summary>Folds over the positive-weight rows only (so zero-weight rows change nothing); −1 for the others.</summary>
    private int[] AssignFolds(double[] w, ReadOnlySpan<int> groups)
    {
        if (!groups.IsEmpty && groups.Length != w.Length)
        {
            throw new ArgumentException($"Group ids have {groups.Length} values for {w.Length} rows.", nameof(groups));
        }

        int[] rows = Enumerable.Range(0, w.Length).Where(i => w[i] > 0).ToArray();
        var sub = new int[groups.IsEmpty ? 0 : rows.Length];
        for (int t = 0; t < sub.Length; t++)
        {
            sub[t] = groups[rows[t]];
        }

        int[] assigned = GroupedKFold.Assign(rows.Length, Options.Folds, Options.Seed, sub);
        var fold = new int[w.Length];
        Array.Fill(fold, -1);
        for (int t = 0; t < rows.Length; t++)
        {
            fold[rows[t]] = assigned[t];
        }

        return fold;
    }

    IRegressionModel IRegressor.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) =>
        Fit(features, target, sampleWeights);

    private static void HeldOutError(StandardizedDesign design, double[] y, double[] held, ElasticNetModel[] path, Span<double> destination)
    {
        int q = design.Width;
        double[] g = design.Gram(held); // (q, q) ZᵀHZ over held-out rows, in the training fold's coordinates
        var hy = new double[y.Length];
        double total = 0, yy = 0;
        for (int i = 0; i < y.Length; i++)
        {
            hy[i] = held[i] * y[i];
            total += held[i];
            yy += held[i] * y[i] * y[i];
        }

        double[] c = design.TransposeMultiply(hy);
        for (int a = 0; a < path.Length; a++)
        {
            ReadOnlySpan<double> beta = path[a].StandardizedCoefficients;
            double quad = 0;
            for (int j = 0; j < q; j++)
            {
                quad += beta[j] * Kernels.Dot(g.AsSpan(j * q, q), beta);
            }

            destination[a] = Math.Max(0, yy - (2 * Kernels.Dot(c, beta)) + quad) / total;
        }
    }
}
