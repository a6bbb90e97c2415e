namespace CausalCart.Learners.Linear;

/// <summary>What least squares does when feature columns are (nearly) linearly dependent.</summary>
public enum RankDeficiency
{
    /// <summary>Throw an <see cref="ArgumentException"/> that names the collinear (or constant) feature columns.</summary>
    Throw,

    /// <summary>Drop each column that is collinear with the intercept and the columns before it (R's <c>lm</c> rule):
    /// its coefficient is fixed at 0 and it is reported as aliased.</summary>
    DropColumns,
}
