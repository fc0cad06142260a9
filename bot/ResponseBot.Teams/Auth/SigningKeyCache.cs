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

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>An unknown kid forces a refresh at most this often, so forged kids can't make us hammer the endpoint.</summary>
    public TimeSpan MinForcedRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int Fetches { get; private set; }

    /// <summary>The key for <paramref name="kid"/>, or null if the current document doesn't have it.</summary>
    public async Task<SigningKey?> FindAsync(string kid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _fetchedAt > MaxAge)
            await RefreshAsync(_fetchedAt, staleOk: _keys.Count > 0, ct);
        if (_keys.TryGetValue(kid, out var key)) return key;
        if (clock.GetUtcNow() - _fetchedAt < MinForcedRefreshInterval) return null;

        await RefreshAsync(_fetchedAt, staleOk: false, ct);
        return _keys.GetValueOrDefault(kid);
    }

    private async Task RefreshAsync(DateTimeOffset seen, bool staleOk, CancellationToken ct)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            // Someone else refreshed while we waited: their result is ours.
            if (_fetchedAt != seen) return;
            _keys = await FetchAsync(ct);
            _fetchedAt = clock.GetUtcNow();
            log.LogInformation("Loaded {Count} Bot Framework signing keys from {MetadataUrl}", _keys.Count, metadataUrl);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Could not refresh signing keys from {MetadataUrl}: {Error}", metadataUrl, ex.Message);
            if (!staleOk) throw new SigningKeysUnavailableException("signing keys unavailable", ex);
            // Keep serving the keys we have and try again in a minute, not on every request.
            _fetchedAt = clock.GetUtcNow() - MaxAge + TimeSpan.FromMinutes(1);
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
