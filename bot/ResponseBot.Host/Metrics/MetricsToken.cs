using System.Security.Cryptography;
using System.Text;

namespace ResponseBot.Host.Metrics;

/// <summary><c>Metrics:BearerToken</c>: a scrape without it is answered 401 with the reason, and never reaches the exporter.</summary>
internal sealed class MetricsToken(string? expected)
{
    // Hashed first, so the comparison takes the same time whatever the length of what was sent.
    private readonly byte[]? _expectedHash = string.IsNullOrEmpty(expected) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(expected));

    public async Task RequireAsync(HttpContext http, Func<Task> next)
    {
        if (_expectedHash is null)
        {
            await next();
            return;
        }
        var header = http.Request.Headers.Authorization.ToString();
        string? reason = null;
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            reason = "metrics need Authorization: Bearer <Metrics:BearerToken>";
        else if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim())), _expectedHash))
            reason = "the bearer token is not the metrics token";
        if (reason is null)
        {
            await next();
            return;
        }
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        await http.Response.WriteAsJsonAsync(new { error = reason });
    }
}
