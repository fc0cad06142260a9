using NodaTime;
using NodaTime.Text;

namespace ResponseBot.Store;

/// <summary>
/// A timestamp written into JSON for PostgreSQL to read: cut to the microsecond, as Npgsql cuts a parameter, so the same
/// instant stored both ways is equal (PostgreSQL would round a longer fraction, not cut it).
/// </summary>
internal static class Micro
{
    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'");

    public static string Of(Instant at) => Pattern.Format(at);
}
