using NodaTime;

namespace ResponseBot.Domain;

public static class Clock
{
    /// <summary>Now, from the injected <see cref="TimeProvider"/> (fake time in tests), as the instant every rule works in.</summary>
    public static Instant Now(this TimeProvider clock) => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
