using System.Data;
using Dapper;
using NodaTime;

namespace ResponseBot.Store;

/// <summary>
/// How timestamptz columns map: Npgsql reads them as UTC DateTimes, and this handler hands Dapper's rows the NodaTime
/// Instants every rule works in, so no store converts by hand.
/// </summary>
internal static class Mapping
{
    private static int _registered;

    /// <summary>Dapper's settings for every store: snake_case columns onto PascalCase members, and the timestamp types.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new InstantHandler());
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<Instant>
    {
        public override Instant Parse(object value) => value switch
        {
            DateTime utc => Instant.FromDateTimeUtc(utc),
            DateTimeOffset offset => Instant.FromDateTimeOffset(offset),
            _ => throw new DataException($"cannot read {value.GetType().Name} as a timestamp"),
        };

        public override void SetValue(IDbDataParameter parameter, Instant value)
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value.ToDateTimeOffset();
        }
    }
}
