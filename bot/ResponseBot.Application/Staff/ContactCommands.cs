using ResponseBot.Domain.Paging;

namespace ResponseBot.Application.Staff;

/// <summary>"contact …": what the person asked to do with their own paging contacts. Nothing in it names anyone else.</summary>
public abstract record ContactCommand
{
    public sealed record Show : ContactCommand;
    public sealed record Set(PageChannel Channel, string Typed) : ContactCommand;
    public sealed record Remove(PageChannel Channel) : ContactCommand;
    /// <summary>Words after "contact" that aren't one of the above: answered with how to use it.</summary>
    public sealed record Unknown : ContactCommand;

    /// <summary>Reads the command from what was typed; the address itself is checked by the use case.</summary>
    public static ContactCommand Parse(string text)
    {
        var words = text.Trim().TrimEnd('.', '!', '?').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !words[0].Equals("contact", StringComparison.OrdinalIgnoreCase)) return new Unknown();
        if (words.Length == 1) return new Show();
        var verb = words[1].ToLowerInvariant();
        if (verb == "remove" && words.Length == 3 && ChannelNamed(words[2]) is { } removed) return new Remove(removed);
        // An address is one word; a number may be typed with spaces ("+44 7700 900123"), so every word after is the number.
        return ChannelNamed(verb) switch
        {
            PageChannel.Email when words.Length == 3 => new Set(PageChannel.Email, words[2]),
            PageChannel.Sms when words.Length >= 3 => new Set(PageChannel.Sms, string.Join(' ', words[2..])),
            _ => new Unknown(),
        };
    }

    private static PageChannel? ChannelNamed(string word) => word.ToLowerInvariant() switch
    {
        "email" or "e-mail" or "mail" => PageChannel.Email,
        "mobile" or "sms" or "phone" or "text" => PageChannel.Sms,
        _ => null,
    };
}

/// <summary>What the bot answers to "contact …".</summary>
public static class ContactTexts
{
    public const string Usage =
        "To be paged beyond Teams when a case waits too long for you, send \"contact email you@example.gov.uk\" or " +
        "\"contact mobile 07700 900123\" (UK, or any number written as +…). \"contact\" shows what you registered; " +
        "\"contact remove email\" or \"contact remove mobile\" removes one.";

    public const string NotStaff = "Only staff on the out-of-hours rota (or listed as officers or managers) are paged, so there is nothing to register.";

    public const string BadEmail = "That doesn't look like an e-mail address, so nothing was changed. Send it as \"contact email you@example.gov.uk\".";

    public const string BadMobile = "That doesn't look like a mobile number, so nothing was changed. Send a UK mobile as \"contact mobile 07700 900123\" " +
        "or any other as \"contact mobile +<country code> <number>\".";

    public const string PagingOff = " Paging beyond Teams isn't switched on yet: nothing will be sent until an administrator sets it up.";

    public static string ChannelOff(PageChannel channel) =>
        $" Pages by {(channel == PageChannel.Email ? "e-mail" : "text")} aren't switched on yet: none will be sent until an administrator sets them up.";

    public static string Saved(PageChannel channel, string address) => channel == PageChannel.Email
        ? $"Saved: if a case waits too long for you, you'll also get an e-mail at {address}."
        : $"Saved: if a case waits too long for you, you'll also get a text at {address}.";

    public static string Removed(PageChannel channel, bool had) => (channel, had) switch
    {
        (PageChannel.Email, true) => "Removed your e-mail address: you won't be paged by e-mail.",
        (PageChannel.Sms, true) => "Removed your mobile number: you won't be paged by text.",
        (PageChannel.Email, false) => "You had no e-mail address registered, so nothing changed.",
        _ => "You had no mobile number registered, so nothing changed.",
    };

    public static string Shown(StaffContact? c) => c is null
        ? "You have no e-mail address or mobile number registered, so you're paged in Teams only.\n\n" + Usage
        : $"Pages beyond Teams go to: e-mail {c.Email ?? "(none)"}, mobile {c.Mobile ?? "(none)"}.\n\n" + Usage;
}
