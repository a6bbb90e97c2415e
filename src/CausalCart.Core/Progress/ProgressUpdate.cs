namespace CausalCart.Core.Progress;

/// <summary>
/// How far a long step has come. Stages report through <see cref="IProgress{T}"/>; the CLI draws a bar
/// on an interactive terminal and stays quiet otherwise.
/// </summary>
/// <param name="Stage">What is running, in a few words (<c>ingest events.csv</c>).</param>
/// <param name="Done">Work done so far, in <paramref name="Unit"/>.</param>
/// <param name="Total">Total work when known.</param>
/// <param name="Unit">What is counted (<c>rows</c>, <c>bytes</c>, <c>users</c>).</param>
public sealed record ProgressUpdate(string Stage, long Done, long? Total, string Unit);
