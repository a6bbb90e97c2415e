namespace CausalCart.Features.Study;

/// <summary>The unit of analysis: what one row of the unit table stands for. Spec names in brackets.</summary>
public enum StudyUnit
{
    /// <summary>A user (<c>user</c>): one row per eligible user.</summary>
    User,

    /// <summary>
    /// A user and an item (<c>user_item</c>): one row per eligible user–item pair, time zero being the
    /// pair's first occurrence of an action (<see cref="FirstActionTimeZero"/>).
    /// </summary>
    UserItem,
}
