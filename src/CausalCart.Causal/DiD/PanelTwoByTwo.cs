namespace CausalCart.Causal.DiD;

/// <summary>
/// One 2×2 difference-in-differences on panel data: the ATT from outcome changes ΔY_i = Y_i(post) − Y_i(pre) of treated
/// (D = 1) and comparison (D = 0) units, with its influence function, by outcome regression, normalised IPW or the doubly
/// robust estimator of Sant'Anna &amp; Zhao (2020).
/// </summary>
/// <remarks>
/// Implementation note: these are the panel estimators of the R <c>DRDID</c> package as the <c>did</c> package calls them
/// (<c>reg_did_panel</c>, <c>std_ipw_did_panel</c>, <c>drdid_panel</c>), written from Sant'Anna &amp; Zhao (2020), J. Econometrics
/// 219(1), eqs. (3.1) and (2.2)–(2.4) and the influence functions of their Appendix. With only an intercept as covariate
/// all three equal the difference of mean outcome changes. The influence function ψ_i is on the 1/m scale:
/// ATT̂ − ATT ≈ (1/m) Σ_i ψ_i over the m units in the comparison.
/// </remarks>
internal static class PanelTwoByTwo
{
    /// <summary>Fitted propensities above this are clipped (as in DRDID), so control weights p/(1 − p) stay finite.</summary>
    public const double PropensityCeiling = 1 - 1e-6;

    /// <param name="Att">The estimate.</param>
    /// <param name="Influence">(m) influence function values, mean zero.</param>
    /// <param name="Clipped">Control units whose propensity was clipped at <see cref="PropensityCeiling"/>.</param>
    /// <param name="MaxPropensity">Largest fitted propensity among controls (NaN without a propensity model).</param>
    /// <param name="OutsideSupport">Control units given propensity 0 because an indicator covariate level of theirs holds no treated unit (<see cref="PropensitySupport"/>).</param>
    public readonly record struct Result(double Att, double[] Influence, int Clipped, double MaxPropensity, int OutsideSupport = 0);

