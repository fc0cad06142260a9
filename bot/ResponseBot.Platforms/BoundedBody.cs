using ResponseBot.Domain;

namespace ResponseBot.Platforms;

/// <summary>A platform's answer read at most <c>max</c> bytes: a hostile or broken server can't exhaust memory.</summary>
internal static class BoundedBody
{
    public static async Task<string> ReadAsync(HttpResponseMessage response, int max, string platform, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) throw new DeliveryException(DeliveryFailure.Transient, $"{platform}'s answer is too large");
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
