namespace CausalCart.Store;

/// <summary>What one <see cref="EventStore.Sessionize"/> run did.</summary>
/// <param name="EventsAssigned">Events that had no session and now have a gap session.</param>
/// <param name="GapSessionsCreated">New sessions with origin <c>gap</c>.</param>
/// <param name="SourceSessions">Sessions with origin <c>source</c> (given by the files) now in the <c>sessions</c> table.</param>
/// <param name="InactivityGap">The gap used.</param>
public sealed record SessionizeResult(long EventsAssigned, int GapSessionsCreated, int SourceSessions, TimeSpan InactivityGap);
