using Microsoft.AspNetCore.Http;

namespace ResponseBot.Http;

// Linked into each project that reads request bodies itself (one source, no shared assembly needed).

internal static class RequestBody
{
    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger. Refuses early on Content-Length.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
