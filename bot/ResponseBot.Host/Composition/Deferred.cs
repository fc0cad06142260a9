namespace ResponseBot.Host.Composition;

/// <summary>
/// A scoped service made the first time it is used rather than when its user is: for an edge that names many use cases and
/// calls one of them per request.
/// </summary>
public sealed class Deferred<T>(IServiceProvider services) where T : class
{
    private T? _value;

    public T Value => _value ??= services.GetRequiredService<T>();
}
