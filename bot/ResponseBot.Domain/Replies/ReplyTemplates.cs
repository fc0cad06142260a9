using System.Text;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Domain.Replies;

public static class ReplyTemplates
{
    public const string Default =
        "Hi {author}, thanks for getting in touch. We've passed this to the team on duty and will get back to you. " +
        "If someone is in danger or a crime is happening now, call 999.";

    /// <summary>Fills a template's placeholders. The author handle is reduced to handle characters
    /// because it is attacker-chosen and ends up in a public post under our name.</summary>
    public static string Render(string template, Mention mention, Account account) =>
        template
            .Replace("{author}", "@" + SafeHandle(mention.Author.Handle), StringComparison.Ordinal)
            .Replace("{account}", "@" + SafeHandle(account.Handle), StringComparison.Ordinal);

    public static string SuggestFor(Mention mention, Account account) =>
        Render(account.SuggestedReply ?? Default, mention, account);

    internal static string SafeHandle(string handle)
    {
        var sb = new StringBuilder();
        foreach (var ch in handle.TrimStart('@'))
        {
            if (sb.Length == 64) break;
            if (char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-') sb.Append(ch);
        }
        return sb.Length == 0 ? "there" : sb.ToString();
    }
}
