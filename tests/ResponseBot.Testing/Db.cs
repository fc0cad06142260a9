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

    public Task<long> CountAsync(string table, string where = "true", object? args = null) =>
        ScalarAsync<long>($"select count(*) from {table} where {where}", args);
}
