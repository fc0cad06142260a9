using System.Text.Json.Nodes;
using ResponseBot.Application.Views;

namespace ResponseBot.Application.Ports;

/// <summary>A rendered card and the line Teams shows in notifications (which never holds public text).</summary>
public sealed record RenderedCard(JsonObject Card, string Summary);

/// <summary>Turns view models into Adaptive Card JSON. Pure: the same model gives the same card.</summary>
public interface ICardRenderer
{
    RenderedCard Case(CaseCardModel model);

    JsonObject WhoIsOnCall(WhoIsOnCallModel model);

    JsonObject RotaWeek(RotaWeekModel model);

    JsonObject SwapOffer(SwapCardModel model);

    JsonObject SwapApproval(SwapCardModel model);

    JsonObject Help(HelpCardModel model);

    JsonObject TeamWelcome(TeamWelcomeModel model);

    JsonObject CaseList(CaseListModel model);

    JsonObject Sources(SourcesModel model);

    JsonObject Elections(ElectionsCardModel model);

    RenderedCard Report(ReportCardModel model);

    JsonObject RotaReport(RotaReportCardModel model);

    /// <summary>A neutral "you don't have access to this case" card: nothing from the case on it.</summary>
    JsonObject NoAccess();
}
