using ResponseBot.Domain;
using NodaTime;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Rota;

/// <summary>The cover-request cards, gathered inside a unit of work: names, local times and who sees the live copy.</summary>
public sealed class SwapViews(RotaConfig rota, ICardRenderer renderer, TimeProvider clock)
{
    public async Task<SwapCardModel> ModelAsync(IUnitOfWork uow, SwapRequest s, CancellationToken ct)
    {
        var name = await RotaViews.NamesAsync(uow, [s.RequesterId, s.TakenBy], ct);
        return new SwapCardModel(s, name(s.RequesterId), s.TakenBy is { } t ? name(t) : null, rota.Zone);
    }

    /// <summary>How the shift reads in messages: "primary shift from Tue 24 Nov 17:00 to Wed 25 Nov 09:00".</summary>
    public string When(SwapRequest s) => $"{RotaText.Name(s.Layer)} shift from {RotaText.Local(s.Start, rota.Zone)} to {RotaText.Local(s.End, rota.Zone)}";

    /// <summary>The Teams user ids of those offered the swap, whose copies Teams refreshes when they look.</summary>
    public static async Task<IReadOnlyList<string>> RefreshForAsync(IUnitOfWork uow, IReadOnlyList<string> staffIds, CancellationToken ct)
    {
        var ids = await uow.Staff.ChannelUserIdsAsync(staffIds, ct);
        return staffIds.Where(ids.ContainsKey).Select(id => ids[id]).ToList();
    }

    /// <summary>The request as it stands, as an offer (refreshing for everyone asked) or as the coordinators' approval card.</summary>
    public async Task<InteractionReply> CardAsync(IUnitOfWork uow, SwapRequest s, CancellationToken ct, string? notice = null, bool approval = false)
    {
        var model = await ModelAsync(uow, s, ct) with { Notice = notice };
        if (approval) return new InteractionReply.Card(renderer.SwapApproval(model));
        var now = clock.Now();
        var plan = await uow.PlanAsync(rota, new Interval(now, now + Duration.FromDays(1)), ct);
        return new InteractionReply.Card(renderer.SwapOffer(model with { RefreshFor = await RefreshForAsync(uow, Swaps.Candidates(plan, s.Layer, s.RequesterId), ct) }));
    }

    public static readonly InteractionReply NotFound = new InteractionReply.Error(404, "NotFound", "This cover request no longer exists.");
}
