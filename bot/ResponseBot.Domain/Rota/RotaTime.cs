using NodaTime;

namespace ResponseBot.Domain.Rota;

public static class RotaTime
{
    /// <summary>Now, from the injected <see cref="TimeProvider"/> (fake time in tests), as a NodaTime instant.</summary>
    public static Instant Now(this TimeProvider clock) => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
