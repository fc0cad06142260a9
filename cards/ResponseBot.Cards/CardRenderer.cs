using System.Text.Json.Nodes;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;

namespace ResponseBot.Cards;

/// <summary>The builders behind the application's card port.</summary>
public sealed class CardRenderer : ICardRenderer
{
    public RenderedCard Case(CaseCardModel model) => new(CaseCards.Build(model).ToJson(), CaseCards.Summary(model));

    public JsonObject WhoIsOnCall(WhoIsOnCallModel model) => RotaCards.WhoIsOnCall(model).ToJson();

    public JsonObject RotaWeek(RotaWeekModel model) => RotaCards.Week(model).ToJson();

    public JsonObject SwapOffer(SwapCardModel model) => SwapCards.Offer(model).ToJson();

    public JsonObject SwapApproval(SwapCardModel model) => SwapCards.Approval(model).ToJson();

    public JsonObject NoAccess() => CaseCards.NoAccess().ToJson();

    public JsonObject Help(HelpCardModel model) => HelpCards.Help(model).ToJson();

    public JsonObject TeamWelcome(TeamWelcomeModel model) => HelpCards.TeamWelcome(model).ToJson();

    public JsonObject CaseList(CaseListModel model) => CaseListCards.List(model).ToJson();

    public JsonObject Sources(SourcesModel model) => SourceCards.Health(model).ToJson();

    public JsonObject Elections(ElectionsCardModel model) => ElectionCards.List(model).ToJson();

    public RenderedCard Report(ReportCardModel model) => new(ReportCards.Report(model).ToJson(), ReportCards.Summary(model));

    public JsonObject RotaReport(RotaReportCardModel model) => RotaReportCards.Hours(model).ToJson();
}
