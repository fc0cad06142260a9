using System.Text.RegularExpressions;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Domain.Records;

/// <summary>What of a member of the public's data a redaction removes.</summary>
[Flags]
public enum PersonalData
{
    None = 0,
    /// <summary>Who they are: author name, handle and profile link, and the parent post's author.</summary>
    Author = 1,
    /// <summary>What they wrote: the mention's text and link, the thread's text, a storm's text signature.</summary>
    Content = 2,
    All = Author | Content,
}

/// <summary>A case's personal fields as stored.</summary>
public sealed record PersonalCase(long Id, string AccountId, string AuthorName, string AuthorHandle, string? AuthorUrl, string Text, string? Url,
    string? ParentAuthor, string? ParentText, string? DraftText, string? ReplyText, bool LeadsStorm, PersonalData Redacted);

/// <summary>The case's fields after redaction; the store writes them as they are.</summary>
public sealed record RedactedCase(long Id, string AuthorName, string AuthorHandle, string? AuthorUrl, string Text, string? Url,
    string? ParentAuthor, string? ParentText, string? DraftText, string? ReplyText, PersonalData Redacted);

/// <summary>
/// How the public's personal data is removed while the record of decisions stays: times, actors, states, counts, reasons
/// and what the organisation itself published are kept; the person's name and handle are masked wherever they were
/// quoted (a reply that greets them by name), and their own words are removed. Pure: the store only writes the result.
/// </summary>
public static class Redaction
{
    public const string Mask = "[redacted]";

    /// <summary>
    /// Messages that would still post to the platform (a reply, a holding reply, a storm's statement, a hide): a case with
    /// one waiting is not finished. Card updates are not among them: cards are redrawn from the case as it now is.
    /// </summary>
    public static readonly IReadOnlyList<string> PostingKinds = [OutboxKinds.PublishReply, OutboxKinds.HoldingReply, OutboxKinds.StormFanout, OutboxKinds.Moderate];

    /// <summary>
    /// Log rows whose texts are the person's own words (the mention as received, an edit of it, the post as it was
    /// hidden): emptied when their content goes. Every other logged text (replies, reasons) only has their name masked.
    /// </summary>
    public static readonly IReadOnlyList<string> TheirWords =
        [DecisionActions.Received, DecisionActions.MentionEdited, DecisionActions.Hidden, DecisionActions.Unhidden];

    /// <summary>
    /// What identifies the person inside free text: their name and handle (with and without '@'); three characters at least,
    /// so a short name never eats into ordinary words. The database masks logged texts with the same terms and rule.
    /// </summary>
    public static IReadOnlyList<string> Terms(PersonalCase c) =>
        new[] { c.AuthorName.Trim(), c.AuthorHandle.Trim(), c.AuthorHandle.Trim().TrimStart('@'), "@" + c.AuthorHandle.Trim().TrimStart('@') }
            .Where(t => t.Length >= 3 && t != Mask && t != "@" + Mask)
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(t => t.Length).ToList();

    /// <summary>Each term, as a whole word (not inside a longer word), case-insensitively, becomes <see cref="Mask"/>.</summary>
    public static string? MaskTerms(string? text, IReadOnlyList<string> terms)
    {
        if (string.IsNullOrEmpty(text) || terms.Count == 0) return text;
        var pattern = $"(?<![\\p{{L}}\\p{{N}}_])({string.Join("|", terms.Select(Regex.Escape))})(?![\\p{{L}}\\p{{N}}_])";
        return Regex.Replace(text, pattern, Mask, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The case with <paramref name="what"/> removed (what was already removed stays removed).</summary>
    public static RedactedCase Case(PersonalCase c, PersonalData what)
    {
        var terms = Terms(c);
        var author = what.HasFlag(PersonalData.Author);
        var content = what.HasFlag(PersonalData.Content);
        return new RedactedCase(c.Id,
            AuthorName: author ? Mask : c.AuthorName,
            AuthorHandle: author ? Mask : c.AuthorHandle,
            AuthorUrl: author ? null : c.AuthorUrl,
            Text: content ? Mask : author ? MaskTerms(c.Text, terms)! : c.Text,
            Url: content || author ? null : c.Url,            // a post's link carries its author's handle on most platforms
            ParentAuthor: author || content ? null : c.ParentAuthor,
            ParentText: content ? null : author ? MaskTerms(c.ParentText, terms) : c.ParentText,
            DraftText: author ? MaskTerms(c.DraftText, terms) : c.DraftText,
            ReplyText: author ? MaskTerms(c.ReplyText, terms) : c.ReplyText,
            Redacted: c.Redacted | what);
    }
}
