using System.Text.RegularExpressions;

namespace ResponseBot.Domain.Paging;

/// <summary>How to reach one member of staff beyond Teams; either may be missing.</summary>
public sealed record StaffContact(string StaffId, string? Email, string? Mobile)
{
    public string? For(PageChannel channel) => channel == PageChannel.Email ? Email : Mobile;
}

/// <summary>
/// What staff type as their e-mail address or mobile number, checked and written one way. Deliberately narrower than the
/// RFCs allow: no quotes, spaces or angle brackets can reach a mail header, and only numbers that can take a text are kept.
/// </summary>
public static partial class ContactDetails
{
    /// <summary>The address with its domain in lower case, or null when it isn't the shape of an e-mail address.</summary>
    public static string? Email(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 254 || !EmailShape().IsMatch(trimmed)) return null;
        var at = trimmed.LastIndexOf('@');
        var local = trimmed[..at];
        if (local.Length > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)) return null;
        return local + "@" + trimmed[(at + 1)..].ToLowerInvariant();
    }

    /// <summary>
    /// The number in E.164 (+447700900123), or null. A UK number may be written nationally (07700 900123) or with +44 / 0044,
    /// and must be a mobile (07…): a landline can't take a text. Any other country's number must be written in full (+…).
    /// </summary>
    public static string? Mobile(string text)
    {
        // "+44 (0)7700 900-123": the (0) is the national prefix people write alongside the country code.
        var digits = Separators().Replace(text.Trim().Replace("(0)", "", StringComparison.Ordinal), "");
        if (digits.StartsWith("00", StringComparison.Ordinal)) digits = "+" + digits[2..];
        else if (digits.StartsWith('0')) digits = "+44" + digits[1..];
        if (!E164().IsMatch(digits)) return null;
        return digits.StartsWith("+44", StringComparison.Ordinal) && !UkMobile().IsMatch(digits) ? null : digits;
    }

    // One @, a local part of the characters mail systems accept unquoted, a domain of two or more labels ending in letters.
    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^\+447[0-9]{9}$")]
    private static partial Regex UkMobile();
}
