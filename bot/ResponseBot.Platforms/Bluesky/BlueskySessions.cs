using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;

namespace ResponseBot.Platforms.Bluesky;

/// <summary>A logged-in account: its DID, handle and tokens. Never logged.</summary>
public sealed record BlueskySession(string Did, string Handle, string AccessJwt, string RefreshJwt);

/// <summary>
/// One session per account, created once and kept: an expired access token is renewed with <c>refreshSession</c>, and only
/// a refresh that fails logs in again (Bluesky limits logins to 30 per 5 minutes and 300 a day). Calls for one account are
/// serialised while its session is being renewed, so a burst renews it once. Each new or renewed session is stored
/// protected (Data Protection, keys in the database), so a restart — or another instance — carries on with it.
/// </summary>
public sealed class BlueskySessions(XrpcClient xrpc, AccountDirectory accounts, IUnitOfWorkFactory db, IDataProtectionProvider protection,
    TimeProvider clock, ILogger<BlueskySessions> log)
{
    private readonly IDataProtector _protector = protection.CreateProtector("ResponseBot.Platforms.Bluesky.Session");

    private readonly ConcurrentDictionary<string, (SemaphoreSlim Gate, BlueskySession? Session)> _sessions = new(StringComparer.OrdinalIgnoreCase);

    public Uri Service(string accountId) => Settings(accountId).EffectiveServiceUrl();

    /// <summary>Adopts a session already held for the account (one restored from storage), instead of logging in.</summary>
    public void Adopt(string accountId, BlueskySession session) =>
        _sessions.AddOrUpdate(accountId, _ => (new SemaphoreSlim(1, 1), session), (_, e) => (e.Gate, session));

    /// <summary>Runs <paramref name="call"/> with the account's access token, renewing the session once if it has expired.</summary>
    public async Task<T> WithSessionAsync<T>(string accountId, Func<BlueskySession, Task<T>> call, CancellationToken ct)
    {
        var session = await CurrentAsync(accountId, null, ct);
        try
        {
            return await call(session);
        }
        catch (XrpcException ex) when (ex.Error is "ExpiredToken" or "InvalidToken" || ex.Status == HttpStatusCode.Unauthorized)
        {
            log.LogInformation("Bluesky session for {AccountId} expired ({Error}); renewing it", accountId, ex.Error);
            return await call(await CurrentAsync(accountId, session, ct));
        }
    }

    // The session, created if there is none; with stale set, renewed unless another call already did.
    private async Task<BlueskySession> CurrentAsync(string accountId, BlueskySession? stale, CancellationToken ct)
    {
        var entry = _sessions.GetOrAdd(accountId, _ => (new SemaphoreSlim(1, 1), null));
        await entry.Gate.WaitAsync(ct);
        try
        {
            var current = _sessions[accountId].Session;
            if (current is not null && current != stale) return current;
            // Another instance (or this one before a restart) may hold a newer session than ours.
            if (await LoadAsync(accountId, ct) is { } stored && stored != stale && stored != current)
            {
                _sessions[accountId] = (entry.Gate, stored);
                return stored;
            }
            var renewed = current is null && stale is null ? await CreateAsync(accountId, ct) : await RefreshAsync(accountId, current ?? stale!, ct);
            _sessions[accountId] = (entry.Gate, renewed);
            await SaveAsync(accountId, renewed, ct);
            return renewed;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private async Task<BlueskySession> RefreshAsync(string accountId, BlueskySession current, CancellationToken ct)
    {
        try
        {
            return Read(await xrpc.ProcedureAsync(Service(accountId), "com.atproto.server.refreshSession", null, current.RefreshJwt, ct));
        }
        catch (XrpcException ex) when (ex.Error is "ExpiredToken" or "InvalidToken" || ex.Status == HttpStatusCode.Unauthorized)
        {
            // Refused (revoked or expired refresh token): only then spend a login. A 429 or 5xx is just a failed poll.
            log.LogWarning("Bluesky refresh for {AccountId} refused ({Error}); logging in again", accountId, ex.Error);
            return await CreateAsync(accountId, ct);
        }
        catch (XrpcException ex)
        {
            throw ex.ToDelivery("Bluesky session refresh");
        }
    }

    private async Task<BlueskySession> CreateAsync(string accountId, CancellationToken ct)
    {
        var a = Settings(accountId);
        try
        {
            var body = new JsonObject { ["identifier"] = a.Handle.TrimStart('@'), ["password"] = a.AppPassword };
            var session = Read(await xrpc.ProcedureAsync(a.EffectiveServiceUrl(), "com.atproto.server.createSession", body, null, ct));
            log.LogInformation("Bluesky session created for {AccountId} as {Handle}", accountId, session.Handle);
            return session;
        }
        catch (XrpcException ex)
        {
            throw ex.Status == HttpStatusCode.Unauthorized
                ? new DeliveryException(DeliveryFailure.Permanent, $"Bluesky refused the login for {accountId} ({ex.Error}): check Accounts:{accountId}:AppPassword")
                : ex.ToDelivery("Bluesky login");
        }
    }

    private async Task<BlueskySession?> LoadAsync(string accountId, CancellationToken ct)
    {
        // The connection goes back before the text is unprotected: a key ring not loaded yet is read from the same pool.
        string? stored;
        await using (var uow = await db.BeginAsync(ct))
        {
            stored = await uow.PlatformSessions.FindAsync(accountId, ct);
            await uow.CommitAsync(ct);
        }
        if (stored is null) return null;
        try
        {
            return JsonSerializer.Deserialize<BlueskySession>(_protector.Unprotect(stored));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            log.LogWarning("Stored Bluesky session for {AccountId} can't be read ({Error}); logging in", accountId, ex.GetType().Name);
            return null;
        }
    }

    private async Task SaveAsync(string accountId, BlueskySession session, CancellationToken ct)
    {
        // Protected before the unit of work opens, for the same reason as in LoadAsync (a new key is written there too).
        var text = _protector.Protect(JsonSerializer.Serialize(session));
        await using var uow = await db.BeginAsync(ct);
        await uow.PlatformSessions.SaveAsync(accountId, text, clock.Now(), ct);
        await uow.CommitAsync(ct);
    }

    private static BlueskySession Read(JsonObject o) => new(o["did"]!.GetValue<string>(), o["handle"]!.GetValue<string>(),
        o["accessJwt"]!.GetValue<string>(), o["refreshJwt"]!.GetValue<string>());

    private AccountOptions Settings(string accountId) =>
        accounts.Settings(accountId) ?? throw new DeliveryException(DeliveryFailure.Permanent, $"account {accountId} is no longer configured");
}
