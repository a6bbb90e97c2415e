namespace CausalCart.Core.Errors;

/// <summary>An exception's message as a user should read it.</summary>
public static class UserMessage
{
    /// <summary>The message, without .NET's " (Parameter 'name')" suffix on an <see cref="ArgumentException"/>, which
    /// names a parameter of our code rather than anything in the user's input.</summary>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ArgumentException { ParamName: { } name } arg
            ? arg.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;
    }
}
