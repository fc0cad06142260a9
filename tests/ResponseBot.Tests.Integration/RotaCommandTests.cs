using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NodaTime;
using Npgsql;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Cli;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>The admin CLI on the host binary, reading the real configuration and database.</summary>
public sealed class RotaCommandTests(PostgresFixture pg)
{
    private async Task<(int? Exit, string Out, string Err)> RunAsync(string connectionString, params string[] args)
    {
        var settings = BotHost.DefaultSettings(connectionString, new Uri("http://127.0.0.1:9/"));
        RotaSettings.Nightly(settings, "2026-03-23", ["alex", "megan"], manager: "mia");
        settings["Organisation:WeekendsAllDay"] = "false";
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await RotaCommand.TryRunAsync(args, output, errors, b => b.Configuration.AddInMemoryCollection(settings));
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Rota_who_says_who_holds_each_layer_at_a_time_including_overrides_from_the_database()
    {
        var connectionString = await pg.NewDatabaseAsync();
        var (exit, output, _) = await RunAsync(connectionString, "rota", "who", "--at", "2026-03-24T22:00:00Z");
        Assert.Equal(0, exit);
        Assert.Contains("Primary    megan", output);
        Assert.Contains("Secondary  (nobody)", output);
        Assert.Contains("Manager    mia", output);

        await new Db(connectionString).AddOverrideAsync("Primary", "sam", Instant.FromUtc(2026, 3, 24, 20, 0), Instant.FromUtc(2026, 3, 25, 2, 0), "megan");
        var (_, json, _) = await RunAsync(connectionString, "rota", "who", "--at", "2026-03-24T22:00:00Z", "--format", "json");
        var primary = JsonNode.Parse(json)!["layers"]!.AsArray().Single(l => l!["layer"]!.GetValue<string>() == "Primary")!;
        Assert.Equal("sam", primary["staffId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rota_shifts_lists_a_week_including_the_spring_clock_change_night_as_15_hours()
    {
        var (exit, json, _) = await RunAsync(await pg.NewDatabaseAsync(), "rota", "shifts", "--from", "2026-03-26", "--to", "2026-04-01", "--format", "json");
        Assert.Equal(0, exit);
        var shifts = JsonNode.Parse(json)!.AsArray().Where(s => s!["layer"]!.GetValue<string>() == "Primary").ToList();
        var springNight = shifts.Single(s => s!["start"]!.GetValue<string>().StartsWith("2026-03-28T17:00"));
        Assert.Equal(15, springNight!["hours"]!.GetValue<double>());
        Assert.EndsWith("+01", springNight["end"]!.GetValue<string>()); // 09:00 BST
        Assert.All(shifts, s => Assert.NotNull(s!["staffId"]));
    }

    [Theory]
    [InlineData("rota")]
    [InlineData("rota", "who")]
    [InlineData("rota", "who", "--at", "tuesday")]
    [InlineData("rota", "shifts", "--from", "2026-01-01")]
    [InlineData("rota", "who", "--at", "2026-03-24T22:00:00Z", "--format", "xml")]
    [InlineData("rota", "who", "--at", "2026-03-24T22:00:00Z", "--account", "nope")]
    public async Task Bad_arguments_exit_2_with_a_reason(params string[] args)
    {
        var (exit, _, errors) = await RunAsync(await pg.NewDatabaseAsync(), args);
        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(errors));
    }

    [Fact]
    public async Task Other_commands_are_not_the_rota_commands_business() =>
        Assert.Null(await RotaCommand.TryRunAsync(["--urls", "http://127.0.0.1:1"], TextWriter.Null, TextWriter.Null));
}
