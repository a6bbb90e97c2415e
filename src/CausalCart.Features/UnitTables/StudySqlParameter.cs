namespace CausalCart.Features.UnitTables;

/// <summary>
/// A named parameter of a compiled study query (written <c>$name</c> in the SQL). Every value that comes
/// from a spec travels as a parameter, never spliced into the text.
/// </summary>
/// <param name="Name">Name without the <c>$</c>.</param>
/// <param name="Value">A <see cref="long"/> (microseconds for durations and instants, action codes) or a <see cref="string"/>.</param>
public sealed record StudySqlParameter(string Name, object Value);