    /// <param name="dy">(m) outcome changes.</param>
    /// <param name="d">(m) treated-group indicator.</param>
    /// <param name="x">(m, k) covariates in the base period, column 0 the intercept.</param>
    /// <param name="m">Units in the comparison.</param>
    /// <param name="k">Columns of <paramref name="x"/>.</param>
    /// <param name="method">Adjustment.</param>
    public static Result Estimate(double[] dy, bool[] d, double[] x, int m, int k, DidEstimation method)
    {
        double n1 = 0;
        for (int i = 0; i < m; i++)
        {
            n1 += d[i] ? 1 : 0;
        }

        double meanD = n1 / m;

        // Outcome regression of ΔY on X among the comparison units (reg, dr): out.delta = Xβ.
        double[]? outDelta = null;
        double[]? olsLin = null; // (m, k) asymptotic linear representation of β
        if (method != DidEstimation.Ipw)
        {
            var beta = DidLinearAlgebra.Ols(x, dy, m, k, i => !d[i], "comparison units' outcome-regression design");
            outDelta = new double[m];
            for (int i = 0; i < m; i++)
            {
                double s = 0;
                for (int c = 0; c < k; c++)
                {
                    s += x[i * k + c] * beta[c];
                }

                outDelta[i] = s;
            }

            // asy.lin.rep.ols_i = (1 − D_i)(ΔY_i − X_iβ) X_iᵀ (Σ(1 − D)XXᵀ/m)⁻¹.
            var xpx = DidLinearAlgebra.CrossProduct(x, m, k, i => d[i] ? 0 : 1.0 / m);
            var inv = DidLinearAlgebra.Inverse(xpx, k, "comparison units' outcome-regression design");
            olsLin = new double[m * k];
            for (int i = 0; i < m; i++)
            {
                if (d[i])
                {
                    continue;
                }

                double e = dy[i] - outDelta[i];
                for (int c = 0; c < k; c++)
                {
                    double s = 0;
                    for (int r = 0; r < k; r++)
                    {
                        s += e * x[i * k + r] * inv[r * k + c];
                    }

                    olsLin[i * k + c] = s;
                }
            }
        }

        if (method == DidEstimation.OutcomeRegression)
        {
            // ATT = mean(D·ΔY)/mean(D) − mean(D·Xβ)/mean(D).
            double sTreat = 0, sCont = 0;
            for (int i = 0; i < m; i++)
            {
                if (d[i])
                {
                    sTreat += dy[i];
                    sCont += outDelta![i];
                }
            }

            double etaTreat = sTreat / m / meanD, etaCont = sCont / m / meanD;
            var m1 = ColumnMeans(x, m, k, i => d[i] ? 1 : 0);
            var psi = new double[m];
            for (int i = 0; i < m; i++)
            {
                double di = d[i] ? 1 : 0;
                double infTreat = (di * dy[i] - di * etaTreat) / meanD;
                double infCont = di * outDelta![i] - di * etaCont + Dot(olsLin!, i, k, m1);
                psi[i] = infTreat - infCont / meanD;
            }

            return new Result(etaTreat - etaCont, psi, 0, double.NaN);
        }

        // Propensity p(X) = P(D = 1 | X, D = 1 or comparison), logistic; asy.lin.rep.ps_i = (D_i − p_i) X_iᵀ (XᵀWX/m)⁻¹.
        // Its design xp (m, kp) drops indicator levels without treated units (their controls get p = 0: the MLE's limit).
        var support = PropensitySupport.Restrict(x, d, m, k);
        var (xp, kp) = (support.X, support.K);
        var p = PropensitySupport.Fit(support, d, m);
        int clipped = 0;
        double maxP = 0;
        for (int i = 0; i < m; i++)
        {
            if (!d[i])
            {
                maxP = Math.Max(maxP, p[i]);
                if (p[i] > PropensityCeiling)
                {
                    clipped++;
                }
            }

            p[i] = Math.Min(p[i], PropensityCeiling);
        }

        // Units outside the support have p = 0 and D = 0: no information, no residual, so no propensity influence.
        var hess = DidLinearAlgebra.Inverse(DidLinearAlgebra.CrossProduct(xp, m, kp, i => p[i] * (1 - p[i]) / m), kp, "propensity model's information matrix");
        var psLin = new double[m * kp]; // (m, kp)
        for (int i = 0; i < m; i++)
        {
            double r = (d[i] ? 1 : 0) - p[i];
            for (int c = 0; c < kp; c++)
            {
                double s = 0;
                for (int q = 0; q < kp; q++)
                {
                    s += r * xp[i * kp + q] * hess[q * kp + c];
                }

                psLin[i * kp + c] = s;
            }
        }

        // Weights: treated 1, comparison p/(1 − p) (odds), each normalised by its mean.
        var wCont = new double[m];
        double meanWTreat = meanD, meanWCont = 0;
        for (int i = 0; i < m; i++)
        {
            wCont[i] = d[i] ? 0 : p[i] / (1 - p[i]);
            meanWCont += wCont[i] / m;
        }

        // Residual outcome change: ΔY − Xβ for DR, ΔY for IPW.
        var res = new double[m];
        for (int i = 0; i < m; i++)
        {
            res[i] = dy[i] - (outDelta?[i] ?? 0);
        }

        double aTreat = 0, aCont = 0;
        for (int i = 0; i < m; i++)
        {
            aTreat += (d[i] ? res[i] : 0) / m;
            aCont += wCont[i] * res[i] / m;
        }

        double eTreat = aTreat / meanWTreat, eCont = aCont / meanWCont;
        var m2 = ColumnMeans(xp, m, kp, i => wCont[i] * (res[i] - eCont));
        double[]? m1dr = null, m3 = null;
        if (method == DidEstimation.DoublyRobust)
        {
            m1dr = ColumnMeans(x, m, k, i => d[i] ? 1 : 0);
            m3 = ColumnMeans(x, m, k, i => wCont[i]);
        }

        var influence = new double[m];
        for (int i = 0; i < m; i++)
        {
            double di = d[i] ? 1 : 0;
            double infTreat = di * res[i] - di * eTreat;
            double infCont = wCont[i] * res[i] - wCont[i] * eCont + Dot(psLin, i, kp, m2);
            if (method == DidEstimation.DoublyRobust)
            {
                infTreat -= Dot(olsLin!, i, k, m1dr!);
                infCont -= Dot(olsLin!, i, k, m3!);
            }

            influence[i] = infTreat / meanWTreat - infCont / meanWCont;
        }

        return new Result(eTreat - eCont, influence, clipped, maxP, support.Outside);
    }

    private static double[] ColumnMeans(double[] x, int m, int k, Func<int, double> weight)
    {
        var mean = new double[k];
        for (int i = 0; i < m; i++)
        {
            double w = weight(i);
            if (w == 0)
            {
                continue;
            }

            for (int c = 0; c < k; c++)
            {
                mean[c] += w * x[i * k + c];
            }
        }

        for (int c = 0; c < k; c++)
        {
            mean[c] /= m;
        }

        return mean;
    }

    private static double Dot(double[] rows, int i, int k, double[] v)
    {
        double s = 0;
        for (int c = 0; c < k; c++)
        {
            s += rows[i * k + c] * v[c];
        }

        return s;
    }
}
