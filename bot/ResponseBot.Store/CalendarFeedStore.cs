using System.Buffers.Text;
using System.Security.Cryptography;
using Dapper;
using NodaTime;
using Npgsql;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Store;

public sealed class CalendarFeedStore(NpgsqlDataSource db) : ICalendarFeedStore
{
    private const int TokenBytes = 32;

    public async Task<string> IssueAsync(string staffId, Instant now, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into calendar_feeds (staff_id, token_hash, created_at) values (@staffId, @Hash, @Now)
            on conflict (staff_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at
            """, new { staffId, Hash = Hash(token), Now = now.ToDateTimeOffset() }, cancellationToken: ct));
        return token;
    }

    public async Task<string?> FindStaffAsync(string token, CancellationToken ct)
    {
        // Anything that can't be one of our tokens is turned away without a query.
        if (token.Length != Base64Url.GetEncodedLength(TokenBytes) || !Base64Url.IsValid(token, out var length) || length != TokenBytes)
            return null;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select staff_id from calendar_feeds where token_hash = @Hash", new { Hash = Hash(token) }, cancellationToken: ct));
    }

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
}
