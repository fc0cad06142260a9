using MailKit.Security;

namespace ResponseBot.Paging;

/// <summary>
/// <c>Paging:*</c> — pages beyond Teams. Off unless configured; e-mail needs <c>Smtp:Host</c> and <c>From</c>, SMS its three
/// Twilio keys. A channel configured half-way stops the bot at start, naming what is missing.
/// </summary>
public sealed class PagingOptions
{
    public const string Section = "Paging";

    /// <summary>The e-mail sender, e.g. <c>ResponseBot &lt;responsebot@council.gov.uk&gt;</c>.</summary>
    public string? From { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();
}

public enum SmtpSecurity { None, StartTls, SslOnConnect }

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>Unset: 587 with StartTls, 465 with SslOnConnect, 25 with None.</summary>
    public int? Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? User { get; set; }

    /// <summary>Never logged.</summary>
    public string? Password { get; set; }

    public int PortOrDefault => Port ?? Security switch { SmtpSecurity.SslOnConnect => 465, SmtpSecurity.None => 25, _ => 587 };

    // StartTls is required, not "when offered": a server that stops offering it must not get the password in the clear.
    public SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}

public sealed class SmsOptions
{
    public const string TwilioApi = "https://api.twilio.com/";

    public string? AccountSid { get; set; }

    /// <summary>Never logged.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sending number in E.164 (a Twilio number or verified caller id).</summary>
    public string? From { get; set; }

    /// <summary>Where Twilio's API is reached; changed only for a proxy or a test stand-in.</summary>
    public string BaseUrl { get; set; } = TwilioApi;
}
