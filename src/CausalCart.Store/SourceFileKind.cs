namespace CausalCart.Store;

/// <summary>What a source file held; stored in <c>source_files.kind</c> as the lower-case name.</summary>
public enum SourceFileKind
{
    /// <summary>Behaviour events (<c>events</c> table).</summary>
    Events,

    /// <summary>Exposures to campaigns (<c>exposures</c> table).</summary>
    Exposures,

    /// <summary>The item side table (<c>items</c>).</summary>
    Items,

    /// <summary>The user side table (<c>users</c>).</summary>
    Users,
}
