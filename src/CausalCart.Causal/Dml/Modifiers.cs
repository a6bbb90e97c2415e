using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>Selection of effect-modifier columns and the final-stage design [1, X].</summary>
internal static class Modifiers
{
    /// <summary>Column indices of <paramref name="names"/> (null: all) in <paramref name="covariateNames"/>.</summary>
    public static int[] Columns(IReadOnlyList<string> covariateNames, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return Enumerable.Range(0, covariateNames.Count).ToArray();
        }

        var cols = new int[names.Count];
        for (int j = 0; j < names.Count; j++)
        {
            int c = -1;
            for (int k = 0; k < covariateNames.Count; k++)
            {
                if (string.Equals(covariateNames[k], names[j], StringComparison.Ordinal))
                {
                    c = k;
                    break;
                }
            }

            if (c < 0)
            {
                throw new ArgumentException(
                    $"Effect modifier '{names[j]}' is not a covariate; valid names: {string.Join(", ", covariateNames)}.", "EffectModifiers");
            }

            cols[j] = c;
        }

        return cols;
    }

    /// <summary>The modifier columns, shape (n, m).</summary>
    public static Matrix Select(Matrix x, int[] cols)
    {
        var m = new Matrix(x.Rows, cols.Length);
        for (int i = 0; i < x.Rows; i++)
        {
            ReadOnlySpan<double> r = x.Row(i);
            for (int j = 0; j < cols.Length; j++)
            {
                m[i, j] = r[cols[j]];
            }
        }

        return m;
    }

    /// <summary>[1, X] of shape (n, 1 + m).</summary>
    public static Matrix WithIntercept(Matrix x)
    {
        var m = new Matrix(x.Rows, x.Cols + 1);
        for (int i = 0; i < x.Rows; i++)
        {
            m[i, 0] = 1;
            ReadOnlySpan<double> r = x.Row(i);
            for (int j = 0; j < x.Cols; j++)
            {
                m[i, j + 1] = r[j];
            }
        }

        return m;
    }
}
