using System.Text.Json.Nodes;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Elections;

/// <summary>Gathers the pre-election periods card inside a unit of work; the card builder formats it.</summary>
public sealed class ElectionViews(ReplyPolicy policy, RotaConfig rota, IAccountDirectory accounts, ICardRenderer renderer, TimeProvider clock)
{
    public const string Summary = "Pre-election periods";

    public async Task<JsonObject> CardAsync(IUnitOfWork uow, string viewerId, CancellationToken ct, string? notice = null)
    {
        var today = clock.Now().InZone(rota.Zone).Date;
        var choices = accounts.Ids.Select(id => new AccountChoice(id, accounts.Find(id)?.PostedAs ?? id)).ToList();
        return renderer.Elections(new ElectionsCardModel(await uow.ElectionPeriodsAsync(policy, today, ct), today, rota.IsManager(viewerId), choices, notice));
    }
}
