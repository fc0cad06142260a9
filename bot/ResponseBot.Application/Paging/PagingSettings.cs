using ResponseBot.Domain.Paging;

namespace ResponseBot.Application.Paging;

/// <summary>The channels pages can go out on, as configured; none: paging is off.</summary>
public sealed record PagingSettings(IReadOnlyList<PageChannel> Channels)
{
    public static readonly PagingSettings Off = new([]);

    public bool IsEnabled => Channels.Count > 0;
}
