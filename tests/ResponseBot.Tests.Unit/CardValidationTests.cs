using NodaTime;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Unit;

/// <summary>Every card variant, checked by Microsoft's own Adaptive Cards parser (npm adaptivecards) at 1.5.</summary>
public sealed class CardValidationTests
{
    [Fact]
    public async Task Every_card_parses_at_1_5_with_no_events_no_dropped_properties_and_under_40_KB()
    {
        var dir = RepoPaths.Artifacts("cards");
        var files = new List<string>();
        foreach (var (name, card) in CardCatalogue.All(DateTimeZoneProviders.Tzdb["Europe/London"]))
        {
            var path = Path.Combine(dir, name + ".json");
            await File.WriteAllTextAsync(path, card.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            files.Add(path);
        }

        var output = await Proc.RunAsync("node", [Path.Combine(RepoPaths.NodeTools, "validate-cards.js"), .. files]);

        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(files.Count, results.Count);
        Assert.All(results, r =>
        {
            var file = Path.GetFileName(r["file"]!.GetValue<string>());
            Assert.True(r["events"]!.AsArray().Count == 0, $"{file}: {r["events"]!.ToJsonString()}");
            Assert.True(r["dropped"]!.AsArray().Count == 0, $"{file}: {r["dropped"]!.ToJsonString()}");
            Assert.True(r["bytes"]!.GetValue<int>() < 40 * 1024, $"{file} is {r["bytes"]} bytes");
        });
        // The fallbacks were checked too (eight Execute actions with Submit fallbacks on an open card).
        Assert.Equal(8, results.Single(r => r["file"]!.GetValue<string>().EndsWith("case-new.json"))["fallbacks"]!.GetValue<int>());
        // Teams' charts were checked through their fallbacks (three on a report with mentions).
        Assert.Equal(3, results.Single(r => r["file"]!.GetValue<string>().EndsWith("report-digest.json"))["charts"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_validator_checks_each_chart_by_its_fallback_and_its_documented_shape()
    {
        var card = CardCatalogue.All(DateTimeZone.Utc).Single(c => c.Name == "report-digest").Card.ToJson();
        var charts = card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>().StartsWith("Chart.")).Select(e => e!.AsObject()).ToList();
        charts[0]["showBarValue"] = true;                                   // not a Chart.VerticalBar property
        charts[1]["fallback"]!["firstRowAsHeadr"] = false;                  // a typo in the table a host without charts shows
        charts[2].Remove("fallback");                                       // nothing for hosts without charts
        var path = Path.Combine(Path.GetTempPath(), $"charts-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, card.ToJsonString());

        var result = JsonNode.Parse(await Proc.RunAsync("node", [Path.Combine(RepoPaths.NodeTools, "validate-cards.js"), path]))!;

        var events = result["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
        Assert.Contains("Chart.VerticalBar: unknown property showBarValue", events);
        Assert.Contains("Chart.Line: no element fallback for hosts without charts", events);
        Assert.Contains("Unknown element type \"Chart.Line\". Fallback will be used if present.", events);
        Assert.DoesNotContain("Unknown element type \"Chart.Donut\". Fallback will be used if present.", events);
        Assert.Contains(result["dropped"]!.AsArray(), d => d!.GetValue<string>().EndsWith(".firstRowAsHeadr"));
    }

    [Fact]
    public async Task The_validator_itself_catches_a_misspelt_property()
    {
        var card = CardCatalogue.All(DateTimeZone.Utc).First().Card.ToJson();
        card["body"]![0]!["wieght"] = "Bolder";
        var path = Path.Combine(Path.GetTempPath(), $"typo-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, card.ToJsonString());
        var result = JsonNode.Parse(await Proc.RunAsync("node", [Path.Combine(RepoPaths.NodeTools, "validate-cards.js"), path]))!;
        Assert.Contains("body[0].wieght", result["dropped"]!.AsArray().Select(d => d!.GetValue<string>()));
    }
}

public sealed class CardsCommandTests
{
    [Fact]
    public void Cards_dump_writes_one_json_file_per_card_variant()
    {
        var dir = Directory.CreateTempSubdirectory("cards-dump-").FullName;
        Assert.True(ResponseBot.Host.Cli.CardsCommand.TryRun(["cards", "dump", dir], out var exit));
        Assert.Equal(0, exit);
        var expected = CardCatalogue.All(DateTimeZone.Utc).Select(c => c.Name + ".json").Order();
        Assert.Equal(expected, Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        Assert.All(Directory.GetFiles(dir), f => Assert.Equal("AdaptiveCard", JsonNode.Parse(File.ReadAllText(f))!["type"]!.GetValue<string>()));
        Assert.False(ResponseBot.Host.Cli.CardsCommand.TryRun(["--urls", "x"], out _));
        Assert.True(ResponseBot.Host.Cli.CardsCommand.TryRun(["cards", "bogus"], out var usage));
        Assert.Equal(2, usage);
    }
}
