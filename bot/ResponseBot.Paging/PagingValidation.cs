using Microsoft.Extensions.Options;
using MimeKit;
using ResponseBot.Domain.Paging;

namespace ResponseBot.Paging;

/// <summary>
/// Paging options at start: a channel is on when any of its keys is set, and then every key it needs must be, so a typo in one
/// environment variable stops the bot at boot rather than losing a page at 3 a.m.
/// </summary>
public sealed class PagingValidation(bool development) : IValidateOptions<PagingOptions>
{
    public ValidateOptionsResult Validate(string? name, PagingOptions o)
    {
        var problems = Problems(o, development).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static bool EmailConfigured(PagingOptions o) =>
        Set(o.Smtp.Host) || Set(o.From) || Set(o.Smtp.User) || Set(o.Smtp.Password) || o.Smtp.Port is not null;

    public static bool SmsConfigured(PagingOptions o) =>
        Set(o.Sms.AccountSid) || Set(o.Sms.AuthToken) || Set(o.Sms.From) || o.Sms.BaseUrl != SmsOptions.TwilioApi;

    public static IReadOnlyList<PageChannel> Channels(PagingOptions o) =>
        [.. EmailConfigured(o) ? [PageChannel.Email] : Array.Empty<PageChannel>(), .. SmsConfigured(o) ? [PageChannel.Sms] : Array.Empty<PageChannel>()];

    private static IEnumerable<string> Problems(PagingOptions o, bool development)
    {
        if (EmailConfigured(o))
        {
            const string half = " (paging by e-mail is half configured)";
            if (!Set(o.Smtp.Host)) yield return "Paging:Smtp:Host is not set" + half + ".";
            if (!Set(o.From)) yield return "Paging:From is not set" + half + ".";
            else if (!MailboxAddress.TryParse(o.From, out var from) || ContactDetails.Email(from.Address) is null)
                yield return "Paging:From is not an e-mail address.";
            if (Set(o.Smtp.User) != Set(o.Smtp.Password))
                yield return (Set(o.Smtp.User) ? "Paging:Smtp:Password" : "Paging:Smtp:User") + " is not set: set both, or neither for a relay without login.";
            if (o.Smtp.Port is not null and not (>= 1 and <= 65535)) yield return "Paging:Smtp:Port must be between 1 and 65535.";
            if (!development && o.Smtp.Security == SmtpSecurity.None && Set(o.Smtp.User))
                yield return "Paging:Smtp:Security=None would send the SMTP password in the clear: use StartTls or SslOnConnect.";
        }
        if (SmsConfigured(o))
        {
            const string half = " (paging by SMS is half configured)";
            if (!Set(o.Sms.AccountSid)) yield return "Paging:Sms:AccountSid is not set" + half + ".";
            if (!Set(o.Sms.AuthToken)) yield return "Paging:Sms:AuthToken is not set" + half + ".";
            if (!Set(o.Sms.From)) yield return "Paging:Sms:From is not set" + half + ".";
            else if (o.Sms.From!.Length is < 9 or > 16 || o.Sms.From[0] != '+' || !o.Sms.From[1..].All(char.IsAsciiDigit))
                yield return "Paging:Sms:From must be a number in E.164 (+ and 8 to 15 digits).";
            if (!Uri.TryCreate(o.Sms.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || (!development && url.Scheme != "https"))
                yield return "Paging:Sms:BaseUrl must be an absolute https URL (http only in Development).";
        }
    }

    private static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);
}
