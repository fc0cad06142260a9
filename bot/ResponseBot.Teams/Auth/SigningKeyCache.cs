using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ResponseBot.Teams.Auth;

/// <summary>The signing keys are unreachable and we hold none that fit: the caller should answer 503.</summary>
public sealed class SigningKeysUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Signing keys from the OpenID metadata document's JWKS. Refreshed when older than
/// <see cref="MaxAge"/> (keys are added without notice) and at once on an unknown key id; one refresh
/// at a time, so a burst of requests with a new kid costs one fetch, not hundreds.
/// </summary>
public sealed class SigningKeyCache(HttpClient http, Uri metadataUrl, TimeProvider clock, ILogger<SigningKeyCache> log)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyDictionary<string, SigningKey> _keys = new Dictionary<string, SigningKey>();
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private bool _lastAttemptFailed;
    private int _attempts;

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The least time between two fetches, whatever prompted them (an unknown kid, the daily refresh, an outage),
    /// so forged kids or a down endpoint can't make us hammer it.
    /// </summary>
    public TimeSpan MinForcedRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int Fetches { get; private set; }

    /// <summary>The key for <paramref name="kid"/>, or null if the current document doesn't have it.
    /// Throws <see cref="SigningKeysUnavailableException"/> when we hold no keys and can't get any.</summary>
    public async Task<SigningKey?> FindAsync(string kid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var wanted = now - _fetchedAt > MaxAge || !_keys.ContainsKey(kid);
        if (wanted && (_attempts == 0 || now - _lastAttempt >= MinForcedRefreshInterval))
            await RefreshAsync(_attempts, ct);
        else if (wanted)
        {
            // Not allowed to fetch again yet, but one may be in flight right now: wait for it and use its outcome.
            await _refresh.WaitAsync(ct);
            _refresh.Release();
        }
        if (_keys.Count == 0 && _lastAttemptFailed)
            throw new SigningKeysUnavailableException("signing keys unavailable");
        // Read the current set again: a refresh by someone else may have brought the key in meanwhile.
        return _keys.GetValueOrDefault(kid);
    }

    private async Task RefreshAsync(int seenAttempts, CancellationToken ct)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            // Someone else tried while we waited: their outcome is ours, whichever way it went.
            if (_attempts != seenAttempts) return;
            _attempts++;
            _lastAttempt = clock.GetUtcNow();
            try
            {
                _keys = await FetchAsync(ct);
                _fetchedAt = _lastAttempt;
                _lastAttemptFailed = false;
                log.LogInformation("Loaded {Count} Bot Framework signing keys from {MetadataUrl}", _keys.Count, metadataUrl);
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                // Keys we already hold keep working; without any, callers get a 503 until a later attempt succeeds.
                _lastAttemptFailed = true;
                log.LogWarning("Could not refresh signing keys from {MetadataUrl}: {Error}", metadataUrl, ex.Message);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, SigningKey>> FetchAsync(CancellationToken ct)
    {
        Fetches++;
        using var metadata = JsonDocument.Parse(await http.GetStringAsync(metadataUrl, ct));
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var j) && j.ValueKind == JsonValueKind.String
            ? new Uri(j.GetString()!) : throw new InvalidOperationException("metadata has no jwks_uri");
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(jwksUri, ct));
        if (!jwks.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            throw new InvalidOperationException("JWKS has no keys array");
        return keys.EnumerateArray().Select(SigningKey.FromJwk).OfType<SigningKey>()
            .GroupBy(k => k.KeyId).ToDictionary(g => g.Key, g => g.First());
    }
}
