using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Unit;

/// <summary>The report cards draw the figures they were given, the same in a chart as in its fallback, and keep names out of markdown.</summary>
public sealed class ReportCardsTests
{
    private static JsonObject Sample(string name) => CardCatalogue.All(DateTimeZoneProviders.Tzdb["Europe/London"]).Single(c => c.Name == name).Card.ToJson();

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private static JsonObject Chart(JsonObject card, string type) => card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == type)!.AsObject();

    // The table's rows after the header, as the text of each cell.
    private static List<string[]> Rows(JsonNode table) => table["rows"]!.AsArray().Skip(1)
        .Select(r => r!["cells"]!.AsArray().Select(c => JsonText.Of(c)).ToArray()).ToList();

    [Fact]
    public void Each_chart_and_its_fallback_table_carry_the_same_numbers()
    {
        var card = Sample("report-digest");
        var bars = Chart(card, "Chart.VerticalBar");
        Assert.Equal(bars["data"]!.AsArray().Select(p => new[] { p!["x"]!.GetValue<string>(), p["y"]!.GetValue<double>().ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            Rows(bars["fallback"]!));
        Assert.Equal([["@ExampleCouncil on X", "4"], ["@council.bsky.social on Bluesky", "1"], ["@Example Council on Facebook", "1"]], Rows(bars["fallback"]!));

        var donut = Chart(card, "Chart.Donut");
        Assert.Equal([("Emergency", 1.0), ("Urgent", 1.0), ("Normal", 4.0)], donut["data"]!.AsArray().Select(p => (p!["legend"]!.GetValue<string>(), p["value"]!.GetValue<double>())));
        Assert.Equal([["Emergency", "1"], ["Urgent", "1"], ["Normal", "4"]], Rows(donut["fallback"]!));

        var line = Chart(card, "Chart.Line");
        var mentions = line["data"]![0]!["values"]!.AsArray().Select(v => v!["y"]!.GetValue<double>()).ToList();
        Assert.Equal(6, mentions.Sum());
        Assert.Equal(mentions, Rows(line["fallback"]!).Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_headline_figures_and_who_handled_what_are_on_the_card_with_names_only_in_text_runs()
    {
        var card = Sample("report-digest");
        var facts = Nodes(card).Single(n => n["type"]?.GetValue<string>() == "FactSet")["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("6: 4 replied, 1 dismissed, 1 still open", facts["Mentions"]);
        Assert.Equal("median 19 min, 90th percentile 95 min, longest 95 min", facts["First response"]);   // 4, 12, 25 and 95 minutes
        Assert.Equal("3: #1043, #1046, #1050", facts["Respond-by missed"]);
        Assert.Equal("1 because nobody acted in time (#1046); 1 by staff (#1050)", facts["Escalations"]);
        Assert.StartsWith("Out-of-hours report, Fri 20 Nov 17:00 to Mon 23 Nov 08:30", card["fallbackText"]!.GetValue<string>());

        var staff = Nodes(card).Where(n => n["type"]?.GetValue<string>() == "Table").Last();
        // Busiest first.
        Assert.Equal([["Alex Wilber", "2", "0", "1"], ["Megan Bowen", "1", "1", "0"], [CardCatalogue.HostileName, "1", "0", "0"]], Rows(staff));
        // A hostile display name reaches the card only as a TextRun, never as markdown.
        Assert.All(Nodes(card).Where(n => n.Any(p => p.Value is JsonValue v && v.ToString().Contains("Chief Constable"))),
            n => Assert.Equal("TextRun", n["type"]?.GetValue<string>()));
    }

    [Fact]
    public void The_csv_link_is_a_button_only_when_there_is_one_and_a_quiet_night_draws_no_charts()
    {
        Assert.Equal("Download CSV", Sample("report-week-with-trend")["actions"]![0]!["title"]!.GetValue<string>());
        Assert.Null(Sample("report-digest")["actions"]);
        var quiet = Sample("report-digest-quiet");
        Assert.DoesNotContain(Nodes(quiet), n => n["type"]?.GetValue<string>()?.StartsWith("Chart.") == true);
        Assert.EndsWith(": no mentions came in.", quiet["fallbackText"]!.GetValue<string>());
    }

    [Fact]
    public void The_trend_is_told_beside_each_headline_figure()
    {
        var facts = JsonText.Of(Nodes(Sample("report-week-with-trend")).Single(n => n["type"]?.GetValue<string>() == "FactSet"));
        Assert.Contains("(+50% mentions)", facts);
        Assert.Contains("(median 10 min faster)", facts);
        Assert.Contains("(+1 missed respond-by time)", facts);
    }
}
