using NodaTime;

namespace ResponseBot.Testing;

/// <summary>Reads like the BCL in test arithmetic: <c>Now.AddMinutes(-5)</c> on NodaTime instants.</summary>
public static class InstantArithmetic
{
    public static Instant AddMilliseconds(this Instant t, double milliseconds) => t + Duration.FromMilliseconds(milliseconds);

    public static Instant AddSeconds(this Instant t, double seconds) => t + Duration.FromSeconds(seconds);

    public static Instant AddMinutes(this Instant t, double minutes) => t + Duration.FromMinutes(minutes);

    public static Instant AddHours(this Instant t, double hours) => t + Duration.FromHours(hours);

    public static Instant AddDays(this Instant t, double days) => t + Duration.FromDays(days);
}
