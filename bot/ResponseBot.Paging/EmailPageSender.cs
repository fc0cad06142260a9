using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Paging;

namespace ResponseBot.Paging;

/// <summary>
/// Pages by e-mail through the organisation's SMTP server (MailKit): one connection per page, plain text only. A 4xx answer or a
/// dropped connection is retried by the outbox; a 5xx (the address refused, the login wrong) fails the page.
/// </summary>
public sealed class EmailPageSender(IOptions<PagingOptions> options, TimeProvider clock) : IPageSender
{
    public PageChannel Channel => PageChannel.Email;

    public async Task SendAsync(PageMessage page, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From!));
        message.To.Add(MailboxAddress.Parse(page.To));
        message.Subject = page.Content.Subject;
        message.Date = clock.GetUtcNow();
        // The same id on a retry, so a mail client shows a page the outbox had to send again as one.
        message.MessageId = $"{page.Key}@{message.From.Mailboxes.First().Domain}";
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = page.Content.Body };

        using var smtp = new SmtpClient { Timeout = 20_000 };
        try
        {
            await smtp.ConnectAsync(o.Smtp.Host!, o.Smtp.PortOrDefault, o.Smtp.SocketOptions, ct);
            if (!string.IsNullOrEmpty(o.Smtp.User)) await smtp.AuthenticateAsync(o.Smtp.User, o.Smtp.Password ?? "", ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            throw new DeliveryException(code is >= 400 and < 500 ? DeliveryFailure.Transient : DeliveryFailure.Permanent, $"SMTP server answered {code}", inner: ex);
        }
        catch (AuthenticationException ex)
        {
            throw new DeliveryException(DeliveryFailure.Permanent, "the SMTP server refused Paging:Smtp:User's login", inner: ex);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or SslHandshakeException or ServiceNotConnectedException)
        {
            throw new DeliveryException(DeliveryFailure.Transient, "SMTP server unreachable or dropped the connection: " + ex.GetType().Name, inner: ex);
        }
    }
}
