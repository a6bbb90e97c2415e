namespace CausalCart.Core.Results;

/// <summary>Schema versions of the serialised result records.</summary>
public static class SchemaVersions
{
    /// <summary>
    /// Version of the analysis result schema. Bumped on any breaking change to a record's JSON shape
    /// (renamed or removed property, changed meaning); adding an optional property is not breaking.
    /// </summary>
    /// <remarks>1.1 added the optional <c>identification</c> section (<see cref="GraphIdentification"/>); 1.2 the optional
    /// <c>heterogeneity</c> section (<see cref="EffectHeterogeneity"/>, "who responds"); 1.3 the optional
    /// <c>instrumentalVariables</c> section (<see cref="IvAnalysisResult"/>, a study or table with an instrument). Older readers can ignore them.</remarks>
    public const string Analysis = "1.3";

    /// <summary>Version of the difference-in-differences result schema (<see cref="DidAnalysisResult"/>).</summary>
    /// <remarks>1.1 added <c>eventTimeAverage</c> and <c>cohortAverage</c>, the overall summaries of the event-study and
    /// by-cohort aggregations. Older readers can ignore them.</remarks>
    public const string Did = "1.1";

    /// <summary>Version of the instrumental-variable result schema (<see cref="IvAnalysisResult"/>).</summary>
    public const string Iv = "1.0";
}
