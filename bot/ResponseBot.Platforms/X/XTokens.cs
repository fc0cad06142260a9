using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;

namespace ResponseBot.Platforms.X;

/// <summary>
/// An account's OAuth 2.0 user-context tokens. <paramref name="Seed"/> names (by hash) the configured refresh token this chain
/// grew from, so setting a new one after re-authorising starts a new chain. Never logged.
/// </summary>
public sealed record XSession(string AccessToken, string RefreshToken, Instant ExpiresAt, Instant IssuedAt, string Seed);

/// <summary>
/// The access token for each X account, obtained with the refresh token (<c>POST /2/oauth2/token</c>, grant_type=refresh_token)
/// and renewed a few minutes before it expires, or at once when X refuses it. X rotates the refresh token at every refresh and
/// the old one stops working, so each new pair is stored protected (Data Protection, keys in the database) before it is used:
/// a restart, or another instance, carries on from the newest, and the configured RefreshToken only seeds the first refresh.
/// One renewal at a time per account.
/// </summary>
public sealed class XTokens(XClient client, AccountDirectory accounts, IUnitOfWorkFactory db, IDataProtectionProvider protection,
    TimeProvider clock, ILogger<XTokens> log)
{
    /// <summary>Renewed when less than this is left, so no call goes out with a token about to expire.</summary>
    public static readonly Duration RenewAhead = Duration.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("ResponseBot.Platforms.X.Tokens");

    private readonly ConcurrentDictionary<string, (SemaphoreSlim Gate, XSession? Session)> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, XSession> _unsaved = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the account's current access token expires; null before the first call.</summary>
    public Instant? ExpiresAt(string accountId) => _sessions.TryGetValue(accountId, out var e) ? e.Session?.ExpiresAt : null;

    /// <summary>Runs <paramref name="call"/> with the account's access token; a 401 renews the token and tries once more.</summary>
    public async Task<T> WithTokenAsync<T>(string accountId, Func<string, Task<T>> call, CancellationToken ct)
    {
        var session = await CurrentAsync(accountId, null, ct);
        try
        {
            return await call(session.AccessToken);
        }
        catch (XException ex) when (ex.Status == HttpStatusCode.Unauthorized)
        {
            log.LogInformation("X refused the access token for {AccountId} ({Detail}); refreshing it", accountId, ex.Detail);
        }
        try
        {
            return await call((await CurrentAsync(accountId, session, ct)).AccessToken);
        }
        catch (XException ex) when (ex.Status == HttpStatusCode.Unauthorized)
        {
            throw new DeliveryException(DeliveryFailure.Permanent,
                $"X refused a newly refreshed access token for {accountId} ({ex.Detail}): {Reauthorise(accountId)}", inner: ex);
        }
    }

    // The session to use: ours while it has time left and isn't the one just refused, else a newer stored one, else a refresh.
    private async Task<XSession> CurrentAsync(string accountId, XSession? refused, CancellationToken ct)
    {
        var entry = _sessions.GetOrAdd(accountId, _ => (new SemaphoreSlim(1, 1), null));
        await entry.Gate.WaitAsync(ct);
        try
        {
            var seed = Seed(accountId);
            var current = _sessions[accountId].Session;
            // A pair whose save failed is saved before anything else: X has already retired the refresh token before it.
            if (_unsaved.TryRemove(accountId, out var pending)) await SaveAsync(accountId, pending, ct);
            if (Usable(current, refused)) return current!;
            var stored = await LoadAsync(accountId, seed, ct);
            if (Usable(stored, refused)) return Keep(accountId, entry.Gate, stored!);
            // The newest refresh token we know of: a failed save must not send us back to one X has already rotated away.
            var newest = new[] { current, stored }.OfType<XSession>().Where(s => s.Seed == seed).MaxBy(s => s.IssuedAt);
            var renewed = await RefreshAsync(accountId, newest?.RefreshToken ?? Settings(accountId).RefreshToken!, seed, ct);
            Keep(accountId, entry.Gate, renewed);
            await SaveAsync(accountId, renewed, ct);
            return renewed;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private bool Usable(XSession? s, XSession? refused) =>
        s is not null && s.AccessToken != refused?.AccessToken && s.ExpiresAt - clock.Now() > RenewAhead;

    private XSession Keep(string accountId, SemaphoreSlim gate, XSession session)
    {
        _sessions[accountId] = (gate, session);
        return session;
    }

    private async Task<XSession> RefreshAsync(string accountId, string refreshToken, string seed, CancellationToken ct)
    {
        var a = Settings(accountId);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(a.EffectiveServiceUrl(), "2/oauth2/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", refreshToken), new("client_id", a.ClientId!)]),
        };
        // A confidential client authenticates with its id and secret (Basic); a public one sends its id alone.
        var basic = a.ClientSecret is { Length: > 0 } secret
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{a.ClientId}:{secret}")))
            : null;
        XAnswer answer;
        try
        {
            answer = await client.SendAsync(request, basic, ct);
        }
        catch (XException ex) when (ex.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            // Another instance may have rotated the token a moment ago: its newer pair is then in the store.
            if (await LoadAsync(accountId, seed, ct) is { } stored && stored.RefreshToken != refreshToken && stored.ExpiresAt > clock.Now())
                return stored;
            log.LogWarning("X refused the refresh token for {AccountId} ({Error})", accountId, ex.Title);
            throw new DeliveryException(DeliveryFailure.Permanent, $"X refused the refresh token for {accountId} ({ex.Detail}): {Reauthorise(accountId)}", inner: ex);
        }
        catch (XException ex)
        {
            throw ex.ToDelivery("refreshing the X access token");
        }
        var body = answer.Body;
        var access = PlatformHttp.Str(body["access_token"]) ?? throw new DeliveryException(DeliveryFailure.Transient, "X's token answer has no access_token");
        var seconds = body["expires_in"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<long>(out var s) && s > 0 ? s : 7200;
        var now = clock.Now();
        log.LogInformation("X access token for {AccountId} refreshed; it expires in {Minutes} minutes", accountId, seconds / 60);
        return new XSession(access, PlatformHttp.Str(body["refresh_token"]) ?? refreshToken, now + Duration.FromSeconds(seconds), now, seed);
    }

    private static string Reauthorise(string accountId) =>
        $"re-authorise the account with X and set Accounts:{accountId}:RefreshToken to the new refresh token";

    private async Task<XSession?> LoadAsync(string accountId, string seed, CancellationToken ct)
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
            // A chain grown from another configured token is left behind: the operator has re-authorised since.
            return JsonSerializer.Deserialize<XSession>(_protector.Unprotect(stored)) is { } s && s.Seed == seed ? s : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            log.LogWarning("Stored X tokens for {AccountId} can't be read ({Error}); starting from the configured refresh token", accountId, ex.GetType().Name);
            return null;
        }
    }

    private async Task SaveAsync(string accountId, XSession session, CancellationToken ct)
    {
        try
        {
            // Protected before the unit of work opens, for the same reason as in LoadAsync (a new key is written there too).
            var text = _protector.Protect(JsonSerializer.Serialize(session));
            await using var uow = await db.BeginAsync(ct);
            await uow.PlatformSessions.SaveAsync(accountId, text, clock.Now(), ct);
            await uow.CommitAsync(ct);
        }
        catch
        {
            _unsaved[accountId] = session;
            throw;
        }
    }

    // Which configured refresh token a chain started from, without keeping the token itself.
    private string Seed(string accountId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Settings(accountId).RefreshToken ?? "")))[..16];

    private AccountOptions Settings(string accountId) =>
        accounts.Settings(accountId) is { Platform: Domain.Accounts.Platform.X } a ? a
            : throw new DeliveryException(DeliveryFailure.Permanent, $"account {accountId} is no longer configured for X");
}
