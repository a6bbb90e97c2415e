using System.Runtime.CompilerServices;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal;

/// <summary>Fitting of nuisance models and the pieces of their influence functions, shared by the estimators.</summary>
internal static class Nuisance
{
    public static bool UsesLogistic(EffectData data, EffectOptions options)
    {
        switch (options.OutcomeModel)
        {
            case OutcomeModelKind.Logistic:
                if (!data.OutcomeIsBinary)
                {
                    throw new ArgumentException("OutcomeModel is logistic but the outcome is not 0/1; use linear or auto.", nameof(options));
                }

                return true;
            case OutcomeModelKind.Linear:
                return false;
            default:
                return data.OutcomeIsBinary;
        }
    }

    /// <summary>A fitted GLM (linear or logistic) seen uniformly: mean function, its derivative and design.</summary>
    public sealed class Glm
    {
        private readonly double _intercept;
        private readonly double[] _coef;

        public Glm(LinearRegressionModel m, Matrix x)
        {
            _intercept = m.Intercept;
            _coef = m.Coefficients.ToArray();
            Logistic = false;
            Design = new StandardizedDesign(x, m.Standardization);
            Beta = m.StandardizedCoefficients.ToArray();
            L2 = m.L2;
        }

        public Glm(LogisticRegressionModel m, Matrix x)
        {
            _intercept = m.Intercept;
            _coef = m.Coefficients.ToArray();
            Logistic = true;
            Design = new StandardizedDesign(x, m.Standardization);
            Beta = m.StandardizedCoefficients.ToArray();
            L2 = m.L2;
            Converged = m.Converged;
            LogisticModel = m;
        }

        public LogisticRegressionModel? LogisticModel { get; }

        public bool Logistic { get; }

        public bool Converged { get; } = true;

        public StandardizedDesign Design { get; }

        public double[] Beta { get; }

        public double L2 { get; }

        /// <summary>Mean prediction for row i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Mean(Matrix x, int i)
        {
            double eta = _intercept + Kernels.Dot(x.Row(i), _coef);
            return Logistic ? StableMath.Sigmoid(eta) : eta;
        }

        /// <summary>Derivative of the mean with respect to the linear predictor, given the mean.</summary>
        public double Slope(double mean) => Logistic ? mean * (1 - mean) : 1;

        /// <summary>
        /// Sum-scale penalised Hessian H = Σ w_i v_i z_i z_i' + (Σ w_i)·λ·I' over the training weights
        /// <paramref name="trainWeights"/>, factorised.
        /// </summary>
        public Cholesky FactorHessian(double[] trainWeights, double[] means)
        {
            var v = new double[trainWeights.Length];
            double total = 0;
            for (int i = 0; i < v.Length; i++)
            {
                v[i] = trainWeights[i] == 0 ? 0 : trainWeights[i] * Slope(means[i]);
                total += trainWeights[i];
            }

            double[] h = Design.Gram(v);
            int q = Design.Width;
            for (int j = 1; j < q; j++)
            {
                h[(j * q) + j] += total * L2;
            }

            try
            {
                return Cholesky.Factor(h, q, 1e-14);
            }
            catch (MatrixNotPositiveDefiniteException) when (Logistic)
            {
                // Separation drove every p(1 − p) to 0 (e.g. an arm whose outcomes are all 1): the same negligible
                // intercept ridge the logistic learner falls back to keeps the sandwich's bread invertible; those
                // units contribute nothing to the score, so the standard error is unaffected to first order.
                h[0] += total * 1e-8;
                return Cholesky.Factor(h, q, 1e-14);
            }
        }
    }

    public static Glm FitOutcome(EffectData data, double[] trainWeights, bool logistic, EffectOptions options, Glm? warmStart = null)
    {
        if (logistic)
        {
            var learner = new LogisticRegression(new LogisticRegressionOptions(options.LogisticL2));
            LogisticRegressionModel m = warmStart?.Logistic == true
                ? learner.FitFrom(warmStart.LogisticModel!, data.Covariates, data.Outcome, trainWeights)
                : learner.Fit(data.Covariates, data.Outcome, trainWeights);
            return new Glm(m, data.Covariates);
        }

        var lm = new LinearRegression(new LinearRegressionOptions(options.LinearL2)).Fit(data.Covariates, data.Outcome, trainWeights);
        return new Glm(lm, data.Covariates);
    }

    public static Glm FitPropensity(EffectData data, double[] trainWeights, EffectOptions options, Glm? warmStart = null)
    {
        var learner = new LogisticRegression(new LogisticRegressionOptions(options.LogisticL2));
        LogisticRegressionModel m = warmStart?.LogisticModel is { } start
            ? learner.FitFrom(start, data.Covariates, data.Treatment, trainWeights)
            : learner.Fit(data.Covariates, data.Treatment, trainWeights);
        return new Glm(m, data.Covariates);
    }

    public static double[] ArmWeights(EffectData data, int arm, int[]? fold = null, int excludedFold = -1)
    {
        var w = new double[data.Count];
        for (int i = 0; i < w.Length; i++)
        {
            bool inArm = arm < 0 || data.Treatment[i] == arm;
            bool inTrain = fold is null || fold[i] != excludedFold;
            w[i] = inArm && inTrain ? data.W[i] : 0;
        }

        return w;
    }

    /// <summary>Clips to [ε, 1 − ε]; returns how many values were changed.</summary>
    public static int Clip(double[] raw, double epsilon, double[] clipped)
    {
        int count = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            double e = Math.Clamp(raw[i], epsilon, 1 - epsilon);
            if (e != raw[i])
            {
                count++;
            }

            clipped[i] = e;
        }

        return count;
    }

    public static string ClipWarning(int clipped, int n, double epsilon) =>
        $"{clipped} of {n} units ({100.0 * clipped / n:F1}%) had a propensity outside [{epsilon}, {1 - epsilon}] and were clipped to it; " +
        "their weights are capped, so the estimate leans on fewer comparable units.";
}
