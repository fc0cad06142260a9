namespace ResponseBot.Platforms.Mastodon;

/// <summary>
/// A reply is never seen by more people than the mention it answers: a private mention (direct) gets a private reply, a
/// followers-only one a followers-only reply. A visibility we don't know (a fork's "local", a future one) gets the narrowest.
/// </summary>
public static class MastodonVisibility
{
    // Narrowest first.
    private static readonly string[] Order = ["direct", "private", "unlisted", "public"];

    public static string ForReply(string? mention) =>
        Order.FirstOrDefault(v => string.Equals(v, mention, StringComparison.OrdinalIgnoreCase)) ?? "direct";

    /// <summary>
    /// The text addressed to the author. Mastodon delivers a direct reply only to the accounts it mentions, and threads expect
    /// the author named, so "@acct " is put first unless the text already mentions them.
    /// </summary>
    public static string Addressed(string text, string acct)
    {
        var handle = "@" + acct.TrimStart('@');
        var at = 0;
        while ((at = text.IndexOf(handle, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var after = at + handle.Length;
            var endsWord = after == text.Length || !(char.IsLetterOrDigit(text[after]) || text[after] is '_' or '@' or '.' && after + 1 < text.Length && char.IsLetterOrDigit(text[after + 1]));
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && endsWord) return text;
            at = after;
        }
        return $"{handle} {text}";
    }
}
