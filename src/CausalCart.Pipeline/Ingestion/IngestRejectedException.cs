using CausalCart.Core.Errors;

namespace CausalCart.Pipeline.Ingestion;

/// <summary>More rows were rejected than allowed; the summary of what was ingested travels with it.</summary>
public sealed class IngestRejectedException : CausalCartException
{
    /// <summary>Creates the exception.</summary>
    public IngestRejectedException(IngestSummary summary, string message)
        : base(ErrorKind.InputRejected, message)
    {
        Summary = summary;
    }

    /// <summary>What was ingested.</summary>
    public IngestSummary Summary { get; }
}
