using ResponseBot.Domain.Paging;

namespace ResponseBot.Application.Ports;

/// <summary>One page to one address. <see cref="Key"/> is stable across retries of the same page.</summary>
public sealed record PageMessage(string To, PageContent Content, string Key);

/// <summary>Sends pages on one channel (e-mail, SMS). Throws <see cref="Domain.DeliveryException"/> to retry or give up.</summary>
public interface IPageSender
{
    PageChannel Channel { get; }

    Task SendAsync(PageMessage page, CancellationToken ct);
}
