using NodaTime;
using ResponseBot.Application.Downloads;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store.Repositories;

internal sealed class DownloadRepository(Session s) : IDownloadRepository
{
    private sealed record Row(string FileName, string ContentType, byte[] Body);

    public async Task<long> SaveAsync(string createdBy, DownloadFile file, Instant now, Instant expiresAt, CancellationToken ct) =>
        await s.ScalarAsync<long>("""
            insert into downloads (created_by, created_at, expires_at, file_name, content_type, body)
            values (@createdBy, @now, @expiresAt, @FileName, @ContentType, @Body)
            returning id
            """, new { createdBy, now, expiresAt, file.FileName, file.ContentType, file.Body }, ct);

    public async Task<bool> IssueAsync(long id, byte[] tokenHash, Instant expiresAt, CancellationToken ct) =>
        await s.ExecuteAsync("update downloads set token_hash = @tokenHash, expires_at = @expiresAt where id = @id",
            new { id, tokenHash, expiresAt }, ct) == 1;

    public async Task<DownloadFile?> FindAsync(byte[] tokenHash, Instant now, CancellationToken ct) =>
        await s.FirstOrDefaultAsync<Row>("""
            select file_name as FileName, content_type as ContentType, body as Body from downloads
             where token_hash = @tokenHash and expires_at > @now
            """, new { tokenHash, now }, ct) is { } r ? new DownloadFile(r.FileName, r.ContentType, r.Body) : null;

    public Task<int> PurgeExpiredAsync(Instant now, CancellationToken ct) =>
        s.ExecuteAsync("delete from downloads where expires_at <= @now", new { now }, ct);
}
