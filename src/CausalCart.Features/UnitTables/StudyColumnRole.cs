namespace CausalCart.Features.UnitTables;

/// <summary>The role a unit-table column plays in the study.</summary>
public enum StudyColumnRole
{
    /// <summary>Identifies the unit (<c>user</c>; <c>user</c> and <c>item</c> for a user–item unit): the store's dense ids.</summary>
    Key,

    /// <summary>The unit's time zero (<c>t0</c>).</summary>
    TimeZero,

    /// <summary>The treatment indicator (<c>treatment</c>), 0 or 1.</summary>
    Treatment,

    /// <summary>The outcome (<c>outcome</c>): 0/1, a count or revenue.</summary>
    Outcome,

    /// <summary>A covariate, measured strictly before time zero.</summary>
    Covariate,

    /// <summary>The instrument (<c>instrument</c>), 0 or 1, when the study gives one: measured like the treatment, after time zero.</summary>
    Instrument,
}
