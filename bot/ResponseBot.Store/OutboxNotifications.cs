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
        await using (var listen = new NpgsqlCommand("listen outbox", conn))
            await listen.ExecuteNonQueryAsync(ct);
        listening();
        // Short waits rather than one cancelled wait: cancelling Npgsql's wait doesn't return promptly, and a stopping
        // instance must not be held up by its listener.
        while (!ct.IsCancellationRequested) await conn.WaitAsync(ListenSlice);
        ct.ThrowIfCancellationRequested();
    }
}
