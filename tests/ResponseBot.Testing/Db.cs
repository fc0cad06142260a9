using Dapper;
using Npgsql;

namespace ResponseBot.Testing;

/// <summary>Direct reads of a test database, to assert what was (and wasn't) stored.</summary>
public sealed class Db(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        return (await conn.QueryAsync<T>(sql, args)).ToList();
    }

    /// <summary>Adds rota cover as a coordinator's edit would, for tests that need an override in place.</summary>
    public Task<long> AddOverrideAsync(string layer, string staffId, NodaTime.Instant start, NodaTime.Instant end, string? coveringFor = null) =>
        ScalarAsync<long>("""
            insert into rota_overrides (layer, staff_id, starts_at, ends_at, covering_for, created_by, created_at)
            values (@layer, @staffId, @start, @end, @coveringFor, 'coordinator', now()) returning id
            """, new { layer, staffId, start = start.ToDateTimeOffset(), end = end.ToDateTimeOffset(), coveringFor });

    /// <summary>Stores a bare case (no routing, no log), for tests of what names one; its id.</summary>
    public Task<long> AddCaseAsync(string externalId = "x1") =>
        ScalarAsync<long>("""
            insert into cases (account_id, external_id, author_handle, author_name, text, created_at, received_at)
            values ('acc', @externalId, 'h', 'n', 'words', now(), now()) returning id
            """, new { externalId });

    public Task<long> CountAsync(string table, string where = "true", object? args = null) =>
        ScalarAsync<long>($"select count(*) from {table} where {where}", args);
}
