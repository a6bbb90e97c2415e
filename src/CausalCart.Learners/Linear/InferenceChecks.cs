namespace CausalCart.Learners.Linear;

/// <summary>Checks and matrix helpers shared by the least-squares and logistic coefficient tables.</summary>
internal static class InferenceChecks
{
    public static void CheckLevel(InferenceOptions options)
    {
        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ConfidenceLevel, "ConfidenceLevel must be in (0, 1), e.g. 0.95.");
        }

        if (!Enum.IsDefined(options.Distribution))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Distribution, "Distribution must be Default, StudentT or Normal.");
        }
    }

    public static int[] CheckGroups(CovarianceType covariance, int rows)
    {
        int[] groups = covariance.Groups ?? throw new ArgumentException("Cluster-robust covariance needs group ids.", nameof(covariance));
        if (groups.Length != rows)
        {
            throw new ArgumentException($"Cluster group ids have {groups.Length} values for {rows} rows.", nameof(covariance));
        }

        return groups;
    }

    /// <summary>A·M·Aᵀ for square (k, k) row-major A and symmetric M.</summary>
    public static double[] Sandwich(double[] a, double[] m, int k)
    {
        var am = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int t = 0; t < k; t++)
            {
                double ait = a[(i * k) + t];
                if (ait == 0)
                {
                    continue;
                }

                for (int j = 0; j < k; j++)
                {
                    am[(i * k) + j] += ait * m[(t * k) + j];
                }
            }
        }

        var result = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                double s = 0;
                for (int t = 0; t < k; t++)
                {
                    s += am[(i * k) + t] * a[(j * k) + t];
                }

                result[(i * k) + j] = s;
                result[(j * k) + i] = s;
            }
        }

        return result;
    }
}
