namespace ResponseBot.Testing;

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    /// <param name="diagnostics">What to add to the failure (e.g. the host's warnings), read only when it times out.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? pollEvery = null,
        Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(pollEvery ?? TimeSpan.FromMilliseconds(50));
        }
        throw new TimeoutException($"Timed out waiting for: {what}" + (diagnostics is null ? "" : Environment.NewLine + diagnostics()));
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout, diagnostics: diagnostics);
}
