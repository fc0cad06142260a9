using System.Data.Common;
using Npgsql;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store;

/// <summary>LISTEN on the <c>outbox</c> channel (the insert trigger notifies it at commit) over one dedicated connection.</summary>
public sealed class OutboxNotifications(DbDataSource db) : IOutboxNotifications
{
    private static readonly TimeSpan ListenSlice = TimeSpan.FromMilliseconds(250);

    public async Task ListenAsync(Action<string> committed, Action listening, CancellationToken ct)
    {
        await using var conn = (NpgsqlConnection)await db.OpenConnectionAsync(ct);
        conn.Notification += (_, e) => committed(e.Payload);
        try
        {
            await using (var listen = new NpgsqlCommand("listen outbox", conn))
                await listen.ExecuteNonQueryAsync(ct);
            listening();
            // Short waits rather than one cancelled wait: cancelling Npgsql's wait doesn't return promptly, and a stopping
            // instance must not be held up by its listener.
            while (!ct.IsCancellationRequested) await conn.WaitAsync(ListenSlice);
        }
        finally
        {
            // Connections go back to the pool as they are (not reset): this one must not go back still listening.
            await StopListeningAsync(conn);
        }
        ct.ThrowIfCancellationRequested();
    }

    private static async Task StopListeningAsync(NpgsqlConnection conn)
    {
        if (conn.FullState != System.Data.ConnectionState.Open) return;
        try
        {
            await using var unlisten = new NpgsqlCommand("unlisten *", conn) { CommandTimeout = 2 };
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // Not known to have stopped: the pool drops its connections, this one as it is returned.
            NpgsqlConnection.ClearPool(conn);
        }
    }
}
